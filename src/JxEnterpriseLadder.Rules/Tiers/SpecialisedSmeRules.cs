using JxEnterpriseLadder.Domain;
using JxEnterpriseLadder.Domain.Profiles;
using JxEnterpriseLadder.Rules.Engine;
using static JxEnterpriseLadder.Rules.Tiers.QualityTerms;

namespace JxEnterpriseLadder.Rules.Tiers;

/// <summary>
/// 专精特新中小企业 (criteria-quality-sme.md §2, §4). From 2022-06-01 (63号附件2): the base tier ∧ eligibility ∧ niche ∧ R&amp;D
/// ∧ scale ∧ (score ≥ 60 ∨ a direct route), the score a range while Jiangxi's 特色化 points are unknown. From 2026-04-01
/// (2号附件1): fixed thresholds and the official development score instead of the table.
/// </summary>
internal static class SpecialisedSmeRules
{
    public const string Tier = TierIds.SpecialisedSme;

    public static TierResult Evaluate(EnterpriseProfile p, DateOnly asOf, LawBook laws, EvaluationOptions options, TierResult techSme, TierResult innovative)
    {
        if (laws.SpecialisedSme.At(asOf) is not { } set) return TierBuilder.NoParameters(Tier, laws.SpecialisedSme.Set, asOf);
        if (laws.InnovativeSme.At(asOf) is not { } basics) return TierBuilder.NoParameters(Tier, laws.InnovativeSme.Set, asOf);
        if (laws.SmeSize.At(asOf) is not { } size) return TierBuilder.NoParameters(Tier, laws.SmeSize.Set, asOf);
        var b = TierBuilder.For(Tier, options.Explain);
        b.Use(set);
        b.Use(basics);
        b.Use(size);
        var year = LegalTerms.DataYear(asOf);
        var y = p.Year(year);
        var hnteYears = laws.CertificateValidityYears(asOf);

        // 附件1's eligibility (registered, SME, clean record) applies to every tier of the ladder.
        var eligible = Eligible(b, basics, size, p, y, year, asOf);
        var baseTiers = set switch { SpecialisedSme2022Law s => s.BaseTiers, SpecialisedSme2026Law s => s.BaseTiers, _ => throw new UnreachableException() };
        var words = set switch { SpecialisedSme2022Law s => s.Words, SpecialisedSme2026Law s => s.Words, _ => throw new UnreachableException() };
        var baseTier = BaseTier(b, baseTiers, words["baseTiers"], p, asOf, basics.TitleValidityYears, hnteYears, techSme, innovative);

        var rest = set switch
        {
            SpecialisedSme2022Law s => Under2022(b, s, p, asOf, year, y),
            SpecialisedSme2026Law s => Under2026(b, s, p, asOf, year, y),
            _ => throw new UnreachableException(),
        };
        return b.Build(Verdict.All(baseTier, eligible, rest.Verdict), rest.Min, rest.Max is { } m ? ScoreRange.Of(rest.Min ?? 0, m) : null);
    }

    private sealed class UnreachableException() : InvalidOperationException("unknown scheme");

    /// <summary>The ladder's base tier: its eligibility today, or its title (or a higher one) held.</summary>
    private static Verdict BaseTier(TierBuilder b, Cited<IReadOnlyList<string>> baseTiers, string words, EnterpriseProfile p, DateOnly asOf,
        int titleYears, int? hnteYears, TierResult techSme, TierResult innovative)
    {
        bool? met = false;
        string? how = null;
        List<string>? missing = null;
        foreach (var tier in baseTiers.Value)
        {
            var result = tier == TierIds.TechSme ? techSme : tier == TierIds.InnovativeSme ? innovative : null;
            if (result?.Outcome == Outcome.Qualified) { met = true; how = tier; break; }
            if (result?.Outcome == Outcome.Undetermined) { met = null; (missing ??= []).AddRange(result.Missing); }
        }
        var byTitle = false;
        if (met != true)
        {
            // A firm that already holds the base title, or this tier's, passes the base tier on its record.
            var held = HoldsAny(p, HeldAsBase, asOf, titleYears, hnteYears);
            if (held.Held == true) { met = true; how = held.Which; byTitle = true; }
            else if (baseTiers.Value.Contains(TierIds.TechSme) && RegisteredThisYear(p, asOf)) { met = true; how = TierIds.TechSme; byTitle = true; }
            else if (held.Held is null) { met = null; (missing ??= []).Add(Titles); }
        }
        var v = met is { } m ? Verdict.Of(m) : new Verdict(null, missing!.Distinct().ToArray());
        return Condition(b, $"{Tier}.base-tier", words, v,
            $"{(how is null ? met is null ? "尚不能确定" : "未通过评价，亦未持有称号" : byTitle ? (how == TierIds.TechSme ? "当年已入库科技型中小企业" : "持有：" + TitleWords.Of(how)) : "评价可达：" + TierName(how))}",
            "是", baseTiers.Citation);
    }

    private static readonly string[] ChainRoleMissing = [ChainRole];

    // The titles that stand for the base tier on the firm's record: 创新型, or 专精特新 or 小巨人 held (a review).
    private static readonly string[] HeldAsBase = [TierIds.InnovativeSme, TierIds.SpecialisedSme, TierIds.LittleGiant];

    private static bool RegisteredThisYear(EnterpriseProfile p, DateOnly asOf)
    {
        for (var i = 0; i < p.TechSmeRegistrations.Count; i++) if (p.TechSmeRegistrations[i].Year == asOf.Year) return true;
        return false;
    }

    private static string TierName(string tier) => tier == TierIds.TechSme ? "科技型中小企业" : TitleWords.Of(tier);

    private readonly record struct Rest(Verdict Verdict, int? Min, int? Max);

    private static Rest Under2022(TierBuilder b, SpecialisedSme2022Law s, EnterpriseProfile p, DateOnly asOf, int year, YearFiling? y)
    {
        var w = s.Words;
        var niche = NicheYears(p, year);
        var nicheOk = Condition(b, $"{Tier}.niche", $"{w["minNicheYears"]}", niche is { } n ? Verdict.Of(n >= s.MinNicheYears) : Verdict.Unknown(NicheEnteredOn),
            b.Explains ? (niche is { } yrs ? $"{yrs} 年" : "未填报") : "", $"≥ {s.MinNicheYears.Value} 年", s.MinNicheYears.Citation);

        var rdRatio = OfRevenue(y, y?.RdExpense);
        var rdMissing = MissingOf(y, year, ("rdExpense", y?.RdExpense is not null), ("salesRevenue", y?.SalesRevenue is not null));
        var rdOk = Condition(b, $"{Tier}.rd", $"{w["minRdExpense"]}，且{w["minRdRatio"]}",
            y?.RdExpense is { } rdx && rdx < s.MinRdExpense ? Verdict.Fail
                : rdRatio is { } rr ? Verdict.Of(y!.RdExpense >= s.MinRdExpense && rr.AtLeast(s.MinRdRatio)) : new Verdict(null, rdMissing),
            b.Explains ? $"研发费用 {(y?.RdExpense is { } e ? Format.Money(e) : "未填报")}，占比 {(rdRatio is { } q ? Format.Percent(q.Value) : "未填报")}" : "",
            $"≥ {Format.Money(s.MinRdExpense)} 且 ≥ {Format.Percent(s.MinRdRatio)}", s.MinRdExpense.Citation);

        var scale = Scale(b, s.MinRevenue, s.FinancingInsteadOfRevenue, s.FinancingYears, $"{w["minRevenue"]}", w["financingInsteadOfRevenue"], p, asOf, year, y);

        // The thirteen indicators.
        var share = OfRevenue(y, y?.MainBusinessRevenue);
        var i1 = Scored(b, $"{Tier}.score.main-business-share", $"{year}年主营业务收入占营业收入比重",
            Banded(s.MainBusinessShareBands.Value, share, MissingOf(y, year, ("mainBusinessRevenue", y?.MainBusinessRevenue is not null), ("salesRevenue", y?.SalesRevenue is not null))),
            b.Explains ? (share is { } sh ? Format.Percent(sh.Value) : "未填报") : "", b.Explains ? Table(s.MainBusinessShareBands.Value, Format.Percent) : "",
            s.MainBusinessShareBands.Citation);
        var growth = AverageMainBusinessGrowth(p, year);
        var i2 = Scored(b, $"{Tier}.score.growth", $"{w["growthFormula"]}", Banded(s.GrowthBands.Value, growth, MainBusinessMissing(p, year, 2)),
            b.Explains ? (growth is { } g ? Format.Percent(g) : "未填报或基年为 0") : "", b.Explains ? Table(s.GrowthBands.Value, Format.Percent) : "",
            s.GrowthFormula.Citation);
        var i3 = Scored(b, $"{Tier}.score.niche-years", $"{w["nicheMaxPoints"]}",
            niche is { } ny ? ItemPoints.Exact(Math.Min(s.NicheMaxPoints, ny / s.NicheYearsPerPoint)) : new ItemPoints(0, s.NicheMaxPoints, [NicheEnteredOn]),
            b.Explains ? (niche is { } ny2 ? $"{ny2} 年" : "未填报") : "", $"每满 {s.NicheYearsPerPoint.Value} 年 1 分，最高 {s.NicheMaxPoints.Value} 分", s.NicheYearsPerPoint.Citation);
        var roles = s.ChainRolePoints.Value;
        var i4 = Scored(b, $"{Tier}.score.chain-role", $"{w["chainRolePoints"]}",
            p.MainProduct?.ChainRole is { } role && roles.TryGetValue(role, out var rp) ? ItemPoints.Exact((int)rp) : new ItemPoints(s.ChainRoleLeast, s.ChainRoleMost, ChainRoleMissing),
            b.Explains ? p.MainProduct?.ChainRole switch { QualityVocabulary.ChainKeyLink => "补短板、锻长板、填空白", QualityVocabulary.Foundation => "“六基”、老字号或服务龙头企业", QualityVocabulary.OtherRole => "其他", _ => "未填报" } : "",
            b.Explains ? $"补短板、锻长板、填空白 → {roles[QualityVocabulary.ChainKeyLink]}分；“六基”、老字号或服务龙头企业 → {roles[QualityVocabulary.Foundation]}分；其他 → {roles[QualityVocabulary.OtherRole]}分" : "",
            s.ChainRolePoints.Citation);
        var level = p.Management?.DigitalisationLevel;
        var i5 = Scored(b, $"{Tier}.score.digitalisation", "数字化水平", Banded(s.DigitalisationBands.Value, level is { } l ? l : null, [Digitalisation]),
            b.Explains ? (level is { } lv ? $"{lv} 级" : "未填报") : "", b.Explains ? Table(s.DigitalisationBands.Value, x => $"{x:0} 级") : "",
            s.DigitalisationBands.Citation);
        var i6 = Scored(b, $"{Tier}.score.quality", $"{w["qualityItemPoints"]}", QualityPoints(s, p.Management),
            b.Explains ? QualityActual(p.Management) : "", $"每项 {s.QualityItemPoints.Value} 分，最高 {s.QualityMaxPoints.Value} 分", s.QualityItemPoints.Citation);
        var margin = OfRevenue(y, y?.NetProfit);
        var i7 = Scored(b, $"{Tier}.score.net-margin", $"{year}年净利润率",
            Banded(s.NetMarginBands.Value, margin, MissingOf(y, year, ("netProfit", y?.NetProfit is not null), ("salesRevenue", y?.SalesRevenue is not null))),
            b.Explains ? (margin is { } mg ? Format.Percent(mg.Value) : "未填报") : "", b.Explains ? Table(s.NetMarginBands.Value, Format.Percent) : "",
            s.NetMarginBands.Citation);
        var debt = DebtRatio(y);
        var i8 = Scored(b, $"{Tier}.score.debt-ratio", $"{year}年末资产负债率",
            Banded(s.DebtRatioBands.Value, debt, MissingOf(y, year, ("totalLiabilities", y?.TotalLiabilities is not null), ("totalAssets", y?.TotalAssets is not null))),
            b.Explains ? (debt is { } d ? Format.Percent(d.Value) : "未填报") : "", b.Explains ? Table(s.DebtRatioBands.Value, Format.Percent) : "",
            s.DebtRatioBands.Citation);
        // 特色化: Jiangxi's indicators are not known; until they are entered the item spans its whole range and no input
        // of the firm can narrow it.
        var provincial = s.ProvincialPoints.Value is { } pp ? ItemPoints.Exact((int)pp) : new ItemPoints(0, s.ProvincialMaxPoints, []);
        b.Add(provincial.Known ? provincial.Min > 0 : null, [], (s, provincial, words: w["provincialPoints"]), static x => new Criterion
        {
            Id = "specialised-sme.score.provincial", Label = x.words,
            Actual = x.provincial.Known ? $"{x.provincial.Min}分" : "江西省特色化指标尚未录入：按 0–" + x.provincial.Max + " 分计",
            Threshold = $"最高 {x.s.ProvincialMaxPoints.Value} 分", Points = x.provincial.Min, PointsMax = x.provincial.Known ? null : x.provincial.Max,
            Source = x.s.ProvincialPoints.Citation,
        });
        var i10 = Scored(b, $"{Tier}.score.ip", s.Ip.Label, IpPoints(s.Ip, p, asOf), b.Explains ? (p.IpItems is { } items ? $"{items.Count} 项" : "未填报逐项知识产权") : "",
            b.Explains ? s.Ip.Threshold : "", s.Ip.Points.Citation);
        var i11 = Scored(b, $"{Tier}.score.rd-input", $"{year}年研发费用（金额与占比取高者）", RdInputPoints(s, y, year, rdRatio),
            b.Explains ? $"{(y?.RdExpense is { } e2 ? Format.Money(e2) : "未填报")}；{(rdRatio is { } q2 ? Format.Percent(q2.Value) : "未填报")}" : "",
            b.Explains ? $"金额：{Table(s.RdAmountBands.Value, Format.Money)}；占比：{Table(s.RdRatioBands.Value, Format.Percent)}" : "",
            s.RdAmountBands.Citation);
        var staffRatio = y?.RdStaff is { } rs && y.Employees is { } emp && emp > 0 ? new Ratio(rs, emp) : (Ratio?)null;
        var i12 = Scored(b, $"{Tier}.score.rd-staff", $"{year}年研发人员占职工总数比重",
            Banded(s.RdStaffBands.Value, staffRatio, MissingOf(y, year, ("rdStaff", y?.RdStaff is not null), ("employees", y?.Employees is not null))),
            b.Explains ? (staffRatio is { } st ? Format.Percent(st.Value) : "未填报") : "", b.Explains ? Table(s.RdStaffBands.Value, Format.Percent) : "",
            s.RdStaffBands.Citation);
        var i13 = Scored(b, $"{Tier}.score.rd-institution", $"{w["institutionPoints"]}", InstitutionPoints(s.InstitutionPoints.Value, s.InstitutionMost, p, asOf),
            b.Explains ? (p.RdInstitutions is { } inst ? (inst.Count == 0 ? "未建立" : string.Join("、", inst.Select(i => LevelWords(i.Level)))) : "未填报") : "",
            b.Explains ? string.Join("；", s.InstitutionPoints.Value.Select(l => $"{LevelWords(l.Key)} → {l.Value}分")) + "；未建立 → 0分" : "",
            s.InstitutionPoints.Citation);

        Span<ItemPoints> all = [i1, i2, i3, i4, i5, i6, i7, i8, provincial, i10, i11, i12, i13];
        int min = 0, max = 0;
        foreach (var x in all) { min += x.Min; max += x.Max; }
        var score = min >= s.PassScore ? Verdict.Pass : max < s.PassScore ? Verdict.Fail
            // Undetermined; only the firm's own unknown inputs are asked for: the 特色化 range is the law's to fill.
            : new Verdict(null, Common.MissingOf(all, unknownOnly: true) is { Count: > 0 } asked ? asked : [ProvincialIndicators]);
        b.Add(score.Passed, score.Missing, (min, max, s), static x => new Criterion
        {
            Id = "specialised-sme.score", Label = "评价得分（专业化、精细化、特色化、创新能力四类十三项合计）",
            Actual = x.min == x.max ? $"{x.min}分" : $"{x.min}–{x.max}分", Threshold = $"≥ {x.s.PassScore.Value}分",
            Points = x.min, PointsMax = x.min == x.max ? null : x.max, Source = x.s.PassScore.Citation,
        });

        var direct = Direct2022(b, s, p, asOf, year);
        var verdict = Verdict.All(nicheOk, rdOk, scale, Verdict.Any(score, direct.Verdict));
        b.ConfirmedBy = direct.Verdict.Passed == true ? direct.Route : "specialised-sme.score";
        return new Rest(verdict, min, max);
    }

    /// <summary>The parameter the specialised score waits for while no input of the firm can decide it.</summary>
    public const string ProvincialIndicators = "parameters:specialised-sme.provincialPoints";

    private static (Verdict Verdict, string? Route) Direct2022(TierBuilder b, SpecialisedSme2022Law s, EnterpriseProfile p, DateOnly asOf, int year)
    {
        var w = s.Words;
        var from = WindowStart(year, s.AwardYears);
        var provincial = AwardWithin(p, QualityVocabulary.Provincial, from, asOf, s.DirectProvincialAwardRank);
        var national = AwardWithin(p, QualityVocabulary.National, from, asOf, s.DirectNationalAwardRank);
        var award = provincial == true || national == true ? true : provincial is null || national is null ? (bool?)null : false;
        var byAward = Condition(b, $"{Tier}.direct.award", $"直接认定：{w["directProvincialAwardRank"]}，或{w["directNationalAwardRank"]}", Fact(award, Awards),
            b.Explains ? YesNo(award) : "", "符合任一项即可", s.DirectProvincialAwardRank.Citation);

        var y1 = p.Year(year)?.RdExpense;
        var y0 = p.Year(year - 1)?.RdExpense;
        var averageRd = y1 is { } a && y0 is { } c ? (a + c) / 2 : (decimal?)null;
        var byRd = Condition(b, $"{Tier}.direct.rd-expense", $"直接认定：{w["directAverageRdExpense"]}",
            averageRd is { } avg ? Verdict.Of(avg >= s.DirectAverageRdExpense) : Verdict.Unknown([.. new[] { year - 1, year }.Where(x => p.Year(x)?.RdExpense is null).Select(x => Inputs.Year(x, "rdExpense"))]),
            b.Explains ? (averageRd is { } av ? "均值 " + Format.Money(av) : "未填报") : "", $"≥ {Format.Money(s.DirectAverageRdExpense)}", s.DirectAverageRdExpense.Citation);

        var financeFrom = WindowStart(year, s.FinancingYears);
        var byFinancing = Condition(b, $"{Tier}.direct.financing", $"直接认定：{w["directFinancing"]}", FinancingAtLeast(p, financeFrom, asOf, s.DirectFinancing),
            b.Explains ? $"{financeFrom}年以来 {Format.Money(QualifiedFinancing(p, financeFrom, asOf).Known)}" : "", $"≥ {Format.Money(s.DirectFinancing)}", s.DirectFinancing.Citation);

        var contest = ContestWithin(p, s.DirectContestTop, from, asOf);
        var byContest = Condition(b, $"{Tier}.direct.contest", $"直接认定：{w["directContestTop"]}", Fact(contest, ContestResults),
            b.Explains ? YesNo(contest) : "", "是", s.DirectContestTop.Citation);

        var route = byAward.Passed == true ? $"{Tier}.direct.award" : byRd.Passed == true ? $"{Tier}.direct.rd-expense"
            : byFinancing.Passed == true ? $"{Tier}.direct.financing" : byContest.Passed == true ? $"{Tier}.direct.contest" : null;
        return (Verdict.Any(byAward, byRd, byFinancing, byContest), route);
    }

    /// <summary>Revenue at least the line, or below it with qualified financing in the window at least the other line.</summary>
    private static Verdict Scale(TierBuilder b, Cited<decimal> minRevenue, Cited<decimal> financing, int financingYears, string revenueWords,
        string financingWords, EnterpriseProfile p, DateOnly asOf, int year, YearFiling? y)
    {
        var from = WindowStart(year, financingYears);
        var v = y?.SalesRevenue is not { } revenue ? Verdict.Unknown(Inputs.Year(year, "salesRevenue"))
            : revenue >= minRevenue ? Verdict.Pass : FinancingAtLeast(p, from, asOf, financing);
        return Condition(b, $"{Tier}.scale", $"{revenueWords}，{financingWords}", v,
            b.Explains ? $"营业收入 {(y?.SalesRevenue is { } r ? Format.Money(r) : "未填报")}；{from}年以来合格机构投资者实缴 {Format.Money(QualifiedFinancing(p, from, asOf).Known)}" : "",
            $"≥ {Format.Money(minRevenue)}，或融资 ≥ {Format.Money(financing)}", minRevenue.Citation);
    }

    private static ItemPoints QualityPoints(SpecialisedSme2022Law s, QualityManagement? m)
    {
        static int Yes(bool? x) => x == true ? 1 : 0;
        static int Unknown(bool? x) => x is null ? 1 : 0;
        int yes = Yes(m?.QualityAward) + Yes(m?.QualitySystemCertificate) + Yes(m?.OwnBrand) + Yes(m?.StandardDrafting),
            unknown = Unknown(m?.QualityAward) + Unknown(m?.QualitySystemCertificate) + Unknown(m?.OwnBrand) + Unknown(m?.StandardDrafting);
        var min = Math.Min(s.QualityMaxPoints, yes * s.QualityItemPoints);
        var max = Math.Min(s.QualityMaxPoints, (yes + unknown) * s.QualityItemPoints);
        return min == max ? ItemPoints.Exact(min) : new ItemPoints(min, max,
            new[] { (m?.QualityAward, QualityAward), (m?.QualitySystemCertificate, QualitySystem), (m?.OwnBrand, OwnBrand), (m?.StandardDrafting, StandardDrafting) }
                .Where(x => x.Item1 is null).Select(x => x.Item2).ToArray());
    }

    private static string QualityActual(QualityManagement? m) => m is null ? "未填报" : string.Join("、", new[]
    {
        m.QualityAward == true ? "省级以上质量奖" : null, m.QualitySystemCertificate == true ? "质量管理体系认证" : null,
        m.OwnBrand == true ? "自主品牌" : null, m.StandardDrafting == true ? "参与制修订标准" : null,
    }.Where(x => x is not null)) is { Length: > 0 } met ? met : "无";

    private static ItemPoints RdInputPoints(SpecialisedSme2022Law s, YearFiling? y, int year, Ratio? ratio)
    {
        var byAmount = y?.RdExpense is { } amount ? Common.BandFor(s.RdAmountBands.Value, amount).PointsMin : (int?)null;
        var byRatio = ratio is { } r ? Common.BandFor(s.RdRatioBands.Value, r).PointsMin : (int?)null;
        var top = s.RdAmountBands.Value[0].PointsMax;
        if (byAmount is null) return new ItemPoints(0, top, [Inputs.Year(year, "rdExpense")]);
        var known = Math.Max(byAmount.Value, byRatio ?? 0);
        return byRatio is null && known < top ? new ItemPoints(known, top, [Inputs.Year(year, "salesRevenue")]) : ItemPoints.Exact(known);
    }

    public static string LevelWords(string level) => level switch
    {
        QualityVocabulary.National => "国家级", QualityVocabulary.Provincial => "省级", QualityVocabulary.City => "市级", QualityVocabulary.BelowCity => "市级以下", _ => level,
    };

    private static Rest Under2026(TierBuilder b, SpecialisedSme2026Law s, EnterpriseProfile p, DateOnly asOf, int year, YearFiling? y)
    {
        var w = s.Words;
        var niche = NicheYears(p, year);
        var nicheOk = Condition(b, $"{Tier}.niche", $"{w["minNicheYears"]}", niche is { } n ? Verdict.Of(n >= s.MinNicheYears) : Verdict.Unknown(NicheEnteredOn),
            b.Explains ? (niche is { } yrs ? $"{yrs} 年" : "未填报") : "", $"≥ {s.MinNicheYears.Value} 年", s.MinNicheYears.Citation);
        var scale = Scale(b, s.MinRevenue, s.FinancingInsteadOfRevenue, s.FinancingYears, $"{w["minRevenue"]}", w["financingInsteadOfRevenue"], p, asOf, year, y);
        var share = OfRevenue(y, y?.MainBusinessRevenue);
        var shareOk = Condition(b, $"{Tier}.main-business-share", $"{w["minMainBusinessShare"]}",
            share is { } sh ? Verdict.Of(sh.AtLeast(s.MinMainBusinessShare)) : new Verdict(null, MissingOf(y, year, ("mainBusinessRevenue", y?.MainBusinessRevenue is not null), ("salesRevenue", y?.SalesRevenue is not null))),
            b.Explains ? (share is { } x ? Format.Percent(x.Value) : "未填报") : "", $"≥ {Format.Percent(s.MinMainBusinessShare)}", s.MinMainBusinessShare.Citation);
        var debt = DebtRatio(y);
        var debtOk = Condition(b, $"{Tier}.debt-ratio", $"{w["maxDebtRatio"]}",
            debt is { } d ? Verdict.Of(d.CompareTo(s.MaxDebtRatio) <= 0) : new Verdict(null, MissingOf(y, year, ("totalLiabilities", y?.TotalLiabilities is not null), ("totalAssets", y?.TotalAssets is not null))),
            b.Explains ? (debt is { } dd ? Format.Percent(dd.Value) : "未填报") : "", $"≤ {Format.Percent(s.MaxDebtRatio)}", s.MaxDebtRatio.Citation);
        var rdOk = Condition(b, $"{Tier}.rd", $"{w["minRdExpense"]}，且{w["minRdRatio"]}", EachYearRd(p, year, s.MinRdExpense, s.MinRdRatio),
            b.Explains ? RdYearsActual(p, year) : "", $"每年 ≥ {Format.Money(s.MinRdExpense)} 且 ≥ {Format.Percent(s.MinRdRatio)}", s.MinRdExpense.Citation);

        var awardFrom = WindowStart(year, s.IpWaiverAwardYears);
        var (least, most) = AppliedClass1(p, asOf, 1, ownOnly: false);
        var ipCount = least >= s.MinClass1Ip ? Verdict.Pass : most < s.MinClass1Ip ? Verdict.Fail : Verdict.Unknown(IpItems);
        var waiverAward = AwardWithin(p, QualityVocabulary.National, awardFrom, asOf, s.IpWaiverAwardRank) is var na && na == true ? true
            : AwardWithin(p, QualityVocabulary.Provincial, awardFrom, asOf, s.IpWaiverAwardRank) is var pa && pa == true ? true : na is null || pa is null ? (bool?)null : false;
        var waiverInstitution = HasInstitution(p, [QualityVocabulary.National, QualityVocabulary.Provincial], asOf);
        var ipOk = Condition(b, $"{Tier}.ip", $"{w["minClass1Ip"]}（{w["ipWaiverAwardYears"]}）",
            Verdict.Any(ipCount, Fact(waiverAward, Awards), Fact(waiverInstitution, RdInstitutions)),
            b.Explains ? (p.IpItems is null ? "未填报逐项知识产权" : $"符合的Ⅰ类知识产权 {least} 项") : "", $"≥ {s.MinClass1Ip.Value} 项，或符合免除条件", s.MinClass1Ip.Citation);
        var scoreOk = DevelopmentScore(b, $"{Tier}.development-score", $"{w["minDevelopmentScore"]}", s.MinDevelopmentScore, y, year);
        b.ConfirmedBy = null;
        return new Rest(Verdict.All(nicheOk, scale, shareOk, debtOk, rdOk, ipOk, scoreOk), null, null);
    }

    /// <summary>R&amp;D at least the amount and the share of revenue in each of the data year and the year before.</summary>
    internal static Verdict EachYearRd(EnterpriseProfile p, int year, decimal minAmount, decimal minRatio) =>
        Verdict.All(YearRd(p, year, minAmount, minRatio), YearRd(p, year - 1, minAmount, minRatio));

    private static Verdict YearRd(EnterpriseProfile p, int year, decimal minAmount, decimal minRatio)
    {
        var y = p.Year(year);
        var r = OfRevenue(y, y?.RdExpense);
        return y?.RdExpense is { } e && e < minAmount ? Verdict.Fail
            : r is { } ratio ? Verdict.Of(y!.RdExpense >= minAmount && ratio.AtLeast(minRatio))
            : new Verdict(null, MissingOf(y, year, ("rdExpense", y?.RdExpense is not null), ("salesRevenue", y?.SalesRevenue is not null)));
    }

    internal static string RdYearsActual(EnterpriseProfile p, int year) => string.Join("；", new[] { year - 1, year }.Select(t =>
    {
        var y = p.Year(t);
        return $"{t}年 {(y?.RdExpense is { } e ? Format.Money(e) : "未填报")}（{(OfRevenue(y, y?.RdExpense) is { } r ? Format.Percent(r.Value) : "—")}）";
    }));

    /// <summary>The official 专精特新发展评价 score of the data year, at least the line.</summary>
    internal static Verdict DevelopmentScore(TierBuilder b, string id, string words, Cited<decimal> line, YearFiling? y, int year) =>
        Condition(b, id, words, y?.DevelopmentScore is { } s ? Verdict.Of(s >= line) : Verdict.Unknown(Inputs.Year(year, "developmentScore")),
            b.Explains ? (y?.DevelopmentScore is { } v ? $"{Format.Count(v)} 分" : "未填报") : "", $"≥ {Format.Count(line)} 分", line.Citation);
}
