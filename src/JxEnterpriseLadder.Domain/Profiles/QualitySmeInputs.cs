namespace JxEnterpriseLadder.Domain.Profiles;

// The inputs of the second ladder (优质中小企业梯度培育: 创新型 → 专精特新 → "小巨人", and 技术创新示范企业), criteria-quality-sme.md
// §7. As elsewhere in the profile, null means "not known" (the engine reports it missing); an empty list means "none".

/// <summary>The main product (主导产品) and its niche market (细分市场).</summary>
public sealed record MainProduct
{
    /// <summary>The niche market, in the firm's words.</summary>
    public string? NicheMarket { get; init; }
    /// <summary>When the firm entered the niche market: its years in it are counted to the end of the data year.</summary>
    public DateOnly? NicheEnteredOn { get; init; }
    /// <summary>The main product's share of the national niche market (0–1), self-declared.</summary>
    public decimal? NationalMarketShare { get; init; }
    /// <summary>In 《战略性新兴产业分类》.</summary>
    public bool? StrategicEmerging { get; init; }
    /// <summary>专精特新 indicator 4: "chain-key-link" (补短板、锻长板、填空白 at a key link), "foundation" (六基, 中华老字号, or
    /// serving a key chain's leading firm) or "other". An officer's judgement.</summary>
    public string? ChainRole { get; init; }
    /// <summary>小巨人 链: at a key link of an industrial chain. An officer's judgement.</summary>
    public bool? KeyChainLink { get; init; }
    /// <summary>小巨人 品: the main product is in the fields the standard lists. An officer's judgement.</summary>
    public bool? PriorityField { get; init; }
}

/// <summary>Management and quality facts (精细化).</summary>
public sealed record QualityManagement
{
    /// <summary>Level 1–4 of the SME digitalisation self-assessment.</summary>
    public int? DigitalisationLevel { get; init; }
    /// <summary>Core businesses (R&amp;D design, production, supply chain, …) run on an information system.</summary>
    public int? CoreBusinessesOnSystems { get; init; }
    public bool? QualityAward { get; init; }
    /// <summary>A quality-management-system certificate (ISO 9001 or alike).</summary>
    public bool? QualitySystemCertificate { get; init; }
    /// <summary>An own brand (a registered trademark).</summary>
    public bool? OwnBrand { get; init; }
    /// <summary>Took part in drafting or revising a standard.</summary>
    public bool? StandardDrafting { get; init; }
    /// <summary>Management-system or product certification in developed countries or regions (小巨人 精).</summary>
    public bool? DevelopedMarketCertification { get; init; }
}

/// <summary>One valid IP item with the attributes the second ladder reads.</summary>
public sealed record IpItem
{
    /// <summary>1 (invention patent, new plant variety, IC layout, …) or 2 (utility model, design, software copyright).</summary>
    public int Class { get; init; }
    public DateOnly? GrantedOn { get; init; }
    /// <summary>Related to the main product.</summary>
    public bool? RelatedToMainProduct { get; init; }
    /// <summary>A Class Ⅰ item that is high-value in 63号附件4's sense (overseas family, &gt; 10 years, pledge, award).</summary>
    public bool? HighValue { get; init; }
    /// <summary>Obtained by own R&amp;D (false: by transfer).</summary>
    public bool? SelfDeveloped { get; init; }
    /// <summary>When a transferred item was acquired (it counts only a year after).</summary>
    public DateOnly? AcquiredOn { get; init; }
    /// <summary>Applied in the main product and already producing economic benefit.</summary>
    public bool? AppliedWithBenefit { get; init; }
}

/// <summary>An R&amp;D institution of the firm, own or joint.</summary>
public sealed record RdInstitution
{
    /// <summary>"national", "provincial" (incl. ministerial), "city" or "below-city".</summary>
    public string Level { get; init; } = "";
    /// <summary>"enterprise-tech-centre" (企业技术中心) or another kind.</summary>
    public string? Kind { get; init; }
    public DateOnly? RecognisedOn { get; init; }
    /// <summary>Built jointly with a university or research institute.</summary>
    public bool? Joint { get; init; }
}

/// <summary>A science and technology award, by level, date and the firm's rank among the winning units.</summary>
public sealed record Award
{
    /// <summary>"national" or "provincial" (incl. ministerial).</summary>
    public string Level { get; init; } = "";
    public DateOnly? AwardedOn { get; init; }
    public int? Rank { get; init; }
}

/// <summary>A result in the national final of the "创客中国" SME contest: the enterprise group's top N the firm is in.</summary>
public sealed record ContestResult
{
    public int Year { get; init; }
    /// <summary>50 or 500: in the national top 50 (or top 500) of the enterprise group.</summary>
    public int NationalTop { get; init; }
}

/// <summary>A title held, with its validity: the second ladder's own and the others its rules read.</summary>
public sealed record TitleHeld
{
    /// <summary>"innovative-sme", "specialised-sme", "little-giant", "innovation-demo", "ip-advantage", "ip-demo" or
    /// "single-champion".</summary>
    public string Title { get; init; } = "";
    public DateOnly? IssuedOn { get; init; }
    /// <summary>The last day of validity; null: not known (the title's rule set gives its years).</summary>
    public DateOnly? ExpiresOn { get; init; }
}
