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
        var c = f.CreditCode;
        (string name, decimal? value)[] amounts =
        [
            ("employees", f.Employees), ("techStaff", f.TechStaff), ("salesRevenue", f.SalesRevenue), ("totalIncome", f.TotalIncome),
            ("hiTechIncome", f.HiTechIncome), ("totalCostsAndExpenses", f.TotalCostsAndExpenses), ("rdExpense", f.RdExpense),
            ("rdExpenseDomestic", f.RdExpenseDomestic), ("totalAssets", f.TotalAssets), ("totalLiabilities", f.TotalLiabilities),
            ("resultsCommercialized", f.ResultsCommercialized),
        ];
        foreach (var (name, value) in amounts)
            if (value < 0) yield return new(c, f.Year, name, $"不能为负数（{value}）");
        if (f.TechStaff > f.Employees) yield return new(c, f.Year, "techStaff", $"科技人员 {f.TechStaff} 人超过职工总数 {f.Employees} 人");
        if (f.RdExpenseDomestic > f.RdExpense) yield return new(c, f.Year, "rdExpenseDomestic", $"境内研发费用 {f.RdExpenseDomestic} 超过研发费用总额 {f.RdExpense}");
        if (f.HiTechIncome > f.TotalIncome) yield return new(c, f.Year, "hiTechIncome", $"高新技术产品收入 {f.HiTechIncome} 超过总收入 {f.TotalIncome}");
        if (registeredOn is { } reg && f.Year < reg.Year) yield return new(c, f.Year, "year", $"申报年度早于注册年度 {reg.Year}");
    }
}
