namespace JxEnterpriseLadder.Domain;

/// <summary>One value of a closed list: its wire id and its words in both languages.</summary>
public sealed record Term(string Id, string Zh, string En);

/// <summary>
/// The second ladder's input vocabularies (criteria-quality-sme.md §7), defined once: the profile contract, the
/// validator, the rules, the import and the pages all read these.
/// </summary>
public static class QualityVocabulary
{
    /// <summary>The rows of the 300号 size table (sme-size parameter files carry one row per id; a test holds them equal).</summary>
    public static readonly IReadOnlyList<Term> SizeIndustries =
    [
        new("agriculture", "农、林、牧、渔业", "Agriculture, forestry, husbandry, fishery"),
        new("industry", "工业", "Industry"),
        new("construction", "建筑业", "Construction"),
        new("wholesale", "批发业", "Wholesale"),
        new("retail", "零售业", "Retail"),
        new("transport", "交通运输业", "Transport"),
        new("warehousing", "仓储业", "Warehousing"),
        new("postal", "邮政业", "Postal services"),
        new("accommodation", "住宿业", "Accommodation"),
        new("catering", "餐饮业", "Catering"),
        new("telecommunications", "信息传输业", "Telecommunications"),
        new("software-it", "软件和信息技术服务业", "Software and IT services"),
        new("real-estate", "房地产开发经营", "Real-estate development"),
        new("property-management", "物业管理", "Property management"),
        new("leasing-business", "租赁和商务服务业", "Leasing and business services"),
        new("other", "其他未列明行业", "Other industries"),
    ];

    public const string National = "national", Provincial = "provincial", City = "city", BelowCity = "below-city";

    /// <summary>An R&amp;D institution's level (provincial includes ministerial).</summary>
    public static readonly IReadOnlyList<Term> InstitutionLevels =
    [
        new(National, "国家级", "National"), new(Provincial, "省级（含部级）", "Provincial or ministerial"),
        new(City, "市级", "City"), new(BelowCity, "市级以下", "Below city"),
    ];

    public const string EnterpriseTechCentre = "enterprise-tech-centre", OtherInstitution = "other";

    /// <summary>An R&amp;D institution's kind: 示范企业 asks for a recognised 企业技术中心.</summary>
    public static readonly IReadOnlyList<Term> InstitutionKinds =
    [
        new(EnterpriseTechCentre, "企业技术中心", "Enterprise technology centre"), new(OtherInstitution, "其他研发机构", "Other R&D institution"),
    ];

    /// <summary>A science and technology award's level.</summary>
    public static readonly IReadOnlyList<Term> AwardLevels =
    [
        new(National, "国家级科技奖励", "National award"), new(Provincial, "省部级科技奖励", "Provincial or ministerial award"),
    ];

    public const string ChainKeyLink = "chain-key-link", Foundation = "foundation", OtherRole = "other";

    /// <summary>专精特新 indicator 4, the main product's role in the industrial chain (an officer's judgement).</summary>
    public static readonly IReadOnlyList<Term> ChainRoles =
    [
        new(ChainKeyLink, "在产业链关键环节补短板、锻长板、填空白", "Fills a gap or strengthens a key link of the chain"),
        new(Foundation, "属于“六基”、中华老字号，或为产业链龙头企业配套", "Industrial foundations, a time-honoured brand, or supplies a chain's leading firm"),
        new(OtherRole, "其他", "Other"),
    ];

    /// <summary>The "创客中国" national final's enterprise-group places that count.</summary>
    public static readonly IReadOnlyList<int> ContestTops = [50, 500];

    public const string Rename = "rename", Merger = "merger", Division = "division", Restructuring = "restructuring", Relocation = "relocation",
        OtherChange = "other";

    /// <summary>The major changes a title's holder reports within three months (63号; title-lifecycle parameters).</summary>
    public static readonly IReadOnlyList<Term> MajorChanges =
    [
        new(Rename, "更名", "Rename"), new(Merger, "合并", "Merger"), new(Division, "分立", "Division"),
        new(Restructuring, "重组", "Restructuring"), new(Relocation, "迁址", "Relocation"), new(OtherChange, "其他重大变化", "Other major change"),
    ];

    /// <summary>The SME digitalisation self-assessment's levels.</summary>
    public const int DigitalisationLowest = 1, DigitalisationHighest = 4;

    public static bool Has(IReadOnlyList<Term> terms, string id)
    {
        foreach (var t in terms) if (t.Id == id) return true;
        return false;
    }

    public static string Ids(IReadOnlyList<Term> terms) => string.Join(", ", terms.Select(t => t.Id));
}
