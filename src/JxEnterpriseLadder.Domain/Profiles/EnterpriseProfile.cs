namespace JxEnterpriseLadder.Domain.Profiles;

// The assessment input ("profile"). Every field is documented in data-dictionary/fields.json.
// A null value means "not known": the rules engine reports it as missing, never as a fail.
// Money is in yuan (CNY) unless a financing round says USD.

public sealed record EnterpriseProfile
{
    public string? CreditCode { get; init; }
    public string? Name { get; init; }
    public DateOnly? RegisteredOn { get; init; }
    /// <summary>Listed on a stock exchange (NEEQ/新三板 does not count).</summary>
    public bool? Listed { get; init; }
    /// <summary>Industry code from the reference data (e.g. "electronic-information").</summary>
    public string? Industry { get; init; }
    /// <summary>Field of 《国家重点支持的高新技术领域》 that the core technology belongs to (HNTE).</summary>
    public string? HiTechField { get; init; }
    /// <summary>Resident enterprise registered in Jiangxi; the engine may assume true.</summary>
    public bool? Resident { get; init; }
    /// <summary>Products in a prohibited, restricted or eliminated category; the engine may assume false.</summary>
    public bool? ProhibitedIndustry { get; init; }
    /// <summary>A branch or a trading-only firm: excluded from the gazelle tier.</summary>
    public bool? BranchOrTradingOnly { get; init; }
    public IReadOnlyList<YearFiling> Years { get; init; } = [];
    public IpHoldings? Ip { get; init; }
    public HnteCertificate? HnteCertificate { get; init; }
    public IReadOnlyList<TechSmeRegistration> TechSmeRegistrations { get; init; } = [];
    /// <summary>Entries on the provincial gazelle/unicorn lists, by tier and list year.</summary>
    public IReadOnlyList<ListEntry> ListEntries { get; init; } = [];
    public DirectQualifiers? DirectQualifiers { get; init; }
    public CleanRecord? CleanRecord { get; init; }
    /// <summary>Dated clean-record events (the registry's form): each tier looks back over its own window. A flag set in
    /// <see cref="CleanRecord"/> takes precedence; null means the events are not known.</summary>
    public IReadOnlyList<CleanRecordEventInput>? CleanRecordEvents { get; init; }
    public IReadOnlyList<FinancingRound> Financing { get; init; } = [];
    public ExpertGrades? Expert { get; init; }

    // The second ladder's inputs (QualitySmeInputs.cs).
    /// <summary>The row of the SME size table (工信部联企业〔2011〕300号) the firm's industry falls in, e.g. "industry".</summary>
    public string? SizeIndustry { get; init; }
    public MainProduct? MainProduct { get; init; }
    public QualityManagement? Management { get; init; }
    public IReadOnlyList<IpItem>? IpItems { get; init; }
    public IReadOnlyList<RdInstitution>? RdInstitutions { get; init; }
    public IReadOnlyList<Award>? Awards { get; init; }
    public IReadOnlyList<ContestResult>? ContestResults { get; init; }
    public IReadOnlyList<TitleHeld>? Titles { get; init; }
    /// <summary>Under common control with an existing 小巨人, or in its group making similar products.</summary>
    public bool? RelatedToLittleGiant { get; init; }
    /// <summary>R&amp;D and production bases in China, under Chinese control (技术创新示范企业).</summary>
    public bool? ChineseControlled { get; init; }

    public YearFiling? Year(int year)
    {
        // By index: a foreach over the interface would allocate an enumerator on every one of the engine's many calls.
        var years = Years;
        for (var i = 0; i < years.Count; i++) if (years[i].Year == year) return years[i];
        return null;
    }
}

public sealed record YearFiling
{
    public int Year { get; init; }
    public int? Employees { get; init; }
    public int? TechStaff { get; init; }
    public decimal? SalesRevenue { get; init; }
    public decimal? TotalIncome { get; init; }
    public decimal? HiTechIncome { get; init; }
    public decimal? TotalCostsAndExpenses { get; init; }
    public decimal? RdExpense { get; init; }
    public decimal? RdExpenseDomestic { get; init; }
    public decimal? TotalAssets { get; init; }
    public decimal? TotalLiabilities { get; init; }
    public int? ResultsCommercialized { get; init; }
    /// <summary>主营业务收入.</summary>
    public decimal? MainBusinessRevenue { get; init; }
    public decimal? NetProfit { get; init; }
    /// <summary>研发人员 (not the wider 科技人员).</summary>
    public int? RdStaff { get; init; }
    /// <summary>The official 专精特新发展评价 score of the year (工信厅企业〔2024〕75号), as the platform gave it.</summary>
    public decimal? DevelopmentScore { get; init; }
}

public sealed record IpHoldings
{
    /// <summary>Valid Class Ⅰ IP items (invention patents, new plant varieties, …).</summary>
    public int? Class1 { get; init; }
    /// <summary>Valid Class Ⅱ IP items (utility models, designs, software copyrights).</summary>
    public int? Class2 { get; init; }
    /// <summary>At least one item obtained by own R&amp;D (false: only transfer, gift or acquisition).</summary>
    public bool? OwnRd { get; init; }
}

public sealed record HnteCertificate
{
    public string? Number { get; init; }
    public DateOnly? IssuedOn { get; init; }
}

public sealed record TechSmeRegistration
{
    public string? Number { get; init; }
    public int Year { get; init; }
}

public sealed record ListEntry
{
    public string Tier { get; init; } = "";
    public int Year { get; init; }
}

public sealed record DirectQualifiers
{
    public bool? NationalAwardTop3 { get; init; }
    public bool? ProvincialRdInstitution { get; init; }
    public bool? LedStandard { get; init; }
}

public sealed record CleanRecord
{
    public bool? MajorAccident { get; init; }
    public bool? SeriousEnvironmentalViolation { get; init; }
    public bool? ResearchMisconduct { get; init; }
    public bool? AbnormalOperations { get; init; }
    public bool? SeriousDishonesty { get; init; }
}

public sealed record CleanRecordEventInput
{
    /// <summary>majorAccident, seriousEnvironmentalViolation, researchMisconduct, abnormalOperations or seriousDishonesty.</summary>
    public string Flag { get; init; } = "";
    public DateOnly OccurredOn { get; init; }
}

public sealed record FinancingRound
{
    public DateOnly? Date { get; init; }
    public decimal? Amount { get; init; }
    public decimal? PostMoneyValuation { get; init; }
    /// <summary>"CNY" or "USD".</summary>
    public string? Currency { get; init; }
    public bool? ProfessionalInvestor { get; init; }
    /// <summary>Paid-in amount from qualified institutional investors (yuan): what the second ladder counts.</summary>
    public decimal? QualifiedPaidIn { get; init; }
}

/// <summary>
/// 研究开发组织管理水平 (指引 四（二）3) as four facts: each present fact earns its item's points (parameter
/// rdManagementItemPoints); null: not stated.
/// </summary>
public sealed record RdManagementFacts
{
    /// <summary>R&amp;D management rules, an R&amp;D cost accounting system and an R&amp;D sub-ledger.</summary>
    public bool? RdRulesAndAccounts { get; init; }
    /// <summary>An in-house R&amp;D unit with research conditions, and industry–university–research cooperation.</summary>
    public bool? RdUnitAndCooperation { get; init; }
    /// <summary>Rules to commercialise results with incentives, and an open innovation platform.</summary>
    public bool? CommercializationIncentives { get; init; }
    /// <summary>Training, talent recruitment and performance reward rules for tech staff.</summary>
    public bool? TalentRules { get; init; }
}

/// <summary>HNTE expert judgements. Grades A–E; points where the guideline gives points.</summary>
public sealed record ExpertGrades
{
    public string? TechAdvancement { get; init; }
    public string? CoreSupport { get; init; }
    /// <summary>R&amp;D organisation and management, 0–20 points, as the experts gave them; takes precedence over
    /// <see cref="RdManagement"/>.</summary>
    public int? RdManagementPoints { get; init; }
    /// <summary>The four facts the R&amp;D organisation and management points are given for (a self-check, an officer).</summary>
    public RdManagementFacts? RdManagement { get; init; }
    /// <summary>Where the experts placed the firm within each banded item (0 = lower end, 1 = upper end); null: lower end.</summary>
    public decimal? BandPosition { get; init; }
}
