using JxEnterpriseLadder.Domain;
using JxEnterpriseLadder.Domain.Profiles;
using JxEnterpriseLadder.Rules.Engine;
using static JxEnterpriseLadder.Rules.Tiers.QualityTerms;

namespace JxEnterpriseLadder.Rules.Tiers;

/// <summary>
/// 创新型中小企业 (criteria-quality-sme.md §1): qualifies = eligibility ∧ (a direct route ∨ (score ≥ 60 ∧ each group's
/// minimum)). 《优质中小企业梯度培育管理暂行办法》工信部企业〔2022〕63号 附件1.
/// </summary>
internal static class InnovativeSmeRules
{
    public const string Tier = TierIds.InnovativeSme;

    public static TierResult Evaluate(EnterpriseProfile p, DateOnly asOf, LawBook laws, EvaluationOptions options)
    {
        if (laws.InnovativeSme.At(asOf) is not { } set) return TierBuilder.NoParameters(Tier, laws.InnovativeSme.Set, asOf);
        if (laws.SmeSize.At(asOf) is not { } size) return TierBuilder.NoParameters(Tier, laws.SmeSize.Set, asOf);
        var b = TierBuilder.For(Tier, options.Explain);
        b.Use(set);
        b.Use(size);
        var year = LegalTerms.DataYear(asOf);
        var y = p.Year(year);
        var hnteYears = laws.CertificateValidityYears(asOf);

        var notHigher = HoldsAny(p, set.NotHigherTitles.Value, asOf, set.TitleValidityYears, hnteYears);
        var eligible = Verdict.All(
            Eligible(b, set, size, p, y, year, asOf),
            Condition(b, $"{Tier}.not-higher", set.NotHigherWords,
                notHigher.Held is { } held ? Verdict.Of(!held) : Verdict.Unknown(Titles),
                b.Explains ? (notHigher.Which is { } which ? "持有：" + TitleWords.Of(which) : notHigher.Held is null ? "未填报" : "未持有") : "",
                "未持有", set.NotHigherTitles.Citation));

        var direct = DirectRoutes(b, set, p, asOf, year, hnteYears, out var confirmedBy);

        // 创新能力
        var ip = Scored(b, $"{Tier}.score.ip", set.Ip.Label, IpPoints(set.Ip, p, asOf),
            b.Explains ? IpActual(p) : "", b.Explains ? set.Ip.Threshold : "", set.Ip.Points.Citation);
        var rdRatio = OfRevenue(y, y?.RdExpense);
        var rd = Scored(b, $"{Tier}.score.rd-ratio", $"{year}年研发费用占营业收入比重",
            Banded(set.RdRatioBands.Value, rdRatio, MissingOf(y, year, ("rdExpense", y?.RdExpense is not null), ("salesRevenue", y?.SalesRevenue is not null))),
            b.Explains ? (rdRatio is { } r ? Format.Percent(r.Value) : "未填报") : "",
            b.Explains ? Table(set.RdRatioBands.Value, Format.Percent) : "", set.RdRatioBands.Citation);
        // 成长性
        var growth = MainBusinessGrowth(p, year);
        var growthPoints = Scored(b, $"{Tier}.score.growth", $"{year}年主营业务收入增长率",
            Banded(set.GrowthBands.Value, growth, MainBusinessMissing(p, year, 1)),
            b.Explains ? (growth is { } g ? Format.Percent(g) : "未填报或上年为 0") : "",
            b.Explains ? Table(set.GrowthBands.Value, Format.Percent) : "", set.GrowthBands.Citation);
        var debt = DebtRatio(y);
        var debtPoints = Scored(b, $"{Tier}.score.debt-ratio", $"{year}年末资产负债率",
            Banded(set.DebtRatioBands.Value, debt, MissingOf(y, year, ("totalLiabilities", y?.TotalLiabilities is not null), ("totalAssets", y?.TotalAssets is not null))),
            b.Explains ? (debt is { } d ? Format.Percent(d.Value) : "未填报") : "",
            b.Explains ? Table(set.DebtRatioBands.Value, Format.Percent) : "", set.DebtRatioBands.Citation);
        // 专业化
        var fieldTable = set.FieldPoints.Value;
        var field = Scored(b, $"{Tier}.score.field", set.FieldWords,
            p.MainProduct?.StrategicEmerging is { } sei ? ItemPoints.Exact((int)fieldTable[sei ? "strategicEmerging" : "other"])
                : new ItemPoints((int)fieldTable["other"], (int)fieldTable["strategicEmerging"], [StrategicEmerging]),
            b.Explains ? p.MainProduct?.StrategicEmerging switch { true => "属于战略性新兴产业", false => "其他领域", null => "未填报" } : "",
            b.Explains ? $"战略性新兴产业 → {fieldTable["strategicEmerging"]}分；其他 → {fieldTable["other"]}分" : "", set.FieldPoints.Citation);
        var share = OfRevenue(y, y?.MainBusinessRevenue);
        var sharePoints = Scored(b, $"{Tier}.score.main-business-share", $"{year}年主营业务收入占营业收入比重",
            Banded(set.MainBusinessShareBands.Value, share, MissingOf(y, year, ("mainBusinessRevenue", y?.MainBusinessRevenue is not null), ("salesRevenue", y?.SalesRevenue is not null))),
            b.Explains ? (share is { } s ? Format.Percent(s.Value) : "未填报") : "",
            b.Explains ? Table(set.MainBusinessShareBands.Value, Format.Percent) : "", set.MainBusinessShareBands.Citation);

        Span<ItemPoints> items = [ip, rd, growthPoints, debtPoints, field, sharePoints];
        int min = 0, max = 0;
        foreach (var x in items) { min += x.Min; max += x.Max; }
        // The three groups (创新能力, 成长性, 专业化), each with its minimum.
        (int Min, int Max) innovation = (ip.Min + rd.Min, ip.Max + rd.Max), growthGroup = (growthPoints.Min + debtPoints.Min, growthPoints.Max + debtPoints.Max),
            specialisation = (field.Min + sharePoints.Min, field.Max + sharePoints.Max);
        var (needInnovation, needGrowth, needSpecialisation) = set.GroupMinimumPoints;
        var groupsMet = innovation.Min >= needInnovation && growthGroup.Min >= needGrowth && specialisation.Min >= needSpecialisation;
        var groupsFailed = innovation.Max < needInnovation || growthGroup.Max < needGrowth || specialisation.Max < needSpecialisation;
        Verdict score = min >= set.PassScore && groupsMet ? Verdict.Pass
            : max < set.PassScore || groupsFailed ? Verdict.Fail
            : new Verdict(null, Common.MissingOf(items, unknownOnly: true));
        b.Add(score.Passed, score.Missing, (min, max, set, innovation, growthGroup, specialisation), static s => new Criterion
        {
            Id = "innovative-sme.score",
            Label = "评价得分（创新能力、成长性、专业化三类六项合计）",
            Actual = $"{Points(s.min, s.max)}；创新能力 {Points(s.innovation.Min, s.innovation.Max)}，成长性 {Points(s.growthGroup.Min, s.growthGroup.Max)}，专业化 {Points(s.specialisation.Min, s.specialisation.Max)}",
            Threshold = $"≥ {s.set.PassScore.Value}分；{s.set.GroupWords}",
            Points = s.min, PointsMax = s.min == s.max ? null : s.max,
            Source = s.set.PassScore.Citation,
        });

        var verdict = Verdict.All(eligible, Verdict.Any(direct, score));
        b.ConfirmedBy = direct.Passed == true ? confirmedBy : "innovative-sme.score";
        return b.Build(verdict, min, ScoreRange.Of(min, max));
    }

    private static Verdict DirectRoutes(TierBuilder b, InnovativeSmeLaw set, EnterpriseProfile p, DateOnly asOf, int year, int? hnteYears, out string? confirmedBy)
    {
        var from = WindowStart(year, set.RecentYears);
        bool? award = null;
        var awardUnknown = false;
        foreach (var level in set.DirectAwardLevels.Value)
            switch (AwardWithin(p, level, from, asOf, null))
            {
                case true: award = true; break;
                case null: awardUnknown = true; break;
            }
        award ??= awardUnknown ? null : false;
        var byAward = Condition(b, $"{Tier}.direct.award", $"直接认定：{set.DirectAwardWords}", Fact(award, Awards),
            b.Explains ? YesNo(award) : "", "符合任一项即可直接认定", set.DirectAwardLevels.Citation);

        var title = HoldsAny(p, set.DirectTitles.Value, asOf, set.TitleValidityYears, hnteYears);
        var byTitle = Condition(b, $"{Tier}.direct.title", $"直接认定：{set.DirectTitlesWords}",
            title.Held is { } held ? Verdict.Of(held) : Verdict.Unknown(Titles),
            b.Explains ? (title.Which is { } w ? TitleWords.Of(w) : YesNo(title.Held)) : "", "符合任一项即可直接认定", set.DirectTitles.Citation);

        var institution = HasInstitution(p, set.DirectRdInstitutionLevels.Value, asOf);
        var byInstitution = Condition(b, $"{Tier}.direct.rd-institution", $"直接认定：{set.DirectRdInstitutionWords}", Fact(institution, RdInstitutions),
            b.Explains ? YesNo(institution) : "", "符合任一项即可直接认定", set.DirectRdInstitutionLevels.Citation);

        var financing = FinancingAtLeast(p, from, asOf, set.DirectFinancing);
        var byFinancing = Condition(b, $"{Tier}.direct.financing", $"直接认定：{set.DirectFinancingWords}", financing,
            b.Explains ? $"{from}年以来合格机构投资者实缴 {Format.Money(QualifiedFinancing(p, from, asOf).Known)}" : "",
            $"≥ {Format.Money(set.DirectFinancing)}", set.DirectFinancing.Citation);

        confirmedBy = byAward.Passed == true ? $"{Tier}.direct.award" : byTitle.Passed == true ? $"{Tier}.direct.title"
            : byInstitution.Passed == true ? $"{Tier}.direct.rd-institution" : byFinancing.Passed == true ? $"{Tier}.direct.financing" : null;
        return Verdict.Any(byAward, byTitle, byInstitution, byFinancing);
    }

    private static string Points(int min, int max) => min == max ? $"{min}分" : $"{min}–{max}分";

    private static string IpActual(EnterpriseProfile p) => p.IpItems is not { } items ? "未填报逐项知识产权"
        : $"Ⅰ类 {items.Count(i => i.Class == 1)} 项（高价值 {items.Count(i => i.Class == 1 && i.HighValue == true)} 项），Ⅱ类 {items.Count(i => i.Class == 2)} 项";
}

/// <summary>The titles' names as the second ladder's explanations write them.</summary>
internal static class TitleWords
{
    public static string Of(string title) => title switch
    {
        TierIds.Hnte => "高新技术企业",
        TierIds.InnovativeSme => "创新型中小企业",
        TierIds.SpecialisedSme => "专精特新中小企业",
        TierIds.LittleGiant => "专精特新“小巨人”企业",
        TierIds.InnovationDemo => "国家技术创新示范企业",
        "ip-advantage" => "国家知识产权优势企业",
        "ip-demo" => "国家知识产权示范企业",
        "single-champion" => "制造业单项冠军企业",
        _ => title,
    };
}
