namespace JxEnterpriseLadder.Domain.Registry;

// The registry's records, one class per table (src/JxEnterpriseLadder.Data/Migrations). Money in yuan.

public sealed record Enterprise
{
    public required string CreditCode { get; init; }
    public required string Name { get; init; }
    public required DateOnly RegisteredOn { get; init; }
    public required string CityCode { get; init; }
    public string? County { get; init; }
    public string? ParkCode { get; init; }
    public string? ChainCode { get; init; }
    public string? Industry { get; init; }
    public string? HiTechField { get; init; }
    public bool Listed { get; init; }
    /// <summary>The day the enterprise listed (null: not listed, or listed on a day the registry does not know).</summary>
    public DateOnly? ListedOn { get; init; }

    /// <summary>Whether it was listed on <paramref name="day"/>: from its listing day when the registry has it, else as held.</summary>
    public bool ListedAt(DateOnly day) => ListedOn is { } listedOn ? listedOn <= day : Listed;
    public bool Resident { get; init; } = true;
    public bool ProhibitedIndustry { get; init; }
    public bool BranchOrTradingOnly { get; init; }
    /// <summary>Year of the latest national S&amp;T award won ranked in the top 3 units (null: none).</summary>
    public int? NationalAwardYear { get; init; }
    /// <summary>Year the provincial/ministerial R&amp;D institution was recognised (null: none).</summary>
    public int? RdInstitutionYear { get; init; }
    /// <summary>Year of the latest international/national/industry standard the firm led (null: none).</summary>
    public int? LedStandardYear { get; init; }
    /// <summary>HNTE innovation score, judged items (criteria.md §2.2): technical advancement, A–E.</summary>
    public string? HnteTechAdvancement { get; init; }
    /// <summary>HNTE: core support of the IP to the main products, A–E.</summary>
    public string? HnteCoreSupport { get; init; }
    /// <summary>HNTE R&amp;D organisation and management facts (<see cref="Profiles.RdManagementFacts"/>); null: not stated.</summary>
    public bool? HnteRdRulesAndAccounts { get; init; }
    public bool? HnteRdUnitAndCooperation { get; init; }
    public bool? HnteCommercializationIncentives { get; init; }
    public bool? HnteTalentRules { get; init; }
    /// <summary>Where the judged items came from (<see cref="HnteJudgement"/>), who gave them and when.</summary>
    public string? HnteJudgedBasis { get; init; }
    public string? HnteJudgedBy { get; init; }
    public DateOnly? HnteJudgedOn { get; init; }
    /// <summary>The second ladder's facts about the firm (issue 21): the 300号 size table's row, when it entered its niche
    /// market, and whether its main product is in 《战略性新兴产业分类》.</summary>
    public string? SizeIndustry { get; init; }
    public DateOnly? NicheEnteredOn { get; init; }
    public bool? StrategicEmerging { get; init; }
    /// <summary>The main product's niche market in the firm's words, and its national share of it (0–1, self-declared).</summary>
    public string? NicheMarket { get; init; }
    public decimal? NationalMarketShare { get; init; }
    /// <summary>中方控股 (示范企业), and related by control to a recognised 小巨人 (which bars 小巨人).</summary>
    public bool? ChineseControlled { get; init; }
    public bool? RelatedToLittleGiant { get; init; }
    /// <summary>精细化: the digitalisation level (1–4), core businesses on information systems, and the quality facts.</summary>
    public int? DigitalisationLevel { get; init; }
    public int? CoreBusinessesOnSystems { get; init; }
    public bool? QualityAward { get; init; }
    public bool? QualitySystemCertificate { get; init; }
    public bool? OwnBrand { get; init; }
    public bool? StandardDrafting { get; init; }
    public bool? DevelopedMarketCertification { get; init; }
    /// <summary>What an officer judges (<see cref="ChainJudgement"/>): the main product's role in the chain (专精特新), 链
    /// and 品 (小巨人); and who confirmed them, when.</summary>
    public string? ChainRole { get; init; }
    public bool? KeyChainLink { get; init; }
    public bool? PriorityField { get; init; }
    public string? ChainJudgedBy { get; init; }
    public DateOnly? ChainJudgedOn { get; init; }
    /// <summary>Optimistic-concurrency version, incremented on every update.</summary>
    public int Version { get; init; }
    /// <summary>Incremented by every change to the enterprise or any of its dated records (filings, IP, statuses):
    /// a screening stores the version it assessed, so an incremental screening reassesses only what moved on.</summary>
    public long RecordVersion { get; init; } = 1;
}

/// <summary>The HNTE judged items of an enterprise: who may give them, and the items themselves.</summary>
public static class HnteJudgement
{
    public const string Officer = "officer", Import = "import", SelfAssessed = "self-assessed";
    public static readonly IReadOnlyList<string> Bases = [Officer, Import, SelfAssessed];
    public static readonly IReadOnlyList<string> Grades = ["A", "B", "C", "D", "E"];

    public static string Chinese(string? basis) => basis switch
    {
        Officer => "科技部门录入", Import => "导入", SelfAssessed => "企业自评", _ => "",
    };

    public static string English(string? basis) => basis switch
    {
        Officer => "entered by an officer", Import => "imported", SelfAssessed => "the firm's self-check", _ => "",
    };

    /// <summary>Whether two enterprises hold the same judged items (not counting who gave them or when).</summary>
    public static bool SameItems(Enterprise a, Enterprise b) =>
        a.HnteTechAdvancement == b.HnteTechAdvancement && a.HnteCoreSupport == b.HnteCoreSupport
        && a.HnteRdRulesAndAccounts == b.HnteRdRulesAndAccounts && a.HnteRdUnitAndCooperation == b.HnteRdUnitAndCooperation
        && a.HnteCommercializationIncentives == b.HnteCommercializationIncentives && a.HnteTalentRules == b.HnteTalentRules;

    public static bool Any(Enterprise e) =>
        e.HnteTechAdvancement is not null || e.HnteCoreSupport is not null || e.HnteRdRulesAndAccounts is not null
        || e.HnteRdUnitAndCooperation is not null || e.HnteCommercializationIncentives is not null || e.HnteTalentRules is not null;

    /// <summary>The enterprise with its judged items stamped as given now by <paramref name="by"/>, when they changed
    /// from <paramref name="before"/>; otherwise with the stamp they had.</summary>
    public static Enterprise Stamp(Enterprise after, Enterprise? before, string basis, string by, DateOnly on) =>
        before is not null && SameItems(after, before)
            ? after with { HnteJudgedBasis = before.HnteJudgedBasis, HnteJudgedBy = before.HnteJudgedBy, HnteJudgedOn = before.HnteJudgedOn }
            : !Any(after) ? after with { HnteJudgedBasis = null, HnteJudgedBy = null, HnteJudgedOn = null }
            : after with { HnteJudgedBasis = basis, HnteJudgedBy = by, HnteJudgedOn = on };
}

/// <summary>The second ladder's judged items (链, 品, the chain role): an officer confirms them, and the record keeps who and when.</summary>
public static class ChainJudgement
{
    public static bool SameItems(Enterprise a, Enterprise b) =>
        a.ChainRole == b.ChainRole && a.KeyChainLink == b.KeyChainLink && a.PriorityField == b.PriorityField;

    public static bool Any(Enterprise e) => e.ChainRole is not null || e.KeyChainLink is not null || e.PriorityField is not null;

    /// <summary>The enterprise with its judged items stamped as confirmed now by <paramref name="by"/> when they changed
    /// from <paramref name="before"/>; otherwise with the stamp they had.</summary>
    public static Enterprise Stamp(Enterprise after, Enterprise? before, string by, DateOnly on) =>
        before is not null && SameItems(after, before) ? after with { ChainJudgedBy = before.ChainJudgedBy, ChainJudgedOn = before.ChainJudgedOn }
        : !Any(after) ? after with { ChainJudgedBy = null, ChainJudgedOn = null }
        : after with { ChainJudgedBy = by, ChainJudgedOn = on };
}

public sealed record Filing
{
    public required string CreditCode { get; init; }
    public required int Year { get; init; }
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
    /// <summary>The second ladder's figures of the year (issue 21).</summary>
    public decimal? MainBusinessRevenue { get; init; }
    public decimal? NetProfit { get; init; }
    public int? RdStaff { get; init; }
    public decimal? DevelopmentScore { get; init; }

    /// <summary>The same year as the assessment input sees it.</summary>
    public Profiles.YearFiling ToYearFiling() => new()
    {
        Year = Year, Employees = Employees, TechStaff = TechStaff, SalesRevenue = SalesRevenue, TotalIncome = TotalIncome,
        HiTechIncome = HiTechIncome, TotalCostsAndExpenses = TotalCostsAndExpenses, RdExpense = RdExpense,
        RdExpenseDomestic = RdExpenseDomestic, TotalAssets = TotalAssets, TotalLiabilities = TotalLiabilities,
        ResultsCommercialized = ResultsCommercialized, MainBusinessRevenue = MainBusinessRevenue, NetProfit = NetProfit, RdStaff = RdStaff,
        DevelopmentScore = DevelopmentScore,
    };
}

public sealed record IpHolding
{
    public required string CreditCode { get; init; }
    /// <summary>1 = Class Ⅰ, 2 = Class Ⅱ.</summary>
    public required int IpClass { get; init; }
    /// <summary>invention, plant-variety, ic-layout, new-drug, utility-model, design, software-copyright …</summary>
    public required string Kind { get; init; }
    public required bool OwnRd { get; init; }
    public required DateOnly ValidFrom { get; init; }
    public DateOnly? ValidTo { get; init; }
    /// <summary>What the second ladder reads of an item (63号附件4): related to the main product (an item listed for the
    /// second ladder has this known), high value (Class Ⅰ), when a transferred item was acquired, applied with benefit.</summary>
    public bool? RelatedToMainProduct { get; init; }
    public bool? HighValue { get; init; }
    public DateOnly? AcquiredOn { get; init; }
    public bool? AppliedWithBenefit { get; init; }
}

public sealed record TechSmeRegistrationRecord(string CreditCode, int Year, string RegistrationNumber)
{
    private TechSmeRegistrationRecord() : this("", 0, "") { } // for Dapper: providers differ in integer widths
}

public sealed record HnteCertificateRecord(string CreditCode, string CertificateNumber, DateOnly IssuedOn)
{
    private HnteCertificateRecord() : this("", "", default) { }
}

public sealed record ListEntryRecord(string CreditCode, string Tier, int Year)
{
    private ListEntryRecord() : this("", "", 0) { }
}

public sealed record FinancingRoundRecord
{
    public required string CreditCode { get; init; }
    public required DateOnly RoundDate { get; init; }
    public required decimal Amount { get; init; }
    public decimal? PostMoneyValuation { get; init; }
    public required string Currency { get; init; }
    public required bool ProfessionalInvestor { get; init; }
    /// <summary>The part paid in by qualified institutional investors (合格机构投资者的实缴额), yuan; null: not known.</summary>
    public decimal? QualifiedPaidIn { get; init; }
}

/// <summary>An R&amp;D institution of the firm (<see cref="QualityVocabulary.InstitutionLevels"/>, kinds), recognised on a day.</summary>
public sealed record RdInstitutionRecord(string CreditCode, string Name, string Level, string? Kind, DateOnly RecognisedOn, bool? Joint)
{
    private RdInstitutionRecord() : this("", "", "", null, default, null) { }
}

/// <summary>A science and technology award (<see cref="QualityVocabulary.AwardLevels"/>) and the firm's rank among its winners.</summary>
public sealed record AwardRecord(string CreditCode, string Name, string Level, DateOnly AwardedOn, int? Rank)
{
    private AwardRecord() : this("", "", "", default, null) { }
}

/// <summary>A place in the 创客中国 national final's enterprise group: in its top <see cref="NationalTop"/> in a year.</summary>
public sealed record ContestResultRecord(string CreditCode, int Year, int NationalTop)
{
    private ContestResultRecord() : this("", 0, 0) { }
}

/// <summary>A dated clean-record event: accident, environmental violation, misconduct, abnormal-operations or dishonesty listing.</summary>
public sealed record CleanRecordEvent(string CreditCode, string Flag, DateOnly OccurredOn)
{
    private CleanRecordEvent() : this("", "", default) { }
}

/// <summary>
/// A title of the second ladder (创新型、专精特新、"小巨人", 技术创新示范企业) or another title its rules read (知识产权优势/示范企业,
/// 制造业单项冠军), as recognised in a batch: valid from its issue date through its expiry date (a passed review is a new
/// title of the review's batch). A withdrawn title is not held.
/// </summary>
public sealed record QualityTitleRecord(string CreditCode, string Title, DateOnly IssuedOn, DateOnly ExpiresOn, string? Batch, string? ReviewOutcome)
{
    private QualityTitleRecord() : this("", "", default, default, null, null) { }

    /// <summary>Whether the title is held on <paramref name="day"/>.</summary>
    public bool HeldOn(DateOnly day) => IssuedOn <= day && day <= ExpiresOn && ReviewOutcome != QualityTitles.Withdrawn;
}

/// <summary>A title holder's yearly data update (on the MIIT platform; for 示范企业 its annual innovation report), done
/// on <see cref="UpdatedOn"/> for <see cref="Year"/>. Its deadline and what missing it costs are title-lifecycle
/// parameters.</summary>
public sealed record TitleAnnualUpdateRecord(string CreditCode, string Title, int Year, DateOnly UpdatedOn)
{
    private TitleAnnualUpdateRecord() : this("", "", 0, default) { }
}

/// <summary>A major change of the enterprise (<see cref="QualityVocabulary.MajorChanges"/>) on <see cref="ChangedOn"/>,
/// reported to the issuing department on <see cref="ReportedOn"/> (null: not reported yet).</summary>
public sealed record MajorChangeReportRecord(string CreditCode, DateOnly ChangedOn, string Change, DateOnly? ReportedOn)
{
    private MajorChangeReportRecord() : this("", default, "", null) { }
}

/// <summary>The titles the registry's quality_titles table holds, and their review outcomes.</summary>
public static class QualityTitles
{
    public const string IpAdvantage = "ip-advantage", IpDemo = "ip-demo", SingleChampion = "single-champion";
    public static readonly IReadOnlyList<string> All =
        [TierIds.InnovativeSme, TierIds.SpecialisedSme, TierIds.LittleGiant, TierIds.InnovationDemo, IpAdvantage, IpDemo, SingleChampion];

    public const string Passed = "passed", Failed = "failed", Withdrawn = "withdrawn";
    public static readonly IReadOnlyList<string> ReviewOutcomes = [Passed, Failed, Withdrawn];

    /// <summary>The titles whose holders update their data yearly (title-lifecycle parameters give each its deadline).</summary>
    public static readonly IReadOnlyList<string> UpdatedYearly = [TierIds.InnovativeSme, TierIds.SpecialisedSme, TierIds.LittleGiant, TierIds.InnovationDemo];

    /// <summary>The longest validity a title row may state: the recognition counts read at most this many year ends.</summary>
    public const int MaxValidityYears = 5;
}

/// <summary>A move of city or park: until <see cref="ChangedOn"/> the enterprise was in the previous city and park.</summary>
public sealed record LocationChange(string CreditCode, DateOnly ChangedOn, string PreviousCityCode, string? PreviousParkCode)
{
    private LocationChange() : this("", default, "", null) { }
}

/// <summary>Everything the registry holds about one enterprise.</summary>
public sealed record EnterpriseRecord
{
    public required Enterprise Enterprise { get; init; }
    public IReadOnlyList<Filing> Filings { get; init; } = [];
    public IReadOnlyList<IpHolding> Ip { get; init; } = [];
    public IReadOnlyList<TechSmeRegistrationRecord> TechSmeRegistrations { get; init; } = [];
    public IReadOnlyList<HnteCertificateRecord> HnteCertificates { get; init; } = [];
    public IReadOnlyList<ListEntryRecord> ListEntries { get; init; } = [];
    public IReadOnlyList<FinancingRoundRecord> Financing { get; init; } = [];
    public IReadOnlyList<CleanRecordEvent> CleanRecord { get; init; } = [];
    public IReadOnlyList<LocationChange> LocationChanges { get; init; } = [];
    public IReadOnlyList<QualityTitleRecord> QualityTitles { get; init; } = [];
    public IReadOnlyList<RdInstitutionRecord> RdInstitutions { get; init; } = [];
    public IReadOnlyList<AwardRecord> Awards { get; init; } = [];
    public IReadOnlyList<ContestResultRecord> ContestResults { get; init; } = [];
    public IReadOnlyList<TitleAnnualUpdateRecord> TitleUpdates { get; init; } = [];
    public IReadOnlyList<MajorChangeReportRecord> ChangeReports { get; init; } = [];
    /// <summary>The IP held at one date, counted by the database instead of read row by row (a screening reads a
    /// province's millions of IP rows this way); when set, <see cref="Ip"/> holds only the items listed for the second
    /// ladder (their relation to the main product known), and the record serves that date only.</summary>
    public HeldIpCount? HeldIp { get; init; }

    /// <summary>The enterprise's own row as it stood on <paramref name="day"/>: city and park before any later move, and
    /// listed only from its listing day (a listing without a day stays as the registry holds it).</summary>
    public Enterprise EnterpriseOn(DateOnly day)
    {
        var e = Enterprise;
        var laterMove = LocationChanges.Where(m => m.ChangedOn > day).MinBy(m => m.ChangedOn);
        if (laterMove is not null) e = e with { CityCode = laterMove.PreviousCityCode, ParkCode = laterMove.PreviousParkCode };
        if (e.ListedOn is not null) e = e with { Listed = e.ListedAt(day) };
        return e;
    }
}

/// <summary>IP items valid at a date (valid from on or before it, not yet expired): Class Ⅰ and Ⅱ counts, and whether
/// any was obtained by own R&amp;D (null when none is held).</summary>
public sealed record HeldIpCount(DateOnly AsOf, int Class1, int Class2, bool? OwnRd)
{
    public static HeldIpCount None(DateOnly asOf) => new(asOf, 0, 0, null);
}
