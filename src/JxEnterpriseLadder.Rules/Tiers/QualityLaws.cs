using JxEnterpriseLadder.Domain;
using System.Text.Json;
using JxEnterpriseLadder.Rules.Engine;

namespace JxEnterpriseLadder.Rules.Tiers;

// The second ladder's parameter files (优质中小企业梯度培育, ADR 0023), each version bound once to its typed record, as
// Laws.cs does for the first ladder. A condition's words come from its file's label: they hold the law's numbers.

/// <summary>中小企业划型标准 (Parameters/sme-size): 工信部联企业〔2011〕300号, one row of limits per industry.</summary>
internal sealed class SmeSizeLaw : Law
{
    public SmeSizeLaw(ParameterSet file) : base(file)
    {
        Rows = File.Cite("rows", static (f, k) => Industries(f.Values[k].Value.EnumerateObject().ToDictionary(row => row.Name, Row, StringComparer.Ordinal)),
            "a table of industries, each with employeesBelow, revenueBelow or assetsBelow");
        Words = Label("rows");
    }

    private static SmeSizeRow Row(JsonProperty row)
    {
        var limits = new SmeSizeRow(Limit(row.Value, "employeesBelow"), Limit(row.Value, "revenueBelow"), Limit(row.Value, "assetsBelow"));
        return limits is { EmployeesBelow: null, RevenueBelow: null, AssetsBelow: null } ? throw new FormatException(row.Name + " has no limit") : limits;
    }

    // The rows are the vocabulary's industries, no more and no fewer: a profile, an import and the self-check offer those.
    private static Dictionary<string, SmeSizeRow> Industries(Dictionary<string, SmeSizeRow> rows) =>
        rows.Keys.Order(StringComparer.Ordinal).SequenceEqual(QualityVocabulary.SizeIndustries.Select(t => t.Id).Order(StringComparer.Ordinal))
            ? rows
            : throw new FormatException($"rows must be the industries {QualityVocabulary.Ids(QualityVocabulary.SizeIndustries)}");

    private static decimal? Limit(JsonElement row, string key) => row.TryGetProperty(key, out var v) ? v.GetDecimal() : null;

    public Cited<Dictionary<string, SmeSizeRow>> Rows { get; }
    public string Words { get; }
}

/// <summary>One industry's SME limits: below any one of them, the firm is an SME.</summary>
internal sealed record SmeSizeRow(decimal? EmployeesBelow, decimal? RevenueBelow, decimal? AssetsBelow);

/// <summary>What the second ladder's tiers read alike: the IP points table, the title and window conventions.</summary>
internal abstract class QualityLaw(ParameterSet file) : Law(file)
{
    /// <summary>"higher-band" is the one convention the bands implement (an endpoint scores in the higher band); a file
    /// that says otherwise stops the engine rather than be read the wrong way.</summary>
    protected void RequireHigherBand()
    {
        var boundary = Text("boundary");
        if (boundary.Value != "higher-band")
            throw new InvalidDataException($"{File.Origin}: parameter 'boundary' is '{boundary.Value}'; only \"higher-band\" is implemented ({Version})");
    }

    /// <summary>Which standard a version's file follows ("2022": 63号, "2026": 2号), chosen before it is bound.</summary>
    protected static string SchemeOf(ParameterSet file) => file.Cite("scheme", static (f, k) => f.Text(k), "a text").Value;

    protected IpPointsTable IpTable() => new(Map("ipPoints"), Integer("class2YearsMaintained"), Integer("transferCountsAfterYears"), Label("ipPoints"));
}

/// <summary>The IP item's points (创新型 #1, 专精特新 #10), and which items count (附件4).</summary>
internal sealed class IpPointsTable
{
    public IpPointsTable(Cited<IReadOnlyDictionary<string, decimal>> points, Cited<int> class2YearsMaintained, Cited<int> transferCountsAfterYears, string label)
    {
        int Of(string key) => points.Value.TryGetValue(key, out var v) ? (int)v : throw new InvalidDataException($"ipPoints has no '{key}'");
        (HighValue, SelfDeveloped, Class1, Class2) = (Of("class1HighValue"), Of("class1SelfDeveloped"), Of("class1"), Of("class2"));
        Points = points;
        Class2YearsMaintained = class2YearsMaintained;
        TransferCountsAfterYears = transferCountsAfterYears;
        Label = label;
    }

    public int HighValue { get; }
    public int SelfDeveloped { get; }
    public int Class1 { get; }
    public int Class2 { get; }
    public Cited<IReadOnlyDictionary<string, decimal>> Points { get; }
    public Cited<int> Class2YearsMaintained { get; }
    public Cited<int> TransferCountsAfterYears { get; }
    public string Label { get; }
    public string Threshold => _threshold ??= $"Ⅰ类高价值 → {HighValue}分；自主研发Ⅰ类 → {SelfDeveloped}分；Ⅰ类 → {Class1}分；Ⅱ类（授权满 {Class2YearsMaintained.Value} 年）→ {Class2}分；无 → 0分";
    private string? _threshold;
}

/// <summary>创新型中小企业 (Parameters/innovative-sme): 63号附件1.</summary>
internal sealed class InnovativeSmeLaw : QualityLaw
{
    public InnovativeSmeLaw(ParameterSet file) : base(file)
    {
        Resident = Flag("resident");
        SmeSize = Flag("smeSize");
        CleanRecordWindow = Window("cleanRecordWindow");
        CleanRecordFlags = CleanFlags("cleanRecordFlags");
        NotHigherTitles = Strings("notHigherTitles");
        RecentYears = Integer("recentYears");
        DirectAwardLevels = Strings("directAwardLevels");
        DirectTitles = Strings("directTitles");
        DirectRdInstitutionLevels = Strings("directRdInstitutionLevels");
        DirectFinancing = Number("directFinancing");
        Ip = IpTable();
        RdRatioBands = Bands("rdRatioBands");
        GrowthBands = Bands("growthBands");
        DebtRatioBands = Bands("debtRatioBands");
        FieldPoints = Map("fieldPoints");
        MainBusinessShareBands = Bands("mainBusinessShareBands");
        GroupMinimums = Map("groupMinimums");
        int Need(string group) => GroupMinimums.Value.TryGetValue(group, out var m) ? (int)m
            : throw new InvalidDataException($"{file.Origin}: parameter 'groupMinimums' has no group '{group}' ({Version})");
        GroupMinimumPoints = (Need("innovation"), Need("growth"), Need("specialisation"));
        PassScore = Integer("passScore");
        TitleValidityYears = Integer("titleValidityYears");
        RequireHigherBand();
        (NotHigherWords, RecentYearsWords, DirectAwardWords, DirectTitlesWords, DirectRdInstitutionWords, DirectFinancingWords, FieldWords, GroupWords) =
            (Label("notHigherTitles"), Label("recentYears"), Label("directAwardLevels"), Label("directTitles"), Label("directRdInstitutionLevels"),
             Label("directFinancing"), Label("fieldPoints"), Label("groupMinimums"));
        CleanRecordPeriod = Label("cleanRecordWindow");
        AlwaysApplied("resident", "smeSize");
    }

    public Cited<bool> Resident { get; }
    public Cited<bool> SmeSize { get; }
    public Cited<LookBack> CleanRecordWindow { get; }
    public Cited<CleanRecordFlags> CleanRecordFlags { get; }
    public Cited<IReadOnlyList<string>> NotHigherTitles { get; }
    public Cited<int> RecentYears { get; }
    public Cited<IReadOnlyList<string>> DirectAwardLevels { get; }
    public Cited<IReadOnlyList<string>> DirectTitles { get; }
    public Cited<IReadOnlyList<string>> DirectRdInstitutionLevels { get; }
    public Cited<decimal> DirectFinancing { get; }
    public IpPointsTable Ip { get; }
    public Cited<IReadOnlyList<Band>> RdRatioBands { get; }
    public Cited<IReadOnlyList<Band>> GrowthBands { get; }
    public Cited<IReadOnlyList<Band>> DebtRatioBands { get; }
    public Cited<IReadOnlyDictionary<string, decimal>> FieldPoints { get; }
    public Cited<IReadOnlyList<Band>> MainBusinessShareBands { get; }
    public Cited<IReadOnlyDictionary<string, decimal>> GroupMinimums { get; }
    /// <summary>The three groups' minimums (创新能力, 成长性, 专业化), read once.</summary>
    public (int Innovation, int Growth, int Specialisation) GroupMinimumPoints { get; }
    public Cited<int> PassScore { get; }
    /// <summary>Years a title of the second ladder is valid when its record gives no expiry (三年有效期).</summary>
    public Cited<int> TitleValidityYears { get; }
    public string NotHigherWords { get; }
    public string RecentYearsWords { get; }
    public string DirectAwardWords { get; }
    public string DirectTitlesWords { get; }
    public string DirectRdInstitutionWords { get; }
    public string DirectFinancingWords { get; }
    public string FieldWords { get; }
    public string GroupWords { get; }
    public string CleanRecordPeriod { get; }
}

/// <summary>专精特新中小企业 (Parameters/specialised-sme): 63号附件2 from 2022-06-01, 2号附件1 from 2026-04-01.</summary>
internal abstract class SpecialisedSmeLaw(ParameterSet file) : QualityLaw(file)
{
    public static SpecialisedSmeLaw Bind(ParameterSet file) => SchemeOf(file) switch
    {
        "2022" => new SpecialisedSme2022Law(file),
        "2026" => new SpecialisedSme2026Law(file),
        var other => throw new InvalidDataException($"{file.Origin}: parameter 'scheme' is '{other}'; \"2022\" or \"2026\" ({file.Version})"),
    };
}

internal sealed class SpecialisedSme2022Law : SpecialisedSmeLaw
{
    public SpecialisedSme2022Law(ParameterSet file) : base(file)
    {
        BaseTiers = Strings("baseTiers");
        MinNicheYears = Integer("minNicheYears");
        MinRdExpense = Number("minRdExpense");
        MinRdRatio = Number("minRdRatio");
        MinRevenue = Number("minRevenue");
        FinancingInsteadOfRevenue = Number("financingInsteadOfRevenue");
        FinancingYears = Integer("financingYears");
        PassScore = Integer("passScore");
        AwardYears = Integer("awardYears");
        DirectProvincialAwardRank = Integer("directProvincialAwardRank");
        DirectNationalAwardRank = Integer("directNationalAwardRank");
        DirectAverageRdExpense = Number("directAverageRdExpense");
        DirectFinancing = Number("directFinancing");
        DirectContestTop = Integer("directContestTop");
        MainBusinessShareBands = Bands("mainBusinessShareBands");
        GrowthBands = Bands("growthBands");
        GrowthFormula = Text("growthFormula");
        NicheYearsPerPoint = Integer("nicheYearsPerPoint");
        NicheMaxPoints = Integer("nicheMaxPoints");
        ChainRolePoints = Map("chainRolePoints");
        DigitalisationBands = Bands("digitalisationBands");
        QualityItemPoints = Integer("qualityItemPoints");
        QualityMaxPoints = Integer("qualityMaxPoints");
        NetMarginBands = Bands("netMarginBands");
        DebtRatioBands = Bands("debtRatioBands");
        ProvincialPoints = OptionalNumber("provincialPoints");
        ProvincialMaxPoints = Integer("provincialMaxPoints");
        Ip = IpTable();
        RdAmountBands = Bands("rdAmountBands");
        RdRatioBands = Bands("rdRatioBands");
        RdStaffBands = Bands("rdStaffBands");
        InstitutionPoints = Map("institutionPoints");
        (ChainRoleLeast, ChainRoleMost) = ((int)ChainRolePoints.Value.Values.Min(), (int)ChainRolePoints.Value.Values.Max());
        InstitutionMost = (int)InstitutionPoints.Value.Values.Max();
        if (GrowthFormula.Value != "mean") throw new InvalidDataException($"{file.Origin}: parameter 'growthFormula' is '{GrowthFormula.Value}'; only \"mean\" is implemented ({Version})");
        Words = new[] { "baseTiers", "minNicheYears", "minRdExpense", "minRdRatio", "minRevenue", "financingInsteadOfRevenue", "passScore",
            "directProvincialAwardRank", "directNationalAwardRank", "directAverageRdExpense", "directFinancing", "directContestTop",
            "growthFormula", "nicheMaxPoints", "chainRolePoints", "qualityItemPoints", "provincialPoints", "institutionPoints" }
            .ToDictionary(k => k, Label, StringComparer.Ordinal);
    }

    public Cited<IReadOnlyList<string>> BaseTiers { get; }
    public Cited<int> MinNicheYears { get; }
    public Cited<decimal> MinRdExpense { get; }
    public Cited<decimal> MinRdRatio { get; }
    public Cited<decimal> MinRevenue { get; }
    public Cited<decimal> FinancingInsteadOfRevenue { get; }
    public Cited<int> FinancingYears { get; }
    public Cited<int> PassScore { get; }
    public Cited<int> AwardYears { get; }
    public Cited<int> DirectProvincialAwardRank { get; }
    public Cited<int> DirectNationalAwardRank { get; }
    public Cited<decimal> DirectAverageRdExpense { get; }
    public Cited<decimal> DirectFinancing { get; }
    public Cited<int> DirectContestTop { get; }
    public Cited<IReadOnlyList<Band>> MainBusinessShareBands { get; }
    public Cited<IReadOnlyList<Band>> GrowthBands { get; }
    public Cited<string> GrowthFormula { get; }
    public Cited<int> NicheYearsPerPoint { get; }
    public Cited<int> NicheMaxPoints { get; }
    public Cited<IReadOnlyDictionary<string, decimal>> ChainRolePoints { get; }
    public Cited<IReadOnlyList<Band>> DigitalisationBands { get; }
    public Cited<int> QualityItemPoints { get; }
    public Cited<int> QualityMaxPoints { get; }
    public Cited<IReadOnlyList<Band>> NetMarginBands { get; }
    public Cited<IReadOnlyList<Band>> DebtRatioBands { get; }
    /// <summary>Jiangxi's 特色化 points for every firm, or null while Jiangxi's indicators are not entered (the score is then a range).</summary>
    public Cited<decimal?> ProvincialPoints { get; }
    public Cited<int> ProvincialMaxPoints { get; }
    public IpPointsTable Ip { get; }
    public Cited<IReadOnlyList<Band>> RdAmountBands { get; }
    public Cited<IReadOnlyList<Band>> RdRatioBands { get; }
    public Cited<IReadOnlyList<Band>> RdStaffBands { get; }
    public Cited<IReadOnlyDictionary<string, decimal>> InstitutionPoints { get; }
    /// <summary>The tables' least and most points, read once (an unknown input spans them).</summary>
    public int ChainRoleLeast { get; }
    public int ChainRoleMost { get; }
    public int InstitutionMost { get; }
    /// <summary>The conditions' words, by key, from the file's labels.</summary>
    public IReadOnlyDictionary<string, string> Words { get; }
}

internal sealed class SpecialisedSme2026Law : SpecialisedSmeLaw
{
    public SpecialisedSme2026Law(ParameterSet file) : base(file)
    {
        BaseTiers = Strings("baseTiers");
        MinNicheYears = Integer("minNicheYears");
        MinRevenue = Number("minRevenue");
        FinancingInsteadOfRevenue = Number("financingInsteadOfRevenue");
        FinancingYears = Integer("financingYears");
        MinMainBusinessShare = Number("minMainBusinessShare");
        MaxDebtRatio = Number("maxDebtRatio");
        MinRdExpense = Number("minRdExpense");
        MinRdRatio = Number("minRdRatio");
        MinClass1Ip = Integer("minClass1Ip");
        IpWaiverAwardYears = Integer("ipWaiverAwardYears");
        IpWaiverAwardRank = Integer("ipWaiverAwardRank");
        MinDevelopmentScore = Number("minDevelopmentScore");
        Words = new[] { "baseTiers", "minNicheYears", "minRevenue", "financingInsteadOfRevenue", "minMainBusinessShare", "maxDebtRatio", "minRdExpense", "minRdRatio",
            "minClass1Ip", "ipWaiverAwardYears", "minDevelopmentScore" }.ToDictionary(k => k, Label, StringComparer.Ordinal);
    }

    public Cited<IReadOnlyList<string>> BaseTiers { get; }
    public Cited<int> MinNicheYears { get; }
    public Cited<decimal> MinRevenue { get; }
    public Cited<decimal> FinancingInsteadOfRevenue { get; }
    public Cited<int> FinancingYears { get; }
    public Cited<decimal> MinMainBusinessShare { get; }
    public Cited<decimal> MaxDebtRatio { get; }
    public Cited<decimal> MinRdExpense { get; }
    public Cited<decimal> MinRdRatio { get; }
    public Cited<int> MinClass1Ip { get; }
    public Cited<int> IpWaiverAwardYears { get; }
    public Cited<int> IpWaiverAwardRank { get; }
    public Cited<decimal> MinDevelopmentScore { get; }
    public IReadOnlyDictionary<string, string> Words { get; }
}

/// <summary>专精特新"小巨人" (Parameters/little-giant): 63号附件3 from 2022-06-01, the 2025 notice's revenue floor, 2号附件2 from
/// 2026-04-01.</summary>
internal abstract class LittleGiantLaw(ParameterSet file) : QualityLaw(file)
{
    public static LittleGiantLaw Bind(ParameterSet file) => SchemeOf(file) switch
    {
        "2022" => new LittleGiant2022Law(file),
        "2026" => new LittleGiant2026Law(file),
        var other => throw new InvalidDataException($"{file.Origin}: parameter 'scheme' is '{other}'; \"2022\" or \"2026\" ({file.Version})"),
    };

    protected void ReadCommon()
    {
        PrerequisiteTitle = Text("prerequisiteTitle");
        ExcludedTitles = Strings("excludedTitles");
        MinNicheYears = Integer("minNicheYears");
    }

    public Cited<string> PrerequisiteTitle { get; private set; } = null!;
    public Cited<IReadOnlyList<string>> ExcludedTitles { get; private set; } = null!;
    public Cited<int> MinNicheYears { get; private set; } = null!;

    /// <summary>The conditions' words, by key, from the file's labels.</summary>
    public IReadOnlyDictionary<string, string> Words { get; protected set; } = null!;
}

internal sealed class LittleGiant2022Law : LittleGiantLaw
{
    public LittleGiant2022Law(ParameterSet file) : base(file)
    {
        ReadCommon();
        MinYearsOperating = Integer("minYearsOperating");
        MinRevenueToApply = OptionalNumber("minRevenueToApply");
        MinMainBusinessShare = Number("minMainBusinessShare");
        MinAverageGrowth = Number("minAverageGrowth");
        var formula = Text("growthFormula");
        if (formula.Value != "mean") throw new InvalidDataException($"{file.Origin}: parameter 'growthFormula' is '{formula.Value}'; only \"mean\" is implemented ({Version})");
        MaxDebtRatio = Number("maxDebtRatio");
        MinCoreBusinessesOnSystems = Integer("minCoreBusinessesOnSystems");
        MinMarketShare = Number("minMarketShare");
        LargeRevenue = Number("largeRevenue");
        LargeRdRatio = Number("largeRdRatio");
        MediumRevenue = Number("mediumRevenue");
        MediumRdRatio = Number("mediumRdRatio");
        SmallFinancing = Number("smallFinancing");
        FinancingYears = Integer("financingYears");
        SmallRdExpense = Number("smallRdExpense");
        SmallRdStaffRatio = Number("smallRdStaffRatio");
        MinClass1IpApplied = Integer("minClass1IpApplied");
        AwardYears = Integer("awardYears");
        DirectNationalAwardRank = Integer("directNationalAwardRank");
        DirectContestTop = Integer("directContestTop");
        (Certification, OwnBrand, RdInstitution, KeyChainLink, PriorityField) =
            (Flag("certification"), Flag("ownBrand"), Flag("rdInstitution"), Flag("keyChainLink"), Flag("priorityField"));
        AlwaysApplied("certification", "ownBrand", "rdInstitution", "keyChainLink", "priorityField");
        Words = new[] { "prerequisiteTitle", "excludedTitles", "minYearsOperating", "minRevenueToApply", "minNicheYears", "minMainBusinessShare",
            "minAverageGrowth", "growthFormula", "maxDebtRatio", "minCoreBusinessesOnSystems", "certification", "minMarketShare", "ownBrand", "largeRdRatio",
            "mediumRdRatio", "smallFinancing", "smallRdExpense", "smallRdStaffRatio", "rdInstitution", "minClass1IpApplied", "directNationalAwardRank",
            "directContestTop", "keyChainLink", "priorityField" }.ToDictionary(k => k, Label, StringComparer.Ordinal);
    }

    public Cited<bool> Certification { get; }
    public Cited<bool> OwnBrand { get; }
    public Cited<bool> RdInstitution { get; }
    public Cited<bool> KeyChainLink { get; }
    public Cited<bool> PriorityField { get; }
    public Cited<int> MinYearsOperating { get; }
    /// <summary>The 2025 notice's floor below which no application or review is taken (null under 63号 alone).</summary>
    public Cited<decimal?> MinRevenueToApply { get; }
    public Cited<decimal> MinMainBusinessShare { get; }
    public Cited<decimal> MinAverageGrowth { get; }
    public Cited<decimal> MaxDebtRatio { get; }
    public Cited<int> MinCoreBusinessesOnSystems { get; }
    public Cited<decimal> MinMarketShare { get; }
    public Cited<decimal> LargeRevenue { get; }
    public Cited<decimal> LargeRdRatio { get; }
    public Cited<decimal> MediumRevenue { get; }
    public Cited<decimal> MediumRdRatio { get; }
    public Cited<decimal> SmallFinancing { get; }
    public Cited<int> FinancingYears { get; }
    public Cited<decimal> SmallRdExpense { get; }
    public Cited<decimal> SmallRdStaffRatio { get; }
    public Cited<int> MinClass1IpApplied { get; }
    public Cited<int> AwardYears { get; }
    public Cited<int> DirectNationalAwardRank { get; }
    public Cited<int> DirectContestTop { get; }
}

internal sealed class LittleGiant2026Law : LittleGiantLaw
{
    public LittleGiant2026Law(ParameterSet file) : base(file)
    {
        ReadCommon();
        MinRevenue = Number("minRevenue");
        MinMainBusinessShare = Number("minMainBusinessShare");
        MinRevenueCagr = Number("minRevenueCagr");
        MaxDebtRatio = Number("maxDebtRatio");
        MinRdExpenseTwoYears = Number("minRdExpenseTwoYears");
        MinRdRatio = Number("minRdRatio");
        MinClass1Ip = Integer("minClass1Ip");
        IpWaiverAwardYears = Integer("ipWaiverAwardYears");
        IpWaiverAwardRank = Integer("ipWaiverAwardRank");
        MinMarketShare = Number("minMarketShare");
        MinDevelopmentScore = Number("minDevelopmentScore");
        PriorityField = Flag("priorityField");
        AlwaysApplied("priorityField");
        Words = new[] { "prerequisiteTitle", "excludedTitles", "minNicheYears", "minRevenue", "minMainBusinessShare", "minRevenueCagr", "maxDebtRatio",
            "minRdExpenseTwoYears", "minRdRatio", "minClass1Ip", "ipWaiverAwardYears", "minMarketShare", "priorityField", "minDevelopmentScore" }
            .ToDictionary(k => k, Label, StringComparer.Ordinal);
    }

    public Cited<bool> PriorityField { get; }
    public Cited<decimal> MinRevenue { get; }
    public Cited<decimal> MinMainBusinessShare { get; }
    public Cited<decimal> MinRevenueCagr { get; }
    public Cited<decimal> MaxDebtRatio { get; }
    public Cited<decimal> MinRdExpenseTwoYears { get; }
    public Cited<decimal> MinRdRatio { get; }
    public Cited<int> MinClass1Ip { get; }
    public Cited<int> IpWaiverAwardYears { get; }
    public Cited<int> IpWaiverAwardRank { get; }
    public Cited<decimal> MinMarketShare { get; }
    public Cited<decimal> MinDevelopmentScore { get; }
}

/// <summary>国家技术创新示范企业 (Parameters/innovation-demo): 540号's numeric gates.</summary>
internal sealed class InnovationDemoLaw : Law
{
    public InnovationDemoLaw(ParameterSet file) : base(file)
    {
        ChineseControlled = Flag("chineseControlled");
        TechCentreLevels = Strings("techCentreLevels");
        MinEmployees = Integer("minEmployees");
        MinSalesRevenue = Number("minSalesRevenue");
        MinTotalAssets = Number("minTotalAssets");
        MinRdRatio = Number("minRdRatio");
        ProfitableYears = Integer("profitableYears");
        CleanRecordWindow = Window("cleanRecordWindow");
        CleanRecordFlags = CleanFlags("cleanRecordFlags");
        CandidateLabel = Text("candidateLabel");
        AlwaysApplied("chineseControlled");
        Words = new[] { "chineseControlled", "techCentreLevels", "minEmployees", "minSalesRevenue", "minTotalAssets", "minRdRatio", "profitableYears", "cleanRecordWindow" }
            .ToDictionary(k => k, Label, StringComparer.Ordinal);
    }

    public Cited<bool> ChineseControlled { get; }
    public Cited<IReadOnlyList<string>> TechCentreLevels { get; }
    public Cited<int> MinEmployees { get; }
    public Cited<decimal> MinSalesRevenue { get; }
    public Cited<decimal> MinTotalAssets { get; }
    public Cited<decimal> MinRdRatio { get; }
    public Cited<int> ProfitableYears { get; }
    public Cited<LookBack> CleanRecordWindow { get; }
    public Cited<CleanRecordFlags> CleanRecordFlags { get; }
    public Cited<string> CandidateLabel { get; }
    public IReadOnlyDictionary<string, string> Words { get; }
}

/// <summary>What a second-ladder title asks of its holder while valid (Parameters/title-lifecycle): the yearly update's
/// deadline for each title, the months a major change may wait to be reported, and what missing either costs.</summary>
internal sealed class TitleLifecycleLaw : Law
{
    public TitleLifecycleLaw(ParameterSet file) : base(file)
    {
        var deadlines = File.Cite("annualUpdateBy", static (f, k) => f.TextMap(k), "a table of month-days (MM-dd)");
        UpdateBy = deadlines.Value.ToDictionary(x => x.Key, x => MonthDay(x.Key, x.Value));
        UpdateRef = deadlines.Source;
        UpdateLabel = Label("annualUpdateBy");
        ChangeReportMonths = Integer("changeReportMonths");
        ChangeLabel = Label("changeReportMonths");
        MissedUpdate = new(Text("missedUpdate").Value, Label("missedUpdate"), File.Ref("missedUpdate"));
        UnreportedChange = new(Text("unreportedChange").Value, Label("unreportedChange"), File.Ref("unreportedChange"));
        FirstUpdateAfterIssue = Integer("firstUpdateAfterIssue");
        foreach (var title in Domain.Registry.QualityTitles.UpdatedYearly)
            if (!UpdateBy.ContainsKey(title)) throw new InvalidDataException($"{File.Origin}: annualUpdateBy has no deadline for {title} ({Version})");
    }

    public IReadOnlyDictionary<string, (int Month, int Day)> UpdateBy { get; }
    public SourceReference UpdateRef { get; }
    public string UpdateLabel { get; }
    public Cited<int> ChangeReportMonths { get; }
    public string ChangeLabel { get; }
    public Consequence MissedUpdate { get; }
    public Consequence UnreportedChange { get; }
    public Cited<int> FirstUpdateAfterIssue { get; }

    /// <summary>Whether a value of this file is less than firm (the file's or the value's own mark).</summary>
    public string? Confidence(string key) => File.Values[key].Confidence ?? File.Source.Confidence;

    private (int, int) MonthDay(string title, string text) =>
        text.Split('-') is [var m, var d] && int.TryParse(m, out var month) && int.TryParse(d, out var day) && month is >= 1 and <= 12
            && day >= 1 && day <= DateTime.DaysInMonth(2001, month)
            ? (month, day)
            : throw new InvalidDataException($"{File.Origin}: annualUpdateBy.{title} should be a month-day such as 04-30, not '{text}' ({Version})");
}
