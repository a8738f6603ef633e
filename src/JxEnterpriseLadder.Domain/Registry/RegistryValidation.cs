using JxEnterpriseLadder.Domain.Profiles;

namespace JxEnterpriseLadder.Domain.Registry;

/// <summary>One problem with input data, naming the enterprise, the year (for filings) and the field.</summary>
public sealed record ValidationProblem(string CreditCode, int? Year, string Field, string Message)
{
    public override string ToString() =>
        $"{CreditCode}{(Year is { } y ? $" {y}年" : "")} {Field}: {Message}";
}

public sealed class RegistryValidationException(IReadOnlyList<ValidationProblem> problems)
    : Exception(string.Join("\n", problems.Select(p => p.ToString())))
{
    public IReadOnlyList<ValidationProblem> Problems { get; } = problems;
}

/// <summary>The consistency rules of the registry, checked before anything is written.</summary>
public static class RegistryValidation
{
    public static IEnumerable<ValidationProblem> Check(Enterprise e)
    {
        if (UnifiedSocialCreditCode.Validate(e.CreditCode) is { } reason)
            yield return new(e.CreditCode, null, "creditCode", reason);
        if (string.IsNullOrWhiteSpace(e.Name)) yield return new(e.CreditCode, null, "name", "企业名称为空");
        var reference = JiangxiReference.Default;
        if (reference.CityByCode(e.CityCode) is null) yield return new(e.CreditCode, null, "cityCode", $"未知的设区市 '{e.CityCode}'");
        if (e.ParkCode is { } park && reference.ParkByCode(park) is null) yield return new(e.CreditCode, null, "parkCode", $"未知的园区 '{park}'");
        if (e.ChainCode is { } chain && reference.ChainByCode(chain) is null) yield return new(e.CreditCode, null, "chainCode", $"未知的产业链 '{chain}'");
    }

    public static IEnumerable<ValidationProblem> Check(Filing f, DateOnly? registeredOn)
    {
        foreach (var (field, message) in Consistency(ToYear(f)))
            yield return new(f.CreditCode, f.Year, field, message);
        if (registeredOn is { } reg && f.Year < reg.Year) yield return new(f.CreditCode, f.Year, "year", $"申报年度早于注册年度 {reg.Year}");
    }

    /// <summary>
    /// The consistency rules of one year's filing, shared by the registry and the assessment input:
    /// no negative amount, tech staff within employees, domestic R&amp;D within R&amp;D, high-tech income within total income.
    /// </summary>
    public static IEnumerable<(string Field, string Message)> Consistency(YearFiling y)
    {
        (string name, decimal? value)[] amounts =
        [
            ("employees", y.Employees), ("techStaff", y.TechStaff), ("salesRevenue", y.SalesRevenue), ("totalIncome", y.TotalIncome),
            ("hiTechIncome", y.HiTechIncome), ("totalCostsAndExpenses", y.TotalCostsAndExpenses), ("rdExpense", y.RdExpense),
            ("rdExpenseDomestic", y.RdExpenseDomestic), ("totalAssets", y.TotalAssets), ("totalLiabilities", y.TotalLiabilities),
            ("resultsCommercialized", y.ResultsCommercialized),
        ];
        foreach (var (name, value) in amounts)
            if (value < 0) yield return (name, $"不能为负数 (must not be negative: {value})");
        if (y.TechStaff > y.Employees) yield return ("techStaff", $"科技人员 {y.TechStaff} 人超过职工总数 {y.Employees} 人 (tech staff exceeds employees)");
        if (y.RdExpenseDomestic > y.RdExpense) yield return ("rdExpenseDomestic", $"境内研发费用 {y.RdExpenseDomestic} 超过研发费用总额 {y.RdExpense} (domestic R&D exceeds R&D)");
        if (y.HiTechIncome > y.TotalIncome) yield return ("hiTechIncome", $"高新技术产品收入 {y.HiTechIncome} 超过总收入 {y.TotalIncome} (high-tech income exceeds total income)");
    }

    private static YearFiling ToYear(Filing f) => new()
    {
        Year = f.Year, Employees = f.Employees, TechStaff = f.TechStaff, SalesRevenue = f.SalesRevenue, TotalIncome = f.TotalIncome,
        HiTechIncome = f.HiTechIncome, TotalCostsAndExpenses = f.TotalCostsAndExpenses, RdExpense = f.RdExpense,
        RdExpenseDomestic = f.RdExpenseDomestic, TotalAssets = f.TotalAssets, TotalLiabilities = f.TotalLiabilities,
        ResultsCommercialized = f.ResultsCommercialized,
    };
}
