using JxEnterpriseLadder.Domain;
using JxEnterpriseLadder.Domain.Profiles;
using JxEnterpriseLadder.Rules.Engine;
using static JxEnterpriseLadder.Rules.Tiers.QualityTerms;

namespace JxEnterpriseLadder.Rules.Tiers;

/// <summary>
/// 国家技术创新示范企业 (criteria-quality-sme.md §6): 540号's numeric gates only. The rest is the experts' judgement and
/// the selection is by quota, so "qualified" here means a candidate the province may recommend, and is labelled so.
/// </summary>
internal static class InnovationDemoRules
{
    public const string Tier = TierIds.InnovationDemo;

    public static TierResult Evaluate(EnterpriseProfile p, DateOnly asOf, LawBook laws, EvaluationOptions options)
    {
        if (laws.InnovationDemo.At(asOf) is not { } set) return TierBuilder.NoParameters(Tier, laws.InnovationDemo.Set, asOf);
        var b = TierBuilder.For(Tier, options.Explain);
        b.Use(set);
        var year = LegalTerms.DataYear(asOf);
        var y = p.Year(year);
        var w = set.Words;

        var centre = HasInstitution(p, set.TechCentreLevels.Value, asOf, QualityVocabulary.EnterpriseTechCentre);
        var rdRatio = OfRevenue(y, y?.RdExpense);
        var profitable = Verdict.Pass;
        for (var i = 0; i < set.ProfitableYears && profitable.Passed != false; i++)
            profitable = Verdict.All(profitable, p.Year(year - i)?.NetProfit is { } np ? Verdict.Of(np > 0) : Verdict.Unknown(Inputs.Year(year - i, "netProfit")));
        var verdict = Verdict.All(
            Condition(b, $"{Tier}.chinese-controlled", $"{w["chineseControlled"]}", Fact(p.ChineseControlled, ChineseControlled), b.Explains ? YesNo(p.ChineseControlled) : "", "是",
                set.ChineseControlled.Citation),
            Common.CleanRecord(b, set.CleanRecordFlags, set.CleanRecordWindow, p, b.Explains ? w["cleanRecordWindow"] : "", asOf),
            Condition(b, $"{Tier}.tech-centre", $"{w["techCentreLevels"]}", Fact(centre, RdInstitutions), b.Explains ? YesNo(centre) : "", "是", set.TechCentreLevels.Citation),
            Condition(b, $"{Tier}.employees", $"{w["minEmployees"]}", y?.Employees is { } e ? Verdict.Of(e >= set.MinEmployees) : Verdict.Unknown(Inputs.Year(year, "employees")),
                b.Explains ? (y?.Employees is { } ev ? Format.People(ev) : "未填报") : "", $"≥ {set.MinEmployees.Value} 人", set.MinEmployees.Citation),
            Condition(b, $"{Tier}.sales-revenue", $"{w["minSalesRevenue"]}", y?.SalesRevenue is { } r ? Verdict.Of(r >= set.MinSalesRevenue) : Verdict.Unknown(Inputs.Year(year, "salesRevenue")),
                b.Explains ? (y?.SalesRevenue is { } rv ? Format.Money(rv) : "未填报") : "", $"≥ {Format.Money(set.MinSalesRevenue)}", set.MinSalesRevenue.Citation),
            Condition(b, $"{Tier}.total-assets", $"{w["minTotalAssets"]}", y?.TotalAssets is { } a ? Verdict.Of(a >= set.MinTotalAssets) : Verdict.Unknown(Inputs.Year(year, "totalAssets")),
                b.Explains ? (y?.TotalAssets is { } av ? Format.Money(av) : "未填报") : "", $"≥ {Format.Money(set.MinTotalAssets)}", set.MinTotalAssets.Citation),
            Condition(b, $"{Tier}.rd-ratio", $"{w["minRdRatio"]}",
                rdRatio is { } q ? Verdict.Of(q.AtLeast(set.MinRdRatio)) : new Verdict(null, MissingOf(y, year, ("rdExpense", y?.RdExpense is not null), ("salesRevenue", y?.SalesRevenue is not null))),
                b.Explains ? (rdRatio is { } qv ? Format.Percent(qv.Value) : "未填报") : "", $"≥ {Format.Percent(set.MinRdRatio)}", set.MinRdRatio.Citation),
            Condition(b, $"{Tier}.profitable", $"{w["profitableYears"]}", profitable,
                b.Explains ? string.Join("；", Enumerable.Range(0, set.ProfitableYears).Select(i => $"{year - i}年 {(p.Year(year - i)?.NetProfit is { } np ? Format.Money(np) : "未填报")}")) : "",
                "每年 > 0", set.ProfitableYears.Citation));
        if (verdict.Passed == true) b.Labels.Add(set.CandidateLabel);
        return b.Build(verdict);
    }
}
