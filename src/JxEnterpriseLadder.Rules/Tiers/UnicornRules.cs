using JxEnterpriseLadder.Domain.Profiles;
using JxEnterpriseLadder.Rules.Engine;
using JxEnterpriseLadder.Domain;

namespace JxEnterpriseLadder.Rules.Tiers;

/// <summary>
/// 独角兽、潜在独角兽、种子独角兽 (criteria.md §3, national and Shenzhen templates adopted as defaults):
/// age, private investment, not listed, the latest valuation and (by dated parameter) cumulative financing.
/// </summary>
internal static class UnicornRules
{
    public const string Unicorn = TierIds.Unicorn;
    public const string PotentialUnicorn = TierIds.PotentialUnicorn;
    public const string SeedUnicorn = TierIds.SeedUnicorn;

    public static TierResult EvaluateUnicorn(EnterpriseProfile p, DateOnly asOf, LawBook laws, EvaluationOptions options) =>
        Evaluate(Unicorn, laws.Unicorn, p, asOf, laws, options, static (b, set, money, p, asOf) =>
        {
            var age = HighGrowthEligibility.FoundedWithin(b, "unicorn.founded", set.MaxYearsFounded, p, asOf);
            var valuation = Valuation(b, set.MinValuationUsd, "USD", p, asOf, money, "unicorn.valuation");
            var financing = CumulativeFinancing(b, set.MinCumulativeFinancingUsd, "USD", p, asOf, money, "unicorn.cumulative-financing");
            var verdict = Verdict.All(age, valuation, financing);
            var (v, _, _) = money.LatestValuation(p, asOf, "USD");
            if (v >= set.SuperUnicornValuationUsd.Value) b.Labels.Add("super-unicorn"); // shown only on a qualified result
            return verdict;
        });

    public static TierResult EvaluatePotential(EnterpriseProfile p, DateOnly asOf, LawBook laws, EvaluationOptions options) =>
        Evaluate(PotentialUnicorn, laws.PotentialUnicorn, p, asOf, laws, options, static (b, set, money, p, asOf) =>
        {
            var youngYears = set.YoungMaxYearsFounded.Value;
            var young = Verdict.All(
                HighGrowthEligibility.FoundedWithin(b, "potential-unicorn.young.founded", set.YoungMaxYearsFounded, p, asOf),
                Valuation(b, set.YoungMinValuationUsd, "USD", p, asOf, money, "potential-unicorn.young.valuation"),
                CumulativeFinancing(b, set.YoungMinCumulativeFinancingUsd, "USD", p, asOf, money, "potential-unicorn.young.cumulative-financing"));
            var older = Verdict.All(
                HighGrowthEligibility.FoundedWithin(b, "potential-unicorn.older.founded", set.OlderMaxYearsFounded, p, asOf, afterYears: youngYears),
                Valuation(b, set.OlderMinValuationUsd, "USD", p, asOf, money, "potential-unicorn.older.valuation"),
                CumulativeFinancing(b, set.OlderMinCumulativeFinancingUsd, "USD", p, asOf, money, "potential-unicorn.older.cumulative-financing"));
            GazelleRules.PathCriterion(b, "potential-unicorn.young", b.Explains ? $"成立 {youngYears} 年内且估值达标" : "", young, set.YoungMinValuationUsd.Source);
            GazelleRules.PathCriterion(b, "potential-unicorn.older", b.Explains ? $"成立 {youngYears}–{set.OlderMaxYearsFounded.Value} 年且估值达标" : "", older, set.OlderMinValuationUsd.Source);
            b.ConfirmedBy = young.Passed == true ? "potential-unicorn.young" : older.Passed == true ? "potential-unicorn.older" : null;
            return Verdict.Any(young, older);
        });

    public static TierResult EvaluateSeed(EnterpriseProfile p, DateOnly asOf, LawBook laws, EvaluationOptions options) =>
        Evaluate(SeedUnicorn, laws.SeedUnicorn, p, asOf, laws, options, static (b, set, money, p, asOf) => Verdict.All(
            HighGrowthEligibility.FoundedWithin(b, "seed-unicorn.founded", set.MaxYearsFounded, p, asOf),
            Valuation(b, set.MinValuationCny, "CNY", p, asOf, money, "seed-unicorn.valuation"),
            CumulativeFinancing(b, set.MinCumulativeFinancingCny, "CNY", p, asOf, money, "seed-unicorn.cumulative-financing")));

    private static TierResult Evaluate<TLaw>(string tier, Dated<TLaw> versions, EnterpriseProfile p, DateOnly asOf, LawBook laws,
        EvaluationOptions options, Func<TierBuilder, TLaw, Money, EnterpriseProfile, DateOnly, Verdict> specific) where TLaw : UnicornFamilyLaw
    {
        var set = versions.At(asOf);
        var common = laws.HighGrowth.At(asOf);
        var rates = laws.ExchangeRates.At(asOf);
        if (set is null || common is null || rates is null)
            return TierBuilder.NoParameters(tier, set is null ? versions.Set : common is null ? laws.HighGrowth.Set : laws.ExchangeRates.Set, asOf);
        var b = TierBuilder.For(tier, options.Explain);
        b.Use(set); b.Use(common); b.Use(rates);
        var money = rates.Money;
        var eligibility = HighGrowthEligibility.Evaluate(b, common, p, asOf);
        var investor = PrivateInvestment(b, set, p, asOf);
        var listed = HighGrowthEligibility.NotListed(b, set.NotListed, p);
        var rest = specific(b, set, money, p, asOf);
        return b.Build(Verdict.All(eligibility, investor, listed, rest));
    }

    private static Verdict PrivateInvestment(TierBuilder b, UnicornFamilyLaw set, EnterpriseProfile p, DateOnly asOf)
    {
        var professionalOnly = set.RequiresProfessionalInvestor.Value;
        // One pass over the rounds: those dated by the date, those undated, and (if it matters) whose investor is unknown.
        int rounds = 0;
        bool professional = false;
        List<string>? undated = null, unknownInvestor = null;
        for (var i = 0; i < p.Financing.Count; i++)
        {
            var r = p.Financing[i];
            if (r.Date is null) (undated ??= []).Add($"financing[{i}].date");
            if (r.ProfessionalInvestor is null) (unknownInvestor ??= []).Add($"financing[{i}].professionalInvestor");
            if (r.Date is not { } d || d > asOf) continue;
            rounds++;
            if (r.ProfessionalInvestor == true) professional = true;
        }
        var unknownDated = false;
        for (var i = 0; i < p.Financing.Count && !unknownDated; i++)
            unknownDated = p.Financing[i] is { Date: { } d, ProfessionalInvestor: null } && d <= asOf;
        var label = professionalOnly ? "获得专业投资机构的私募投资" : "获得过股权投资";
        Verdict v = professionalOnly
            ? professional ? Verdict.Pass
              : unknownDated ? new Verdict(null, unknownInvestor!.ToArray())
              : undated is not null ? new Verdict(null, undated.ToArray()) : Verdict.Fail
            : rounds > 0 ? Verdict.Pass : undated is not null ? new Verdict(null, undated.ToArray()) : Verdict.Fail;
        return b.Add(v.Passed, v.Missing, (b.Tier, label, rounds, set), static s => new Criterion
        {
            Id = $"{s.Tier}.investment", Label = s.label, Actual = $"{s.rounds} 轮融资",
            Threshold = "至少 1 轮", Source = s.set.RequiresProfessionalInvestor.Citation,
        });
    }

    private static Verdict Valuation(TierBuilder b, Cited<decimal> minimum, string currency, EnterpriseProfile p, DateOnly asOf, Money money, string id)
    {
        decimal min = minimum;
        var (value, missing, round) = money.LatestValuation(p, asOf, currency);
        Verdict v = value is { } val ? Verdict.Of(val >= min) : missing.Length > 0 ? Verdict.Unknown(missing) : Verdict.Fail;
        return b.Add(v.Passed, v.Missing, (id, value, round, currency, minimum), static s => new Criterion
        {
            Id = s.id, Label = "最近一轮融资投后估值",
            Actual = s.value is { } x ? $"{Show(x, s.currency)}（{s.round!.Date:yyyy-MM-dd}）" : s.round is null ? "无估值" : "缺汇率",
            Threshold = "≥ " + Show(s.minimum.Value, s.currency), Source = s.minimum.Citation,
        });
    }

    /// <summary>Cumulative financing; a parameter with value null means the condition is not in force at that date.</summary>
    private static Verdict CumulativeFinancing(TierBuilder b, Cited<decimal?> minimum, string currency, EnterpriseProfile p, DateOnly asOf, Money money, string id)
    {
        if (minimum.Value is not { } min) return Verdict.Pass;
        var (total, missing) = money.Cumulative(p, asOf, currency);
        Verdict v = total >= min ? Verdict.Pass : missing.Length > 0 ? Verdict.Unknown(missing) : Verdict.Fail;
        return b.Add(v.Passed, v.Missing, (id, total, min, currency, minimum), static s => new Criterion
        {
            Id = s.id, Label = "累计融资额", Actual = Show(s.total, s.currency), Threshold = "≥ " + Show(s.min, s.currency),
            Source = s.minimum.Citation,
        });
    }

    private static string Show(decimal amount, string currency) => currency == "USD" ? Format.Usd(amount) : Format.Money(amount);
}
