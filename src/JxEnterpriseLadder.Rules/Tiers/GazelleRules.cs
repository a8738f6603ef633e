using JxEnterpriseLadder.Domain.Profiles;
using JxEnterpriseLadder.Rules.Engine;
using static JxEnterpriseLadder.Rules.Engine.Common;
using JxEnterpriseLadder.Domain;

namespace JxEnterpriseLadder.Rules.Tiers;

/// <summary>
/// 瞪羚企业 (criteria.md §3, national template adopted as default): valid HNTE, R&amp;D ÷ revenue &gt; 4% in year T,
/// and any one of four growth paths.
/// </summary>
internal static class GazelleRules
{
    public const string Tier = TierIds.Gazelle;

    public static TierResult Evaluate(EnterpriseProfile p, DateOnly asOf, LawBook laws, EvaluationOptions options)
    {
        var set = laws.Gazelle.At(asOf);
        var common = laws.HighGrowth.At(asOf);
        var hnte = laws.Hnte.At(asOf);
        if (set is null || common is null || hnte is null)
            return TierBuilder.NoParameters(Tier, set is null ? laws.Gazelle.Set : common is null ? laws.HighGrowth.Set : laws.Hnte.Set, asOf);
        var b = TierBuilder.For(Tier, options.Explain);
        b.Use(set); b.Use(common); b.Use(hnte);
        var t = LegalTerms.DataYear(asOf);

        var eligibility = HighGrowthEligibility.Evaluate(b, common, p, asOf);
        var notBranch = NotBranch(b, set, p);
        var certificate = ValidHnte(b, set, hnte, p, asOf);
        var rd = RdIntensity(b, set, p, t);
        var path1 = RevenueGrowthPath(b, set, p, t);
        var path2 = HeadcountGrowthPath(b, set, p, t);
        var path3 = ScalePath(b, p, asOf, t, "gazelle.path3", "三", set.Path3FoundedWithinYears, set.Path3MinRevenue);
        var path4 = ScalePath(b, p, asOf, t, "gazelle.path4", "四", set.Path4FoundedWithinYears, set.Path4MinRevenue);
        var verdict = Verdict.All(eligibility, notBranch, certificate, rd, Verdict.Any(path1, path2, path3, path4));
        b.ConfirmedBy = path1.Passed == true ? "gazelle.path1" : path2.Passed == true ? "gazelle.path2"
            : path3.Passed == true ? "gazelle.path3" : path4.Passed == true ? "gazelle.path4" : null;
        return b.Build(verdict);
    }

    internal static Verdict NotBranch(TierBuilder b, GazelleLaw set, EnterpriseProfile p) => p.BranchOrTradingOnly is { } v
        ? b.Add(!v, (b, v, set), static z => new Criterion
        {
            Id = $"{z.b.Tier}.not-branch", Label = "独立法人，非分支机构、非纯贸易型企业", Actual = z.v ? "是分支机构或纯贸易型" : "否",
            Threshold = "否", Source = z.set.ExcludesBranchOrTradingOnly.Citation,
        })
        : b.Add(null, [Inputs.BranchOrTradingOnly], (b, set), static z => MissingCriterion($"{z.b.Tier}.not-branch", "独立法人，非分支机构、非纯贸易型企业", "否", z.set.ExcludesBranchOrTradingOnly.Source));

    internal static Verdict ValidHnte(TierBuilder b, GazelleLaw set, HnteLaw hnte, EnterpriseProfile p, DateOnly asOf)
    {
        var years = hnte.CertificateValidityYears.Value;
        Verdict v = p.HnteCertificate switch
        {
            null => Verdict.Fail,
            { IssuedOn: null } => Verdict.Unknown(Inputs.CertificateIssuedOn),
            { IssuedOn: { } d } => Verdict.Of(LegalTerms.CertificateValid(d, asOf, years)),
        };
        if (v.Passed == false && b.Explains) b.Gap($"{b.Tier}.hnte-certificate", "须先取得（或重新认定）高新技术企业资格");
        return b.Add(v.Passed, v.Missing, (b, p, years, set), static z => new Criterion
        {
            Id = $"{z.b.Tier}.hnte-certificate", Label = "有效期内的高新技术企业",
            Actual = z.p.HnteCertificate?.IssuedOn is { } issued ? $"证书 {z.p.HnteCertificate.Number}，{issued:yyyy-MM-dd} 发证，有效至 {LegalTerms.Anniversary(issued, z.years).AddDays(-1):yyyy-MM-dd}" : "无证书",
            Threshold = $"发证之日起 {z.years} 年内", Source = z.set.RequiresValidHnte.Citation,
        });
    }

    private static Verdict RdIntensity(TierBuilder b, GazelleLaw set, EnterpriseProfile p, int t)
    {
        var min = set.MinRdToRevenueExclusive.Value;
        var y = p.Year(t);
        var label = b.Explains ? $"{t}年研发费用占营业收入比例" : "";
        var missing = MissingFields(y, t, "rdExpense", y?.RdExpense is not null, "salesRevenue", y?.SalesRevenue is not null);
        if (missing.Length > 0) return b.Add(null, missing, (label, min, set), static z => MissingCriterion("gazelle.rd-intensity", z.label, "> " + Format.Percent(z.min), z.set.MinRdToRevenueExclusive.Source));
        var rd = y!.RdExpense!.Value;
        var revenue = y.SalesRevenue!.Value;
        var ratio = revenue > 0 ? new Ratio(rd, revenue) : new Ratio(0, 1);
        var passed = revenue > 0 && ratio.Above(min);
        if (!passed && revenue > 0)
        {
            // "More than 4%": the smallest whole-yuan amount strictly above the line.
            var target = Math.Floor(min * revenue) + 1;
            b.Gap("gazelle.rd-intensity", $"{t}年研发费用需 > {Format.Money(min * revenue)}（至少 +{Format.MoneyCeiling(target - rd)}）", target, target - rd, "元");
        }
        return b.Add(passed, (label, ratio, rd, revenue, min, set), static z => new Criterion
        {
            Id = "gazelle.rd-intensity", Label = z.label, Actual = $"{Format.Percent(z.ratio.Value)}（{Format.Money(z.rd)} / {Format.Money(z.revenue)}）",
            Threshold = "> " + Format.Percent(z.min), Source = z.set.MinRdToRevenueExclusive.Citation,
        });
    }

    /// <summary>"Founded in year T−13 or later".</summary>
    private static Verdict FoundedSince(TierBuilder b, string id, GazelleLaw set, EnterpriseProfile p, int t)
    {
        var earliest = t - set.FoundedYearsBeforeDataYear.Value;
        if (p.RegisteredOn is not { } reg)
            return b.Add(null, [Inputs.RegisteredOn], (id, earliest, set), static z => MissingCriterion(z.id, $"{z.earliest}年及以后成立", $"≥ {z.earliest}年", z.set.FoundedYearsBeforeDataYear.Source));
        return b.Add(reg.Year >= earliest, (id, earliest, reg, set), static z => new Criterion
        {
            Id = z.id, Label = $"{z.earliest}年及以后成立", Actual = $"{z.reg.Year}年", Threshold = $"≥ {z.earliest}年", Source = z.set.FoundedYearsBeforeDataYear.Citation,
        });
    }

    private static Verdict RevenueGrowthPath(TierBuilder b, GazelleLaw set, EnterpriseProfile p, int t)
    {
        var years = set.CagrYears.Value;
        var baseYear = t - years;
        var founded = FoundedSince(b, "gazelle.path1.founded", set, p, t);
        var v = GrowthConditions(b, "gazelle.path1", "营业收入", baseYear, t, years,
            p.Year(baseYear)?.SalesRevenue, p.Year(t)?.SalesRevenue, p.Year(t - 1)?.SalesRevenue, "salesRevenue",
            set.Path1MinBaseRevenue.Value, set.Path1MinRevenueCagr.Value, Format.Money, Format.MoneyCeiling, "元", set.Path1MinRevenueCagr.Source, p.RegisteredOn);
        return PathCriterion(b, "gazelle.path1", "路径一：营业收入高增长", Verdict.All(founded, v), set.Path1MinRevenueCagr.Source);
    }

    private static Verdict HeadcountGrowthPath(TierBuilder b, GazelleLaw set, EnterpriseProfile p, int t)
    {
        var years = set.CagrYears.Value;
        var baseYear = t - years;
        var founded = FoundedSince(b, "gazelle.path2.founded", set, p, t);
        var v = GrowthConditions(b, "gazelle.path2", "从业人员", baseYear, t, years,
            p.Year(baseYear)?.Employees, p.Year(t)?.Employees, p.Year(t - 1)?.Employees, "employees",
            set.Path2MinBaseEmployees.Value, set.Path2MinHeadcountCagr.Value, v => Format.People((int)v),
            v => Format.People((int)Math.Ceiling(v)), "人", set.Path2MinHeadcountCagr.Source, p.RegisteredOn);
        return PathCriterion(b, "gazelle.path2", "路径二：从业人员高增长", Verdict.All(founded, v), set.Path2MinHeadcountCagr.Source);
    }

    /// <summary>What a growth route's criteria are written from (only when explaining).</summary>
    private readonly record struct Growth(string Id, string What, int BaseYear, int T, int Years, decimal MinBase, decimal MinCagr,
        Func<decimal, string> Format, string Source, SourceReference Reference);

    private static Verdict GrowthConditions(TierBuilder b, string id, string what, int baseYear, int t, int years,
        decimal? start, decimal? end, decimal? previous, string field, decimal minBase, decimal minCagr,
        Func<decimal, string> format, Func<decimal, string> formatCeiling, string unit, SourceReference source, DateOnly? registeredOn)
    {
        var g = new Growth(id, what, baseYear, t, years, minBase, minCagr, format, b.Explains ? source.ToString() : "", source);
        // A firm founded after the base year cannot show the growth from it: the path is not met, nothing is missing.
        if (FoundedAfter(registeredOn, baseYear))
            return b.Add(false, g, static g => new Criterion { Id = $"{g.Id}.base", Label = $"基期（{g.BaseYear}年）{g.What}", Actual = $"{g.BaseYear}年尚未成立", Threshold = "≥ " + g.Format(g.MinBase), Source = g.Source });
        var baseOk = start is { } s0
            ? b.Add(s0 >= minBase, (g, s0), static x => new Criterion { Id = $"{x.g.Id}.base", Label = $"基期（{x.g.BaseYear}年）{x.g.What}", Actual = x.g.Format(x.s0), Threshold = "≥ " + x.g.Format(x.g.MinBase), Source = x.g.Source })
            : b.Add(null, [Inputs.Year(baseYear, field)], g, static g => MissingCriterion($"{g.Id}.base", $"基期（{g.BaseYear}年）{g.What}", "≥ " + g.Format(g.MinBase), g.Reference));
        Verdict cagr;
        if (start is { } s && end is { } e)
        {
            var passed = LegalTerms.MeetsCagr(s, e, minCagr, years);
            if (!passed && s > 0 && b.Explains)
            {
                var target = LegalTerms.CagrTarget(s, minCagr, years);
                b.Gap($"{id}.cagr", $"{years}年{what}复合增长率 {Format.Percent(minCagr)} 需 {t}年{what} ≥ {formatCeiling(target)}（+{formatCeiling(target - e)}）", target, target - e, unit);
            }
            cagr = b.Add(passed, (g, s, e), static x => new Criterion
            {
                Id = $"{x.g.Id}.cagr", Label = $"{x.g.BaseYear}–{x.g.T}年{x.g.What}复合增长率",
                Actual = LegalTerms.Cagr(x.s, x.e, x.g.Years) is { } c ? Format.Percent(Math.Round(c, 4)) : "基期为 0，无法计算",
                Threshold = "≥ " + Format.Percent(x.g.MinCagr), Source = x.g.Source,
            });
        }
        else cagr = b.Add(null, MissingPair(baseYear, start, t, end, field), g, static g => MissingCriterion($"{g.Id}.cagr", $"{g.BaseYear}–{g.T}年{g.What}复合增长率", "≥ " + Format.Percent(g.MinCagr), g.Reference));
        Verdict grew;
        if (end is { } e2 && previous is { } p2)
            grew = b.Add(e2 > p2, (g, p2, e2), static x => new Criterion { Id = $"{x.g.Id}.grew", Label = $"{x.g.T}年{x.g.What}较上年增长", Actual = $"{x.g.Format(x.p2)} → {x.g.Format(x.e2)}", Threshold = "增长", Source = x.g.Source });
        else grew = b.Add(null, MissingPair(t - 1, previous, t, end, field), g, static g => MissingCriterion($"{g.Id}.grew", $"{g.T}年{g.What}较上年增长", "增长", g.Reference));
        return Verdict.All(baseOk, cagr, grew);
    }

    /// <summary>True when the registration date is known and falls after the end of <paramref name="year"/>.</summary>
    internal static bool FoundedAfter(DateOnly? registeredOn, int year) => registeredOn is { } reg && reg.Year > year;

    internal static string[] MissingPair(int y1, decimal? v1, int y2, decimal? v2, string field) => (v1, v2) switch
    {
        (null, null) => [Inputs.Year(y1, field), Inputs.Year(y2, field)],
        (null, _) => [Inputs.Year(y1, field)],
        (_, null) => [Inputs.Year(y2, field)],
        _ => [],
    };

    private static Verdict ScalePath(TierBuilder b, EnterpriseProfile p, DateOnly asOf, int t, string id, string number,
        Cited<int> foundedWithinYears, Cited<decimal> minRevenue)
    {
        var founded = HighGrowthEligibility.FoundedWithin(b, id == "gazelle.path3" ? "gazelle.path3.founded" : "gazelle.path4.founded", foundedWithinYears, p, asOf);
        var revenue = p.Year(t)?.SalesRevenue;
        var size = revenue is { } r
            ? b.Add(r >= minRevenue.Value, b.Explains ? RevenueWords(id, t, r, minRevenue) : null)
            : b.AddMissing([Inputs.Year(t, "salesRevenue")], b.Explains ? RevenueWords(id, t, null, minRevenue) : null);
        return PathCriterion(b, id, b.Explains ? $"路径{number}：成立 {foundedWithinYears.Value} 年内且营业收入达到规模" : "", Verdict.All(founded, size), minRevenue.Source);
    }

    private static Func<Criterion> RevenueWords(string id, int t, decimal? revenue, Cited<decimal> min) => revenue is { } r
        ? () => new Criterion { Id = $"{id}.revenue", Label = $"{t}年营业收入", Actual = Format.Money(r), Threshold = "≥ " + Format.Money(min.Value), Source = min.Citation }
        : () => MissingCriterion($"{id}.revenue", $"{t}年营业收入", "≥ " + Format.Money(min.Value), min.Source);

    /// <summary>A route's own line: met, not met, or waiting for data; its words written only when explaining.</summary>
    internal static Verdict PathCriterion(TierBuilder b, string id, string label, Verdict v, SourceReference source) =>
        b.Explains ? b.Add(v.Passed, v.Missing, PathWords(id, label, v.Passed, source)) : v;

    private static Func<Criterion> PathWords(string id, string label, bool? passed, SourceReference source) => () => new Criterion
    {
        Id = id, Label = label, Actual = passed switch { true => "满足", false => "不满足", null => "待补充数据" },
        Threshold = "满足任一路径即可", Source = source.ToString(),
    };
}
