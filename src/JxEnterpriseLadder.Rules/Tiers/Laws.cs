using System.Collections.Frozen;
using JxEnterpriseLadder.Domain;
using JxEnterpriseLadder.Rules.Engine;
using static JxEnterpriseLadder.Rules.Engine.Common;

namespace JxEnterpriseLadder.Rules.Tiers;

// Every key of the tiers' parameter files, read once into a typed record per version (issue 20). A key missing from a
// file, or of the wrong type, stops the engine from loading with the file and the key named. The rules read these
// properties only; the words of the law (labels, sources) stay in the files.

/// <summary>科技型中小企业 (Parameters/tech-sme): 国科发政〔2017〕115号.</summary>
internal sealed class TechSmeLaw : Law
{
    public TechSmeLaw(ParameterSet file) : base(file)
    {
        Resident = Flag("resident");
        MaxEmployees = Number("maxEmployees");
        MaxSalesRevenue = Number("maxSalesRevenue");
        MaxTotalAssets = Number("maxTotalAssets");
        IndustryNotProhibited = Flag("industryNotProhibited");
        CleanRecordWindow = Window("cleanRecordWindow");
        CleanRecordFlags = CleanFlags("cleanRecordFlags");
        TechStaffRatioBands = Bands("techStaffRatioBands");
        RdToSalesRevenueBands = Bands("rdToSalesRevenueBands");
        RdToTotalCostsBands = Bands("rdToTotalCostsBands");
        Class1Points = Integer("class1Points");
        Class2CountBands = Bands("class2CountBands");
        PassScore = Integer("passScore");
        DirectHnteCertificate = Flag("directHnteCertificate");
        DirectNationalAward = Integer("directNationalAward");
        DirectRdInstitution = Flag("directRdInstitution");
        DirectLedStandard = Integer("directLedStandard");
        // The direct routes' words hold the law's numbers (the look-back years): read from the file with them.
        (DirectNationalAwardWords, DirectRdInstitutionWords, DirectLedStandardWords) =
            (Label("directNationalAward"), Label("directRdInstitution"), Label("directLedStandard"));
        // Conditions and direct routes the rules always apply; the award's rank and the standard's years are in the labels.
        AlwaysApplied("resident", "industryNotProhibited", "directHnteCertificate", "directNationalAward", "directRdInstitution", "directLedStandard");
    }

    public Cited<bool> Resident { get; }
    public Cited<decimal> MaxEmployees { get; }
    public Cited<decimal> MaxSalesRevenue { get; }
    public Cited<decimal> MaxTotalAssets { get; }
    public Cited<bool> IndustryNotProhibited { get; }
    public Cited<LookBack> CleanRecordWindow { get; }
    public Cited<CleanRecordFlags> CleanRecordFlags { get; }
    public Cited<IReadOnlyList<Band>> TechStaffRatioBands { get; }
    public Cited<IReadOnlyList<Band>> RdToSalesRevenueBands { get; }
    public Cited<IReadOnlyList<Band>> RdToTotalCostsBands { get; }
    public Cited<int> Class1Points { get; }
    public Cited<IReadOnlyList<Band>> Class2CountBands { get; }
    public Cited<int> PassScore { get; }
    public Cited<bool> DirectHnteCertificate { get; }
    public Cited<int> DirectNationalAward { get; }
    public Cited<bool> DirectRdInstitution { get; }
    public Cited<int> DirectLedStandard { get; }
    public string DirectNationalAwardWords { get; }
    public string DirectRdInstitutionWords { get; }
    public string DirectLedStandardWords { get; }

    // The band tables as read in an explanation, written once per version.
    public string TechStaffThreshold => _techStaff ??= BandTable(TechStaffRatioBands.Value, Format.Percent);
    public string RdInputThreshold => _rdInput ??=
        $"研发费用/销售收入：{BandTable(RdToSalesRevenueBands.Value, Format.Percent)}；研发费用/成本费用总额：{BandTable(RdToTotalCostsBands.Value, Format.Percent)}；取高者";
    public string IpThreshold => _ip ??= $"Ⅰ类 ≥ 1项 → {Class1Points.Value}分；Ⅱ类：{BandTable(Class2CountBands.Value, Format.Count)}";
    private string? _techStaff, _rdInput, _ip;

    /// <summary>The clean-record period as the criterion names it ("填报上一年及当年").</summary>
    public string CleanRecordPeriod => _period ??= CleanRecordWindow.Value.Words("填报");
    private string? _period;
}

/// <summary>高新技术企业 (Parameters/hnte): 国科发火〔2016〕32号, 195号.</summary>
internal sealed class HnteLaw : Law
{
    public HnteLaw(ParameterSet file) : base(file)
    {
        MinDaysRegistered = Integer("minDaysRegistered");
        MinIpCount = Integer("minIpCount");
        HiTechFields = Strings("hiTechFields");
        MinTechStaffRatio = Number("minTechStaffRatio");
        RdRatioYears = Integer("rdRatioYears");
        RdRatioSmallSalesCeiling = Number("rdRatioSmallSalesCeiling");
        RdRatioSmall = Number("rdRatioSmall");
        RdRatioMediumSalesCeiling = Number("rdRatioMediumSalesCeiling");
        RdRatioMedium = Number("rdRatioMedium");
        RdRatioLarge = Number("rdRatioLarge");
        MinDomesticRdShare = Number("minDomesticRdShare");
        MinHiTechIncomeShare = Number("minHiTechIncomeShare");
        InnovationScoreAbove = Integer("innovationScoreAbove");
        CleanRecordWindow = Window("cleanRecordWindow");
        CleanRecordFlags = CleanFlags("cleanRecordFlags");
        CertificateValidityYears = Integer("certificateValidityYears");
        BandPointsRange = File.Cite("bandPointsMode", static (f, k) => f.Text(k) switch
        {
            "range" => true,
            "lower" => false,
            var other => throw new FormatException(other),
        }, "\"lower\" or \"range\"");
        ExpertGradeMinPoints = Map("expertGradeMinPoints");
        ExpertGradeMaxPoints = Map("expertGradeMaxPoints");
        IpClass1Points = Bands("ipClass1Points");
        IpClass2CountBands = Bands("ipClass2CountBands");
        IpOwnRdPoints = Bands("ipOwnRdPoints");
        IpAcquiredOnlyPoints = Bands("ipAcquiredOnlyPoints");
        StandardBonusPoints = Bands("standardBonusPoints");
        IpMaxPoints = Integer("ipMaxPoints");
        CommercializationYears = Integer("commercializationYears");
        CommercializationBands = Bands("commercializationBands");
        RdManagementMaxPoints = Integer("rdManagementMaxPoints");
        RdManagementItemPoints = Map("rdManagementItemPoints");
        GrowthYears = Integer("growthYears");
        GrowthBands = Bands("growthBands");
        ExpertGrades = ExpertGradeMinPoints.Value.Keys.ToArray();
        foreach (var grade in ExpertGrades)
            if (!ExpertGradeMaxPoints.Value.ContainsKey(grade))
                throw new InvalidDataException($"{file.Origin}: parameter 'expertGradeMaxPoints' has no grade '{grade}' ({Version})");
        GradePoints = ExpertGrades.Select(g => ((int)ExpertGradeMinPoints.Value[g], (int)ExpertGradeMaxPoints.Value[g])).ToArray();
        RdManagementFactPoints = RdManagementFacts.Select(fact => RdManagementItemPoints.Value.TryGetValue(fact, out var points) ? (int)points
            : throw new InvalidDataException($"{file.Origin}: parameter 'rdManagementItemPoints' has no item '{fact}' ({Version})")).ToArray();
    }

    /// <summary>The four facts of 研究开发组织管理水平, as the file's table names them.</summary>
    public static readonly string[] RdManagementFacts = ["rdRulesAndAccounts", "rdUnitAndCooperation", "commercializationIncentives", "talentRules"];

    public Cited<int> MinDaysRegistered { get; }
    public Cited<int> MinIpCount { get; }
    public Cited<IReadOnlyList<string>> HiTechFields { get; }
    public Cited<decimal> MinTechStaffRatio { get; }
    public Cited<int> RdRatioYears { get; }
    public Cited<decimal> RdRatioSmallSalesCeiling { get; }
    public Cited<decimal> RdRatioSmall { get; }
    public Cited<decimal> RdRatioMediumSalesCeiling { get; }
    public Cited<decimal> RdRatioMedium { get; }
    public Cited<decimal> RdRatioLarge { get; }
    public Cited<decimal> MinDomesticRdShare { get; }
    public Cited<decimal> MinHiTechIncomeShare { get; }
    public Cited<int> InnovationScoreAbove { get; }
    public Cited<LookBack> CleanRecordWindow { get; }
    public Cited<CleanRecordFlags> CleanRecordFlags { get; }
    public Cited<int> CertificateValidityYears { get; }
    /// <summary>bandPointsMode: "range" counts a band "7–8" as 7 to 8, "lower" as 7.</summary>
    public Cited<bool> BandPointsRange { get; }
    public Cited<IReadOnlyDictionary<string, decimal>> ExpertGradeMinPoints { get; }
    public Cited<IReadOnlyDictionary<string, decimal>> ExpertGradeMaxPoints { get; }
    /// <summary>The experts' grades (A–E) as the file lists them.</summary>
    public string[] ExpertGrades { get; }
    /// <summary>Each grade's least and most points, in the order of <see cref="ExpertGrades"/>: read by index, not by key.</summary>
    public (int Min, int Max)[] GradePoints { get; }
    public Cited<IReadOnlyList<Band>> IpClass1Points { get; }
    public Cited<IReadOnlyList<Band>> IpClass2CountBands { get; }
    public Cited<IReadOnlyList<Band>> IpOwnRdPoints { get; }
    public Cited<IReadOnlyList<Band>> IpAcquiredOnlyPoints { get; }
    public Cited<IReadOnlyList<Band>> StandardBonusPoints { get; }
    public Cited<int> IpMaxPoints { get; }
    public Cited<int> CommercializationYears { get; }
    public Cited<IReadOnlyList<Band>> CommercializationBands { get; }
    public Cited<int> RdManagementMaxPoints { get; }
    public Cited<IReadOnlyDictionary<string, decimal>> RdManagementItemPoints { get; }
    /// <summary>The points of each fact of <see cref="RdManagementFacts"/>, in that order.</summary>
    public int[] RdManagementFactPoints { get; }
    public Cited<int> GrowthYears { get; }
    public Cited<IReadOnlyList<Band>> GrowthBands { get; }

    public string IpCountThreshold => _ipCount ??= $"Ⅰ类 ≥ 1 → {IpClass1Points.Value[0].PointsText}；Ⅱ类 {BandTable(IpClass2CountBands.Value, Format.Count)}";
    public string CommercializationThreshold => _commercialization ??= BandTable(CommercializationBands.Value, Format.Count);
    public string GrowthThreshold => _growth ??= "增长率 = ½ ×（第二年 ÷ 第一年 + 第三年 ÷ 第二年）− 1；" + BandTable(GrowthBands.Value, Format.Percent);
    private string? _ipCount, _commercialization, _growth;

    /// <summary>The clean-record period as the criterion names it ("申请认定前一年内").</summary>
    public string CleanRecordPeriod => _period ??= CleanRecordWindow.Value.Words("申请认定");
    /// <summary>"近三个会计年度", the R&amp;D ratio's years in words.</summary>
    public string RdRatioYearsWords => _rdYears ??= $"近{Format.ChineseCount(RdRatioYears.Value)}个会计年度";
    public string CommercializationLabel => _commercializationLabel ??= $"科技成果转化能力（近{Format.ChineseCount(CommercializationYears.Value)}年年均转化数）";
    private string? _period, _rdYears, _commercializationLabel;
}

/// <summary>Eligibility shared by the five high-growth tiers (Parameters/high-growth).</summary>
internal sealed class HighGrowthLaw : Law
{
    public HighGrowthLaw(ParameterSet file) : base(file)
    {
        Resident = Flag("resident");
        CleanRecordYears = Integer("cleanRecordYears");
        CleanRecordWindow = Window("cleanRecordWindow");
        CleanRecordFlags = CleanFlags("cleanRecordFlags");
        StrategicIndustries = Strings("strategicIndustries");
        AlwaysApplied("resident");
        StrategicIndustrySet = StrategicIndustries.Value.ToFrozenSet(StringComparer.Ordinal);
    }

    /// <summary>The strategic industries as a set, for the check every high-growth tier makes.</summary>
    public System.Collections.Frozen.FrozenSet<string> StrategicIndustrySet { get; }

    public Cited<bool> Resident { get; }
    public Cited<int> CleanRecordYears { get; }
    public Cited<LookBack> CleanRecordWindow { get; }
    public Cited<CleanRecordFlags> CleanRecordFlags { get; }
    public Cited<IReadOnlyList<string>> StrategicIndustries { get; }

    /// <summary>"近 n 年内": the clean-record period as a criterion names it.</summary>
    public string CleanRecordPeriod => _period ??= $"近 {CleanRecordYears.Value} 年内";
    private string? _period;

    /// <summary>The industries' names people read, not their codes.</summary>
    public string StrategicIndustryNames => _names ??=
        string.Join("、", StrategicIndustries.Value.Select(i => JiangxiReference.Default.IndustryByCode(i)?.Name ?? i));
    private string? _names;
}

/// <summary>瞪羚企业 (Parameters/gazelle).</summary>
internal sealed class GazelleLaw : Law
{
    public GazelleLaw(ParameterSet file) : base(file)
    {
        RequiresValidHnte = Flag("requiresValidHnte");
        ExcludesBranchOrTradingOnly = Flag("excludesBranchOrTradingOnly");
        MinRdToRevenueExclusive = Number("minRdToRevenueExclusive");
        FoundedYearsBeforeDataYear = Integer("foundedYearsBeforeDataYear");
        CagrYears = Integer("cagrYears");
        Path1MinBaseRevenue = Number("path1MinBaseRevenue");
        Path1MinRevenueCagr = Number("path1MinRevenueCagr");
        Path2MinBaseEmployees = Number("path2MinBaseEmployees");
        Path2MinHeadcountCagr = Number("path2MinHeadcountCagr");
        Path3FoundedWithinYears = Integer("path3FoundedWithinYears");
        Path3MinRevenue = Number("path3MinRevenue");
        Path4FoundedWithinYears = Integer("path4FoundedWithinYears");
        Path4MinRevenue = Number("path4MinRevenue");
        AlwaysApplied("requiresValidHnte", "excludesBranchOrTradingOnly");
    }

    public Cited<bool> RequiresValidHnte { get; }
    public Cited<bool> ExcludesBranchOrTradingOnly { get; }
    public Cited<decimal> MinRdToRevenueExclusive { get; }
    public Cited<int> FoundedYearsBeforeDataYear { get; }
    public Cited<int> CagrYears { get; }
    public Cited<decimal> Path1MinBaseRevenue { get; }
    public Cited<decimal> Path1MinRevenueCagr { get; }
    public Cited<decimal> Path2MinBaseEmployees { get; }
    public Cited<decimal> Path2MinHeadcountCagr { get; }
    public Cited<int> Path3FoundedWithinYears { get; }
    public Cited<decimal> Path3MinRevenue { get; }
    public Cited<int> Path4FoundedWithinYears { get; }
    public Cited<decimal> Path4MinRevenue { get; }
}

/// <summary>潜在瞪羚企业 (Parameters/potential-gazelle).</summary>
internal sealed class PotentialGazelleLaw : Law
{
    public PotentialGazelleLaw(ParameterSet file) : base(file)
    {
        AcceptsEligibility = Flag("acceptsEligibility");
        ExcludesGazelles = Flag("excludesGazelles");
        CagrYears = Integer("cagrYears");
        Path1MinBaseRevenue = Number("path1MinBaseRevenue");
        Path1MinRevenueCagr = Number("path1MinRevenueCagr");
        Path2MinRevenue = Number("path2MinRevenue");
        Path2MinYoyGrowth = Number("path2MinYoyGrowth");
        Path3FoundedWithinYears = Integer("path3FoundedWithinYears");
        Path3MinProfessionalInvestment = Number("path3MinProfessionalInvestment");
        AlwaysApplied("excludesGazelles");
    }

    public Cited<bool> AcceptsEligibility { get; }
    public Cited<bool> ExcludesGazelles { get; }
    public Cited<int> CagrYears { get; }
    public Cited<decimal> Path1MinBaseRevenue { get; }
    public Cited<decimal> Path1MinRevenueCagr { get; }
    public Cited<decimal> Path2MinRevenue { get; }
    public Cited<decimal> Path2MinYoyGrowth { get; }
    public Cited<int> Path3FoundedWithinYears { get; }
    /// <summary>The paths' names, with the law's years from this file.</summary>
    public string Path1Name => _path1 ??= $"路径一：营业收入{Format.ChineseCount(CagrYears.Value)}年复合增长";
    public string Path3Name => _path3 ??= $"路径三：成立 {Path3FoundedWithinYears.Value} 年内且获得较大额专业投资";
    private string? _path1, _path3;
    public Cited<decimal> Path3MinProfessionalInvestment { get; }
}

/// <summary>What the three unicorn tiers share: the investor and listing conditions.</summary>
internal abstract class UnicornFamilyLaw : Law
{
    protected UnicornFamilyLaw(ParameterSet file) : base(file)
    {
        RequiresProfessionalInvestor = Flag("requiresProfessionalInvestor");
        NotListed = Flag("notListed");
        AlwaysApplied("notListed");
    }

    public Cited<bool> RequiresProfessionalInvestor { get; }
    public Cited<bool> NotListed { get; }
}

/// <summary>独角兽企业 (Parameters/unicorn).</summary>
internal sealed class UnicornLaw : UnicornFamilyLaw
{
    public UnicornLaw(ParameterSet file) : base(file)
    {
        MaxYearsFounded = Integer("maxYearsFounded");
        MinValuationUsd = Number("minValuationUsd");
        SuperUnicornValuationUsd = Number("superUnicornValuationUsd");
        MinCumulativeFinancingUsd = OptionalNumber("minCumulativeFinancingUsd");
    }

    public Cited<int> MaxYearsFounded { get; }
    public Cited<decimal> MinValuationUsd { get; }
    public Cited<decimal> SuperUnicornValuationUsd { get; }
    public Cited<decimal?> MinCumulativeFinancingUsd { get; }
}

/// <summary>潜在独角兽企业 (Parameters/potential-unicorn): a young and an older route.</summary>
internal sealed class PotentialUnicornLaw : UnicornFamilyLaw
{
    public PotentialUnicornLaw(ParameterSet file) : base(file)
    {
        YoungMaxYearsFounded = Integer("youngMaxYearsFounded");
        YoungMinValuationUsd = Number("youngMinValuationUsd");
        YoungMinCumulativeFinancingUsd = OptionalNumber("youngMinCumulativeFinancingUsd");
        OlderMaxYearsFounded = Integer("olderMaxYearsFounded");
        OlderMinValuationUsd = Number("olderMinValuationUsd");
        OlderMinCumulativeFinancingUsd = OptionalNumber("olderMinCumulativeFinancingUsd");
    }

    public Cited<int> YoungMaxYearsFounded { get; }
    public Cited<decimal> YoungMinValuationUsd { get; }
    public Cited<decimal?> YoungMinCumulativeFinancingUsd { get; }
    public Cited<int> OlderMaxYearsFounded { get; }
    public Cited<decimal> OlderMinValuationUsd { get; }
    public Cited<decimal?> OlderMinCumulativeFinancingUsd { get; }
}

/// <summary>种子独角兽企业 (Parameters/seed-unicorn).</summary>
internal sealed class SeedUnicornLaw : UnicornFamilyLaw
{
    public SeedUnicornLaw(ParameterSet file) : base(file)
    {
        MaxYearsFounded = Integer("maxYearsFounded");
        MinValuationCny = Number("minValuationCny");
        MinCumulativeFinancingCny = OptionalNumber("minCumulativeFinancingCny");
    }

    public Cited<int> MaxYearsFounded { get; }
    public Cited<decimal> MinValuationCny { get; }
    public Cited<decimal?> MinCumulativeFinancingCny { get; }
}

/// <summary>Yearly average exchange rates (Parameters/exchange-rates), by year.</summary>
internal sealed class ExchangeRatesLaw : Law
{
    public ExchangeRatesLaw(ParameterSet file) : base(file)
    {
        UsdCnyAnnualAverage = Map("usdCnyAnnualAverage");
        var byYear = new Dictionary<int, decimal>();
        foreach (var (year, rate) in UsdCnyAnnualAverage.Value)
            byYear[int.TryParse(year, System.Globalization.CultureInfo.InvariantCulture, out var y) ? y
                : throw new InvalidDataException($"{file.Origin}: parameter 'usdCnyAnnualAverage' has '{year}', not a year ({Version})")] = rate;
        UsdCnyByYear = byYear;
    }

    public Cited<IReadOnlyDictionary<string, decimal>> UsdCnyAnnualAverage { get; }
    public IReadOnlyDictionary<int, decimal> UsdCnyByYear { get; }

    /// <summary>Money of financing rounds converted at these rates.</summary>
    public Money Money => _money ??= new Money(this);
    private Money? _money;
}
