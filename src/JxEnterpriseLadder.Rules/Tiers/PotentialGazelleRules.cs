using JxEnterpriseLadder.Domain.Profiles;
using JxEnterpriseLadder.Rules.Engine;
using static JxEnterpriseLadder.Rules.Engine.Common;
using JxEnterpriseLadder.Domain;

namespace JxEnterpriseLadder.Rules.Tiers;

/// <summary>
/// 潜在瞪羚企业 (criteria.md §3, default): a tech SME or HNTE that is not a gazelle, and any one of three growth paths.
/// </summary>
internal static class PotentialGazelleRules
{
    public const string Tier = TierIds.PotentialGazelle;

    public static TierResult Evaluate(EnterpriseProfile p, DateOnly asOf, LawBook laws, EvaluationOptions options,
        TierResult techSme, TierResult hnte, TierResult gazelle)
    {
        var set = laws.PotentialGazelle.At(asOf);
        var common = laws.HighGrowth.At(asOf);
        var hnteSet = laws.Hnte.At(asOf);
        var rates = laws.ExchangeRates.At(asOf);
        if (set is null || common is null || hnteSet is null || rates is null)
            return TierBuilder.NoParameters(Tier, set is null ? laws.PotentialGazelle.Set : common is null ? laws.HighGrowth.Set : hnteSet is null ? laws.Hnte.Set : laws.ExchangeRates.Set, asOf);
        var b = TierBuilder.For(Tier, options.Explain);
        b.Use(set); b.Use(common); b.Use(hnteSet); b.Use(rates);
        var t = LegalTerms.DataYear(asOf);

        var eligibility = HighGrowthEligibility.Evaluate(b, common, p, asOf);
        var onLadder = OnLadder(b, set, hnteSet, p, asOf, techSme, hnte);
        var notGazelle = b.Add(gazelle.Outcome switch { Outcome.Qualified => false, Outcome.NotQualified => true, _ => null }, gazelle.Outcome == Outcome.Undetermined ? gazelle.Missing : [], (gazelle, set), static z => new Criterion
        {
            Id = "potential-gazelle.not-gazelle", Label = "尚未达到瞪羚企业条件",
            Actual = z.gazelle.Outcome switch { Outcome.Qualified => "已符合瞪羚条件", Outcome.NotQualified => "否", _ => "待定" },
            Threshold = "否",
            Source = z.set.ExcludesGazelles.Citation,
        });
        var path1 = CagrPath(b, set, p, t);
        var path2 = YoyPath(b, set, p, t);
        var path3 = InvestmentPath(b, set, p, asOf, rates.Money);
        var verdict = Verdict.All(eligibility, onLadder, notGazelle, Verdict.Any(path1, path2, path3));
        b.ConfirmedBy = path1.Passed == true ? "potential-gazelle.path1" : path2.Passed == true ? "potential-gazelle.path2"
            : path3.Passed == true ? "potential-gazelle.path3" : null;
        return b.Build(verdict);
    }

    /// <summary>"Tech SME or HNTE": holding the status, or (by parameter) eligible for it by the engine.</summary>
    private static Verdict OnLadder(TierBuilder b, PotentialGazelleLaw set, HnteLaw hnteSet, EnterpriseProfile p, DateOnly asOf,
        TierResult techSme, TierResult hnte)
    {
        // A registration number is valid for the calendar year of entry only (criteria.md §1.4).
        var registered = p.TechSmeRegistrations.Any(r => r.Year == asOf.Year);
        var certified = p.HnteCertificate?.IssuedOn is { } d && LegalTerms.CertificateValid(d, asOf, hnteSet.CertificateValidityYears.Value);
        var acceptEligible = set.AcceptsEligibility.Value;
        Verdict v = registered || certified ? Verdict.Pass
            : acceptEligible ? Verdict.Any(FromResult(techSme), FromResult(hnte))
            : Verdict.Fail;
        return b.Add(v.Passed, v.Missing, (registered, certified, techSme, hnte, acceptEligible, set), static z => new Criterion
        {
            Id = "potential-gazelle.on-ladder", Label = "科技型中小企业或高新技术企业",
            Actual = z.registered ? "已入库科技型中小企业" : z.certified ? "有效高新技术企业" :
                z.techSme.Outcome == Outcome.Qualified ? "符合科技型中小企业条件（未入库）" : z.hnte.Outcome == Outcome.Qualified ? "符合高新技术企业条件（未认定）" : "否",
            Threshold = z.acceptEligible ? "已入库/已认定，或符合其条件" : "已入库或已认定", Source = z.set.AcceptsEligibility.Citation,
        });

        static Verdict FromResult(TierResult r) => new(r.Outcome switch { Outcome.Qualified => true, Outcome.NotQualified => false, _ => null }, r.Missing);
    }

    private static Verdict CagrPath(TierBuilder b, PotentialGazelleLaw set, EnterpriseProfile p, int t)
    {
        var years = set.CagrYears.Value;
        var baseYear = t - years;
        var min = set.Path1MinBaseRevenue.Value;
        var rate = set.Path1MinRevenueCagr.Value;
        var start = p.Year(baseYear)?.SalesRevenue;
        var end = p.Year(t)?.SalesRevenue;
        var source = set.Path1MinRevenueCagr.Source;
        if (GazelleRules.FoundedAfter(p.RegisteredOn, baseYear))
            return GazelleRules.PathCriterion(b, "potential-gazelle.path1", set.Path1Name,
                b.Add(false, (baseYear, min, source), static z => new Criterion { Id = "potential-gazelle.path1.base", Label = $"基期（{z.baseYear}年）营业收入", Actual = $"{z.baseYear}年尚未成立", Threshold = "≥ " + Format.Money(z.min), Source = z.source.ToString() }), source);
        var baseOk = start is { } s0
            ? b.Add(s0 >= min, (baseYear, s0, min, source), static z => new Criterion { Id = "potential-gazelle.path1.base", Label = $"基期（{z.baseYear}年）营业收入", Actual = Format.Money(z.s0), Threshold = "≥ " + Format.Money(z.min), Source = z.source.ToString() })
            : b.Add(null, [Inputs.Year(baseYear, "salesRevenue")], (baseYear, min, source), static z => MissingCriterion("potential-gazelle.path1.base", $"基期（{z.baseYear}年）营业收入", "≥ " + Format.Money(z.min), z.source));
        Verdict cagr;
        if (start is { } s && end is { } e)
        {
            var passed = LegalTerms.MeetsCagr(s, e, rate, years);
            var target = LegalTerms.CagrTarget(s, rate, years);
            if (!passed && s > 0)
                b.Gap("potential-gazelle.path1.cagr", $"{years}年营业收入复合增长率 {Format.Percent(rate)} 需 {t}年营业收入 ≥ {Format.MoneyCeiling(target)}（+{Format.MoneyCeiling(target - e)}）", target, target - e, "元");
            cagr = b.Add(passed, (baseYear, t, s, e, years, rate, source), static z => new Criterion
            {
                Id = "potential-gazelle.path1.cagr", Label = $"{z.baseYear}–{z.t}年营业收入复合增长率",
                Actual = LegalTerms.Cagr(z.s, z.e, z.years) is { } c ? Format.Percent(Math.Round(c, 4)) : "基期为 0，无法计算",
                Threshold = "≥ " + Format.Percent(z.rate), Source = z.source.ToString(),
            });
        }
        else cagr = b.Add(null, GazelleRules.MissingPair(baseYear, start, t, end, "salesRevenue"), (baseYear, t, rate, source), static z => MissingCriterion("potential-gazelle.path1.cagr", $"{z.baseYear}–{z.t}年营业收入复合增长率", "≥ " + Format.Percent(z.rate), z.source));
        return GazelleRules.PathCriterion(b, "potential-gazelle.path1", set.Path1Name, Verdict.All(baseOk, cagr), source);
    }

    private static Verdict YoyPath(TierBuilder b, PotentialGazelleLaw set, EnterpriseProfile p, int t)
    {
        var min = set.Path2MinRevenue.Value;
        var rate = set.Path2MinYoyGrowth.Value;
        var source = set.Path2MinYoyGrowth.Source;
        var end = p.Year(t)?.SalesRevenue;
        var previous = p.Year(t - 1)?.SalesRevenue;
        var size = end is { } e0
            ? b.Add(e0 >= min, (t, e0, min, source), static z => new Criterion { Id = "potential-gazelle.path2.revenue", Label = $"{z.t}年营业收入", Actual = Format.Money(z.e0), Threshold = "≥ " + Format.Money(z.min), Source = z.source.ToString() })
            : b.Add(null, [Inputs.Year(t, "salesRevenue")], (t, min, source), static z => MissingCriterion("potential-gazelle.path2.revenue", $"{z.t}年营业收入", "≥ " + Format.Money(z.min), z.source));
        Verdict growth;
        if (GazelleRules.FoundedAfter(p.RegisteredOn, t - 1))
            growth = b.Add(false, (t, rate, source), static z => new Criterion { Id = "potential-gazelle.path2.yoy", Label = $"{z.t}年营业收入同比增长率", Actual = $"{z.t - 1}年尚未成立", Threshold = "≥ " + Format.Percent(z.rate), Source = z.source.ToString() });
        else if (end is { } e && previous is { } prev)
        {
            var passed = prev > 0 && e >= prev * (1 + rate);
            if (!passed && prev > 0)
            {
                var target = prev * (1 + rate);
                b.Gap("potential-gazelle.path2.yoy", $"营业收入同比增长 {Format.Percent(rate)} 需 {t}年营业收入 ≥ {Format.MoneyCeiling(target)}（+{Format.MoneyCeiling(target - e)}）", target, target - e, "元");
            }
            growth = b.Add(passed, (t, prev, e, rate, source), static z => new Criterion
            {
                Id = "potential-gazelle.path2.yoy", Label = $"{z.t}年营业收入同比增长率",
                Actual = z.prev > 0 ? Format.Percent(Math.Round(z.e / z.prev - 1, 4)) : "上年为 0，无法计算",
                Threshold = "≥ " + Format.Percent(z.rate), Source = z.source.ToString(),
            });
        }
        else growth = b.Add(null, GazelleRules.MissingPair(t - 1, previous, t, end, "salesRevenue"), (t, rate, source), static z => MissingCriterion("potential-gazelle.path2.yoy", $"{z.t}年营业收入同比增长率", "≥ " + Format.Percent(z.rate), z.source));
        return GazelleRules.PathCriterion(b, "potential-gazelle.path2", "路径二：营业收入同比高增长", Verdict.All(size, growth), source);
    }

    private static Verdict InvestmentPath(TierBuilder b, PotentialGazelleLaw set, EnterpriseProfile p, DateOnly asOf, Money money)
    {
        var founded = HighGrowthEligibility.FoundedWithin(b, "potential-gazelle.path3.founded", set.Path3FoundedWithinYears, p, asOf);
        var min = set.Path3MinProfessionalInvestment.Value;
        var source = set.Path3MinProfessionalInvestment.Source;
        var (total, missing) = money.Cumulative(p, asOf, "CNY", professionalOnly: true);
        Verdict v = total >= min ? Verdict.Pass : missing.Length > 0 ? Verdict.Unknown(missing) : Verdict.Fail;
        var invested = b.Add(v.Passed, v.Missing, (total, missing, min, source), static z => new Criterion
        {
            Id = "potential-gazelle.path3.investment", Label = "累计获得专业投资机构投资", Actual = Format.Money(z.total) + (z.missing.Length > 0 ? "（部分轮次数据不全）" : ""),
            Threshold = "≥ " + Format.Money(z.min), Source = z.source.ToString(),
        });
        return GazelleRules.PathCriterion(b, "potential-gazelle.path3", set.Path3Name, Verdict.All(founded, invested), source);
    }
}
