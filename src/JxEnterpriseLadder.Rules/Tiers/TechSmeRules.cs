using JxEnterpriseLadder.Domain.Profiles;
using JxEnterpriseLadder.Rules.Engine;
using static JxEnterpriseLadder.Rules.Engine.Common;
using JxEnterpriseLadder.Domain;

namespace JxEnterpriseLadder.Rules.Tiers;

/// <summary>
/// 科技型中小企业 (criteria.md §1): qualifies = basic ∧ (direct ∨ (score ≥ 60 ∧ staff score > 0)).
/// 《科技型中小企业评价办法》国科发政〔2017〕115号.
/// </summary>
internal static class TechSmeRules
{
    public const string Tier = TierIds.TechSme;

    public static TierResult Evaluate(EnterpriseProfile p, DateOnly asOf, LawBook laws, EvaluationOptions options)
    {
        var set = laws.TechSme.At(asOf);
        var hnte = laws.Hnte.At(asOf);
        if (set is null) return TierBuilder.NoParameters(Tier, laws.TechSme.Set, asOf);
        if (hnte is null) return TierBuilder.NoParameters(Tier, laws.Hnte.Set, asOf);
        var b = TierBuilder.For(Tier, options.Explain);
        b.Use(set);
        var year = LegalTerms.DataYear(asOf);
        var y = p.Year(year);

        var basic = Verdict.All(
            Resident(b, set.Resident, p),
            SizeLimit(b, y, year, "employees", "职工总数", y?.Employees, set.MaxEmployees, People),
            SizeLimit(b, y, year, "salesRevenue", "销售收入", y?.SalesRevenue, set.MaxSalesRevenue, Format.Money),
            SizeLimit(b, y, year, "totalAssets", "资产总额", y?.TotalAssets, set.MaxTotalAssets, Format.Money),
            NotProhibitedIndustry(b, set.IndustryNotProhibited, p),
            CleanRecord(b, set.CleanRecordFlags, set.CleanRecordWindow, p, b.Explains ? set.CleanRecordPeriod : "", asOf));

        var staff = TechStaffPoints(b, set, y, year);
        var rd = RdInputPoints(b, set, y, year);
        var ip = TechResultsPoints(b, set, p);
        var min = staff.Min + rd.Min + ip.Min;
        var max = staff.Max + rd.Max + ip.Max;
        int pass = set.PassScore;
        Verdict score;
        if (staff.Max == 0) score = Verdict.Fail;
        else if (min >= pass && staff.Min > 0) score = Verdict.Pass;
        else if (max < pass) score = Verdict.Fail;
        else score = new Verdict(null, MissingOf([staff, rd, ip], unknownOnly: false));
        b.Add(score.Passed, score.Missing, (min, max, set), static s => new Criterion
        {
            Id = "tech-sme.score",
            Label = "评价得分（科技人员、研发投入、科技成果三项合计）",
            Actual = s.min == s.max ? $"{s.min}分" : $"{s.min}–{s.max}分",
            Threshold = $"≥ {s.set.PassScore.Value}分，且科技人员指标得分不为 0",
            Points = s.min, PointsMax = s.min == s.max ? null : s.max,
            Source = s.set.PassScore.Citation,
        });

        var direct = DirectConfirmation(b, set, hnte, p, asOf, out var confirmedBy);
        var verdict = Verdict.All(basic, Verdict.Any(direct, score));
        b.ConfirmedBy = direct.Passed == true ? confirmedBy : "tech-sme.score";
        if (score.Passed == false && direct.Passed != true && b.Explains)
            ScoreGaps(b, set, y, staff, rd, ip, pass, p.Ip?.Class2);
        return b.Build(verdict, min, ScoreRange.Of(min, max));
    }

    private static readonly Func<decimal, string> People = v => Format.People((int)v);

    private static Verdict SizeLimit(TierBuilder b, YearFiling? y, int year, string field, string label,
        decimal? value, Cited<decimal> limit, Func<decimal, string> format)
    {
        if (value is not { } v)
            return b.Add(null, [Inputs.Year(year, field)], (field, year, label, limit, format), static s =>
                MissingCriterion($"tech-sme.size.{s.field}", $"{s.year}年{s.label}", "≤ " + s.format(s.limit.Value), s.limit.Source));
        return b.Add(v <= limit, (field, year, label, limit, format, v), static s => new Criterion
        {
            Id = $"tech-sme.size.{s.field}", Label = $"{s.year}年{s.label}", Actual = s.format(s.v),
            Threshold = "≤ " + s.format(s.limit.Value), Source = s.limit.Citation,
        });
    }

    private static ItemPoints TechStaffPoints(TierBuilder b, TechSmeLaw set, YearFiling? y, int year)
    {
        var bands = set.TechStaffRatioBands.Value;
        var source = set.TechStaffRatioBands.Citation;
        var threshold = b.Explains ? set.TechStaffThreshold : "";
        var missing = MissingFields(y, year, "techStaff", y?.TechStaff is not null, "employees", y?.Employees is not null);
        if (missing.Length > 0)
        {
            b.Add(null, missing, (threshold, bands, source), static s => new Criterion
            {
                Id = "tech-sme.score.tech-staff", Label = "科技人员占职工总数比例", Actual = "未填报",
                Threshold = s.threshold, Points = 0, PointsMax = s.bands[0].PointsMax, Source = s.source,
            });
            return new ItemPoints(0, bands[0].PointsMax, missing);
        }
        var ratio = y!.Employees > 0 ? new Ratio(y.TechStaff!.Value, y.Employees!.Value) : new Ratio(0, 1);
        var band = BandFor(bands, ratio);
        b.Add(band.PointsMin > 0, (ratio, y, threshold, band, source), static s => new Criterion
        {
            Id = "tech-sme.score.tech-staff", Label = "科技人员占职工总数比例",
            Actual = $"{Format.Percent(s.ratio.Value)}（{s.y.TechStaff}/{s.y.Employees}）", Threshold = s.threshold,
            Points = s.band.PointsMin, Source = s.source,
            Note = s.band.PointsMin == 0 ? "科技人员指标得 0 分的，不得评价为科技型中小企业" : null,
        });
        return ItemPoints.Exact(band.PointsMin);
    }

    private static ItemPoints RdInputPoints(TierBuilder b, TechSmeLaw set, YearFiling? y, int year)
    {
        var toRevenue = set.RdToSalesRevenueBands.Value;
        var toCosts = set.RdToTotalCostsBands.Value;
        var source = set.RdToSalesRevenueBands.Citation;
        var maxPoints = toRevenue[0].PointsMax;
        var threshold = b.Explains ? set.RdInputThreshold : "";
        if (y?.RdExpense is not { } rd)
        {
            var missing = new[] { Inputs.Year(year, "rdExpense") };
            b.Add(null, missing, (threshold, maxPoints, source), static s => new Criterion
            {
                Id = "tech-sme.score.rd-input", Label = "研发投入（两项比例取高者）", Actual = "未填报", Threshold = s.threshold,
                Points = 0, PointsMax = s.maxPoints, Source = s.source,
            });
            return new ItemPoints(0, maxPoints, missing);
        }
        int? bySales = y.SalesRevenue is { } s ? (s > 0 ? BandFor(toRevenue, new Ratio(rd, s)).PointsMin : 0) : null;
        int? byCosts = y.TotalCostsAndExpenses is { } c ? (c > 0 ? BandFor(toCosts, new Ratio(rd, c)).PointsMin : 0) : null;
        var known = Math.Max(bySales ?? 0, byCosts ?? 0);
        List<string>? unknown = null;
        if (bySales is null) (unknown ??= []).Add(Inputs.Year(year, "salesRevenue"));
        if (byCosts is null) (unknown ??= []).Add(Inputs.Year(year, "totalCostsAndExpenses"));
        // The better ratio counts: an unknown denominator matters only while the known one is below the top band.
        var range = unknown is not null && known < maxPoints ? new ItemPoints(known, maxPoints, unknown) : ItemPoints.Exact(known);
        b.Add(range.Known ? range.Min > 0 : null, range.Missing, (y, rd, range, threshold, source), static s =>
        {
            var actual = string.Join("；", new[]
            {
                s.y.SalesRevenue is > 0 ? $"研发/收入 {Format.Percent(s.rd / s.y.SalesRevenue.Value)}" : null,
                s.y.TotalCostsAndExpenses is > 0 ? $"研发/成本费用 {Format.Percent(s.rd / s.y.TotalCostsAndExpenses.Value)}" : null,
            }.Where(x => x is not null));
            return new Criterion
            {
                Id = "tech-sme.score.rd-input", Label = "研发投入（两项比例取高者）",
                Actual = $"研发费用 {Format.Money(s.rd)}" + (actual.Length > 0 ? "；" + actual : ""),
                Threshold = s.threshold, Points = s.range.Min, PointsMax = s.range.Known ? null : s.range.Max, Source = s.source,
            };
        });
        return range;
    }

    private static ItemPoints TechResultsPoints(TierBuilder b, TechSmeLaw set, EnterpriseProfile p)
    {
        int class1Points = set.Class1Points;
        var class2 = set.Class2CountBands.Value;
        var source = set.Class1Points.Citation;
        var threshold = b.Explains ? set.IpThreshold : "";
        int? c1 = p.Ip?.Class1, c2 = p.Ip?.Class2;
        ItemPoints points;
        if (c1 >= 1) points = ItemPoints.Exact(class1Points);
        else if (c1 is null && c2 is null) points = new(0, class1Points, [Inputs.IpClass1, Inputs.IpClass2]);
        else if (c1 is null) points = new(BandFor(class2, c2!.Value).PointsMin, class1Points, [Inputs.IpClass1]);
        else if (c2 is null) points = new(0, class2[0].PointsMax, [Inputs.IpClass2]);
        else points = ItemPoints.Exact(BandFor(class2, c2.Value).PointsMin);
        b.Add(points.Known ? points.Min > 0 : null, points.Missing, (c1, c2, threshold, points, source), static s => new Criterion
        {
            Id = "tech-sme.score.ip", Label = "科技成果（有效知识产权）",
            Actual = $"Ⅰ类 {s.c1?.ToString() ?? "未填报"} 项，Ⅱ类 {s.c2?.ToString() ?? "未填报"} 项",
            Threshold = s.threshold, Points = s.points.Min, PointsMax = s.points.Known ? null : s.points.Max, Source = s.source,
        });
        return points;
    }

    private static Verdict DirectConfirmation(TierBuilder b, TechSmeLaw set, HnteLaw hnte, EnterpriseProfile p,
        DateOnly asOf, out string? confirmedBy)
    {
        var certificate = p.HnteCertificate switch
        {
            null => Verdict.Fail,
            { IssuedOn: null } => Verdict.Unknown(Inputs.CertificateIssuedOn),
            { IssuedOn: { } d } => Verdict.Of(LegalTerms.CertificateValid(d, asOf, hnte.CertificateValidityYears)),
        };
        b.Use(hnte);
        var byCertificate = Direct(b, "tech-sme.direct.hnte-certificate", "拥有有效期内高新技术企业资格证书", set.DirectHnteCertificate.Citation, certificate,
            !b.Explains ? "" : p.HnteCertificate?.IssuedOn is { } issued ? $"证书 {p.HnteCertificate.Number} 发证 {issued:yyyy-MM-dd}" : "无");
        var byAward = Flag(b, "tech-sme.direct.national-award", set.DirectNationalAwardWords, set.DirectNationalAward.Citation,
            p.DirectQualifiers?.NationalAwardTop3, NationalAwardInput);
        var byInstitution = Flag(b, "tech-sme.direct.rd-institution", set.DirectRdInstitutionWords, set.DirectRdInstitution.Citation,
            p.DirectQualifiers?.ProvincialRdInstitution, RdInstitutionInput);
        var byStandard = Flag(b, "tech-sme.direct.led-standard", set.DirectLedStandardWords, set.DirectLedStandard.Citation,
            p.DirectQualifiers?.LedStandard, LedStandardInput);
        confirmedBy = byCertificate.Passed == true ? "tech-sme.direct.hnte-certificate" : byAward.Passed == true ? "tech-sme.direct.national-award"
            : byInstitution.Passed == true ? "tech-sme.direct.rd-institution" : byStandard.Passed == true ? "tech-sme.direct.led-standard" : null;
        return Verdict.Any(byCertificate, byAward, byInstitution, byStandard);

        static Verdict Flag(TierBuilder b, string id, string label, string source, bool? value, string[] input) =>
            Direct(b, id, label, source, value is { } v ? Verdict.Of(v) : new Verdict(null, input), value switch { true => "是", false => "否", null => "未填报" });

        static Verdict Direct(TierBuilder b, string id, string label, string source, Verdict v, string actual) =>
            b.Add(v.Passed, v.Missing, (id, label, source, actual), static s => new Criterion
            {
                Id = s.id, Label = "直接确认：" + s.label, Actual = s.actual, Threshold = "符合任一项即可直接确认", Source = s.source,
            });
    }

    private static readonly string[] NationalAwardInput = [Inputs.Direct("nationalAwardTop3")],
        RdInstitutionInput = [Inputs.Direct("provincialRdInstitution")], LedStandardInput = [Inputs.Direct("ledStandard")];

    /// <summary>For each lever alone, the smallest change that lifts the score to the pass mark.</summary>
    private static void ScoreGaps(TierBuilder b, TechSmeLaw set, YearFiling? y, ItemPoints staff, ItemPoints rd, ItemPoints ip, int pass, int? class2Held)
    {
        if (y is null) return;
        // Staff: the item must be above 0 in any case, and the total must reach the pass mark.
        if (staff.Known && y.Employees is > 0 and var employees && y.TechStaff is { } techStaff)
        {
            var needPoints = Math.Max(1, pass - rd.Min - ip.Min);
            if (SmallestBoundFor(set.TechStaffRatioBands.Value, needPoints) is { } ratio)
            {
                var needed = (int)Math.Ceiling(ratio * employees);
                if (needed > techStaff && needed <= employees)
                    b.Gap("tech-sme.score.tech-staff", $"科技人员需 ≥ {needed} 人（+{needed - techStaff} 人）", needed, needed - techStaff, "人");
            }
            else if (staff.Min == 0)
                b.Gap("tech-sme.score.tech-staff", "科技人员比例须至少达到最低档，否则不能评价为科技型中小企业");
        }
        if (staff.Min == 0) return; // no other lever helps while the staff item is 0
        if (rd.Known && y.RdExpense is { } rdExpense)
        {
            var needPoints = pass - staff.Min - ip.Min;
            var targets = new List<decimal>();
            if (y.SalesRevenue is > 0 && SmallestBoundFor(set.RdToSalesRevenueBands.Value, needPoints) is { } r1)
                targets.Add(Math.Ceiling(r1 * y.SalesRevenue.Value));
            if (y.TotalCostsAndExpenses is > 0 && SmallestBoundFor(set.RdToTotalCostsBands.Value, needPoints) is { } r2)
                targets.Add(Math.Ceiling(r2 * y.TotalCostsAndExpenses.Value));
            if (targets.Count > 0 && targets.Min() > rdExpense)
            {
                var target = targets.Min();
                b.Gap("tech-sme.score.rd-input", $"研发费用需 ≥ {Format.MoneyCeiling(target)}（+{Format.MoneyCeiling(target - rdExpense)}）",
                    target, target - rdExpense, "元");
            }
        }
        if (ip.Known && class2Held is { } held)
        {
            var needPoints = pass - staff.Min - rd.Min;
            if (set.Class1Points.Value >= needPoints)
                b.Gap("tech-sme.score.ip", "再取得 1 项Ⅰ类知识产权（如发明专利）即可达标", 1, 1, "项");
            if (SmallestBoundFor(set.Class2CountBands.Value, needPoints) is { } needed && needed > held)
                b.Gap("tech-sme.score.ip", $"Ⅱ类知识产权需 ≥ {needed:0} 项（+{needed - held:0} 项）", needed, needed - held, "项");
        }
    }
}
