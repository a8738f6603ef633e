using JxEnterpriseLadder.Domain.Profiles;
using JxEnterpriseLadder.Rules.Engine;
using static JxEnterpriseLadder.Rules.Engine.Common;

namespace JxEnterpriseLadder.Rules.Tiers;

/// <summary>
/// Eligibility shared by the five high-growth tiers (criteria.md §3): Jiangxi registration, a clean record
/// over the last years, and an industry among the province's strategic emerging industries.
/// </summary>
internal static class HighGrowthEligibility
{
    public static Verdict Evaluate(TierBuilder b, HighGrowthLaw set, EnterpriseProfile p, DateOnly asOf)
    {
        // Five tiers ask the same of the same profile in a row: a screening decides it once (an explanation writes it
        // into each tier's criteria, so it is evaluated each time).
        if (!b.Explains && _last is { } last && ReferenceEquals(last.Profile, p) && ReferenceEquals(last.Set, set) && last.AsOf == asOf)
            return last.Verdict;
        var verdict = Verdict.All(
            Resident(b, set.Resident, p),
            CleanRecord(b, set.CleanRecordFlags, set.CleanRecordWindow, p, b.Explains ? set.CleanRecordPeriod : "", asOf),
            StrategicIndustry(b, set, p));
        if (!b.Explains) _last = new Decided(p, set, asOf, verdict);
        return verdict;
    }

    private sealed record Decided(EnterpriseProfile Profile, HighGrowthLaw Set, DateOnly AsOf, Verdict Verdict);
    [ThreadStatic] private static Decided? _last;

    private static readonly string[] IndustryMissing = [Inputs.Industry];

    private static Verdict StrategicIndustry(TierBuilder b, HighGrowthLaw set, EnterpriseProfile p)
    {
        if (p.Industry is not { } industry)
            return b.Add(null, IndustryMissing, (b.Tier, set), static s => MissingCriterion($"{s.Tier}.strategic-industry", "属于全省战略性新兴产业",
                s.set.StrategicIndustryNames, s.set.StrategicIndustries.Source));
        return b.Add(set.StrategicIndustrySet.Contains(industry), (b.Tier, set, industry), static s => new Criterion
        {
            Id = $"{s.Tier}.strategic-industry", Label = "属于全省战略性新兴产业", Actual = Domain.JiangxiReference.Default.IndustryByCode(s.industry)?.Name ?? s.industry, // the name people read, not the code
            Threshold = s.set.StrategicIndustryNames,
            Source = s.set.StrategicIndustries.Citation,
        });
    }

    /// <summary>"Founded within N years": a criterion with the registration date as its input.</summary>
    public static Verdict FoundedWithin(TierBuilder b, string id, Cited<int> years, EnterpriseProfile p, DateOnly asOf, int? afterYears = null)
    {
        int n = years;
        if (p.RegisteredOn is not { } reg)
            return b.Add(null, RegisteredOnMissing, (id, years, afterYears), static s => MissingCriterion(s.id, FoundedLabel(s.years, s.afterYears),
                FoundedLabel(s.years, s.afterYears), s.years.Source));
        var passed = LegalTerms.WithinYearsOfRegistration(reg, asOf, n) &&
                     (afterYears is not { } after || !LegalTerms.WithinYearsOfRegistration(reg, asOf, after));
        return b.Add(passed, (id, years, afterYears, reg), static s => new Criterion
        {
            Id = s.id, Label = FoundedLabel(s.years, s.afterYears), Actual = $"{s.reg:yyyy-MM-dd} 注册", Threshold = FoundedLabel(s.years, s.afterYears),
            Source = s.years.Citation,
        });
    }

    private static string FoundedLabel(Cited<int> years, int? afterYears) =>
        afterYears is { } a ? $"成立满 {a} 年且不超过 {years.Value} 年" : $"成立不超过 {years.Value} 年";

    private static readonly string[] RegisteredOnMissing = [Inputs.RegisteredOn], ListedMissing = [Inputs.Listed];

    public static Verdict NotListed(TierBuilder b, Cited<bool> rule, EnterpriseProfile p) => p.Listed is { } listed
        ? b.Add(!listed, (b.Tier, listed, rule), static s => new Criterion
        {
            Id = $"{s.Tier}.not-listed", Label = "未上市（新三板挂牌不视为上市）", Actual = s.listed ? "已上市" : "未上市", Threshold = "未上市",
            Source = s.rule.Citation,
        })
        : b.Add(null, ListedMissing, (b.Tier, rule), static s => MissingCriterion($"{s.Tier}.not-listed", "未上市（新三板挂牌不视为上市）", "未上市", s.rule.Source));
}

/// <summary>Money of financing rounds in one currency, converted at each round's year's average rate.</summary>
internal sealed class Money(ExchangeRatesLaw rates)
{
    private readonly IReadOnlyDictionary<int, decimal> _usdCny = rates.UsdCnyByYear;

    /// <summary>The amount in <paramref name="target"/> currency, or null when the year's rate is not in the parameters.</summary>
    public decimal? Convert(decimal amount, string? currency, int year, string target)
    {
        var from = (currency ?? "CNY").ToUpperInvariant();
        if (from == target) return amount;
        if (!_usdCny.TryGetValue(year, out var rate)) return null;
        return from == "USD" && target == "CNY" ? amount * rate
            : from == "CNY" && target == "USD" ? amount / rate
            : throw new ArgumentException($"unsupported currency '{currency}'");
    }


    /// <summary>Latest round's post-money valuation at or before the date, converted; (null, reason) when unknown.</summary>
    public (decimal? value, string[] missing, FinancingRound? round) LatestValuation(EnterpriseProfile p, DateOnly asOf, string target)
    {
        // The latest round counts; an undated round or a latest round without a valuation leaves it unknown.
        string[] undated = [];
        for (var k = 0; k < p.Financing.Count; k++)
            if (p.Financing[k].Date is null) undated = [.. undated, $"financing[{k}].date"];
        (FinancingRound? f, int i) latest = (null, -1);
        for (var k = 0; k < p.Financing.Count; k++)
            if (p.Financing[k].Date is { } d && d <= asOf && (latest.f is null || d > latest.f.Date)) latest = (p.Financing[k], k);
        if (latest.f is null) return (null, undated, null);
        if (undated.Length > 0) return (null, undated, latest.f);
        if (latest.f.PostMoneyValuation is not { } valuation) return (null, [$"financing[{latest.i}].postMoneyValuation"], latest.f);
        var v = Convert(valuation, latest.f.Currency, latest.f.Date!.Value.Year, target);
        return v is null ? (null, [$"parameters:exchange-rates.{latest.f.Date!.Value.Year}"], latest.f) : (v, [], latest.f);
    }

    /// <summary>Sum of amounts raised up to the date, each converted at its own year's rate.</summary>
    public (decimal total, string[] missing) Cumulative(EnterpriseProfile p, DateOnly asOf, string target, bool professionalOnly = false)
    {
        decimal total = 0;
        List<string>? missing = null;
        for (var i = 1; i <= p.Financing.Count; i++)
        {
            var f = p.Financing[i - 1];
            if (f.Date is not { } d) { (missing ??= []).Add($"financing[{i - 1}].date"); continue; }
            if (d > asOf) continue;
            if (professionalOnly && f.ProfessionalInvestor is null) { (missing ??= []).Add($"financing[{i - 1}].professionalInvestor"); continue; }
            if (professionalOnly && f.ProfessionalInvestor == false) continue;
            if (f.Amount is not { } amount) { (missing ??= []).Add($"financing[{i - 1}].amount"); continue; }
            var v = Convert(amount, f.Currency, d.Year, target);
            if (v is null) { (missing ??= []).Add($"parameters:exchange-rates.{d.Year}"); continue; }
            total += v.Value;
        }
        // The known part may already pass: callers decide with the known total and the list of unknowns.
        return (total, missing is null ? [] : missing.ToArray());
    }
}
