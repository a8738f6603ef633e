using JxEnterpriseLadder.Domain.Profiles;
using JxEnterpriseLadder.Rules.Engine;
using static JxEnterpriseLadder.Rules.Engine.Common;
using JxEnterpriseLadder.Domain;

namespace JxEnterpriseLadder.Rules.Tiers;

/// <summary>
/// 高新技术企业 (criteria.md §2): every recognition condition of 国科发火〔2016〕32号 第十一条, with the
/// innovation-capability score of 国科发火〔2016〕195号. Expert items without a grade give a range.
/// </summary>
internal static class HnteRules
{
    /// <summary>How banded points are counted: the band policy, and the experts' placement within bands when known.</summary>
    private readonly record struct Scoring(BandPointsMode Mode, decimal? Position);

    private static ItemPoints Points(Band band, Scoring s) => Points(band.PointsMin, band.PointsMax, s);

    private static ItemPoints Points(int least, int most, Scoring s) => s.Position is { } pos
        ? ItemPoints.Exact(least + (int)Math.Round(pos * (most - least), MidpointRounding.AwayFromZero))
        : s.Mode == BandPointsMode.Range ? new(least, most, []) : ItemPoints.Exact(least);

    public const string Tier = TierIds.Hnte;

    public static TierResult Evaluate(EnterpriseProfile p, DateOnly asOf, LawBook laws, EvaluationOptions options)
    {
        var set = laws.Hnte.At(asOf);
        if (set is null) return TierBuilder.NoParameters(Tier, laws.Hnte.Set, asOf);
        var b = TierBuilder.For(Tier, options.Explain);
        b.Use(set);
        var year = LegalTerms.DataYear(asOf);
        var y = p.Year(year);
        // Experts who scored the file place the firm within each band; the engine then has exact points.
        var mode = new Scoring(
            options.BandPoints ?? (set.BandPointsRange.Value ? BandPointsMode.Range : BandPointsMode.Lower),
            p.Expert?.BandPosition is { } pos ? Math.Clamp(pos, 0m, 1m) : null);

        var age = Age(b, set, p, asOf);
        var coreIp = CoreIp(b, set, p);
        var field = Field(b, set, p);
        var staff = TechStaff(b, set, y, year);
        var rdRatio = RdRatio(b, set, p, year, out var rdYears);
        var domestic = DomesticRd(b, set, p, rdYears);
        var income = HiTechIncome(b, set, y, year);
        var (innovation, score, range) = Innovation(b, set, p, year, mode);
        var clean = CleanRecord(b, set.CleanRecordFlags, set.CleanRecordWindow, p, b.Explains ? set.CleanRecordPeriod : "", asOf);
        var verdict = Verdict.All(age, coreIp, field, staff, rdRatio, domestic, income, innovation, clean);
        return b.Build(verdict, score, range);
    }

    private static Verdict Age(TierBuilder b, HnteLaw set, EnterpriseProfile p, DateOnly asOf)
    {
        var min = set.MinDaysRegistered.Value;
        if (p.RegisteredOn is not { } reg)
            return b.Add(null, [Inputs.RegisteredOn], (min, set), static z => MissingCriterion("hnte.age", "注册成立时间", $"≥ {z.min} 天", z.set.MinDaysRegistered.Source));
        var days = LegalTerms.DaysSinceRegistration(reg, asOf);
        if (days < min) b.Gap("hnte.age", $"须于 {LegalTerms.DaysLater(reg, min):yyyy-MM-dd} 及以后申请（注册满 {min} 天）");
        return b.Add(days >= min, (days, reg, min, set), static z => new Criterion
        {
            Id = "hnte.age", Label = "注册成立时间", Actual = $"{z.days} 天（{z.reg:yyyy-MM-dd} 注册）",
            Threshold = $"≥ {z.min} 天", Source = z.set.MinDaysRegistered.Citation,
        });
    }

    private static Verdict CoreIp(TierBuilder b, HnteLaw set, EnterpriseProfile p)
    {
        var min = set.MinIpCount.Value;
        int? c1 = p.Ip?.Class1, c2 = p.Ip?.Class2;
        Verdict v;
        if ((c1 ?? 0) + (c2 ?? 0) >= min) v = Verdict.Pass;
        else if (c1 is null || c2 is null)
            v = new Verdict(null, IpMissing(c1, c2));
        else v = Verdict.Fail;
        if (v.Passed == false) b.Gap("hnte.core-ip", $"须拥有至少 {min} 项对主要产品起核心支持作用的知识产权（+{min - c1 - c2} 项）", min, min - c1 - c2, "项");
        return b.Add(v.Passed, v.Missing, (c1, c2, min, set), static z => new Criterion
        {
            Id = "hnte.core-ip", Label = "拥有对主要产品（服务）起核心支持作用的知识产权",
            Actual = $"Ⅰ类 {z.c1?.ToString() ?? "未填报"} 项，Ⅱ类 {z.c2?.ToString() ?? "未填报"} 项", Threshold = $"≥ {z.min} 项", Source = z.set.MinIpCount.Citation,
        });
    }

    private static Verdict Field(TierBuilder b, HnteLaw set, EnterpriseProfile p)
    {
        var fields = set.HiTechFields.Value;
        if (p.HiTechField is not { } f)
            return b.Add(null, [Inputs.HiTechField], set, static z => MissingCriterion("hnte.field", "核心技术属于《国家重点支持的高新技术领域》", "八大领域之一", z.HiTechFields.Source));
        return b.Add(fields.Contains(f), (f, set), static z => new Criterion
        {
            Id = "hnte.field", Label = "核心技术属于《国家重点支持的高新技术领域》", Actual = Domain.JiangxiReference.Default.HiTechFieldByCodeOrName(z.f)?.Name ?? z.f,
            Threshold = "八大领域之一", Source = z.set.HiTechFields.Citation,
        });
    }

    private static Verdict TechStaff(TierBuilder b, HnteLaw set, YearFiling? y, int year)
    {
        var min = set.MinTechStaffRatio.Value;
        var missing = MissingFields(y, year, "techStaff", y?.TechStaff is not null, "employees", y?.Employees is not null);
        if (missing.Length > 0)
            return b.Add(null, missing, (year, min, set), static z => MissingCriterion("hnte.staff", $"{z.year}年科技人员占职工总数比例", "≥ " + Format.Percent(z.min), z.set.MinTechStaffRatio.Source));
        var employees = y!.Employees!.Value;
        var tech = y.TechStaff!.Value;
        var ratio = employees > 0 ? new Ratio(tech, employees) : new Ratio(0, 1);
        var passed = employees > 0 && ratio.AtLeast(min);
        if (!passed && employees > 0)
        {
            var needed = (int)Math.Ceiling(min * employees);
            b.Gap("hnte.staff", $"科技人员需 ≥ {needed} 人（+{needed - tech} 人）", needed, needed - tech, "人");
        }
        return b.Add(passed, (year, ratio, tech, employees, min, set), static z => new Criterion
        {
            Id = "hnte.staff", Label = $"{z.year}年科技人员占职工总数比例", Actual = $"{Format.Percent(z.ratio.Value)}（{z.tech}/{z.employees}）",
            Threshold = "≥ " + Format.Percent(z.min), Source = z.set.MinTechStaffRatio.Citation,
        });
    }

    /// <summary>The fiscal years an R&amp;D ratio covers: the last three, or the actual years of operation if fewer.</summary>
    internal static int[] RatioYears(EnterpriseProfile p, int year, int span)
    {
        var first = year - span + 1;
        if (p.RegisteredOn is { } reg) first = Math.Max(first, LegalTerms.FirstFiscalYear(reg));
        if (first > year) return [];
        // The same few runs of years recur for every firm: each is made once (bounded: the years a screening meets).
        if (year is < RunsFrom or > RunsUntil || year - first >= RunsLongest) return Run(first, year);
        return YearRuns[year - RunsFrom, year - first] ??= Run(first, year);

        static int[] Run(int first, int last)
        {
            var years = new int[last - first + 1];
            for (var i = 0; i < years.Length; i++) years[i] = first + i;
            return years;
        }
    }

    private const int RunsFrom = 1990, RunsUntil = 2100, RunsLongest = 8;
    // By last year and length; a race writes an equal run twice, harmlessly.
    private static readonly int[]?[,] YearRuns = new int[]?[RunsUntil - RunsFrom + 1, RunsLongest];

    private static Verdict RdRatio(TierBuilder b, HnteLaw set, EnterpriseProfile p, int year, out int[] years)
    {
        years = RatioYears(p, year, set.RdRatioYears.Value);
        var source = set.RdRatioSmall.Citation;
        List<string>? missing = null;
        decimal rd = 0, sales = 0;
        foreach (var t in years)
        {
            var f = p.Year(t);
            if (MissingFields(f, t, "rdExpense", f?.RdExpense is not null, "salesRevenue", f?.SalesRevenue is not null) is { Length: > 0 } more) (missing ??= []).AddRange(more);
            rd += f?.RdExpense ?? 0;
            sales += f?.SalesRevenue ?? 0;
        }
        if (p.RegisteredOn is null) (missing ??= []).Add(Inputs.RegisteredOn);
        var label = b.Explains ? $"{set.RdRatioYearsWords}（{string.Join("、", years)}）研发费用总额占同期销售收入总额比例" : "";
        if (missing is null && years.Length == 0)
            return b.Add(false, (label, source), static z => new Criterion
            {
                Id = "hnte.rd-ratio", Label = z.label, Actual = "尚无完整会计年度", Threshold = "按最近一年销售收入分档", Source = z.source,
            });
        if (missing is not null)
        {
            // The bands as the law states them, from the parameter file (no number of the law here).
            static string Sales(decimal yuan) => Format.Money(yuan).TrimEnd('元');
            var (small, medium) = (set.RdRatioSmallSalesCeiling.Value, set.RdRatioMediumSalesCeiling.Value);
            var bands = !b.Explains ? "" : $"按最近一年销售收入分档：≤{Sales(small)} {Format.Percent(set.RdRatioSmall.Value)}，{Sales(small)}–{Sales(medium)} {Format.Percent(set.RdRatioMedium.Value)}，>{Sales(medium)} {Format.Percent(set.RdRatioLarge.Value)}";
            return b.Add(null, missing.ToArray(), (label, bands, set), static z => MissingCriterion("hnte.rd-ratio", z.label, z.bands, z.set.RdRatioSmall.Source));
        }
        var latest = p.Year(year)!.SalesRevenue!.Value;
        var min = latest <= set.RdRatioSmallSalesCeiling.Value ? set.RdRatioSmall.Value
            : latest <= set.RdRatioMediumSalesCeiling.Value ? set.RdRatioMedium.Value
            : set.RdRatioLarge.Value;
        var ratio = sales > 0 ? new Ratio(rd, sales) : new Ratio(0, 1);
        var passed = sales > 0 && ratio.AtLeast(min);
        if (!passed && sales > 0)
        {
            var target = Math.Ceiling(min * sales);
            b.Gap("hnte.rd-ratio", $"近三年研发费用合计需 ≥ {Format.MoneyCeiling(target)}（+{Format.MoneyCeiling(target - rd)}）", target, target - rd, "元");
        }
        return b.Add(passed, (label, ratio, rd, sales, min, latest, source), static z => new Criterion
        {
            Id = "hnte.rd-ratio", Label = z.label,
            Actual = $"{Format.Percent(z.ratio.Value)}（研发 {Format.Money(z.rd)} / 销售 {Format.Money(z.sales)}）",
            Threshold = $"≥ {Format.Percent(z.min)}（最近一年销售收入 {Format.Money(z.latest)}）", Source = z.source,
        });
    }

    private static Verdict DomesticRd(TierBuilder b, HnteLaw set, EnterpriseProfile p, int[] years)
    {
        var min = set.MinDomesticRdShare.Value;
        List<string>? missing = null;
        decimal rd = 0, domestic = 0;
        foreach (var t in years)
        {
            var f = p.Year(t);
            if (MissingFields(f, t, "rdExpense", f?.RdExpense is not null, "rdExpenseDomestic", f?.RdExpenseDomestic is not null) is { Length: > 0 } more) (missing ??= []).AddRange(more);
            rd += f?.RdExpense ?? 0;
            domestic += f?.RdExpenseDomestic ?? 0;
        }
        const string label = "境内研究开发费用占全部研究开发费用比例";
        if (missing is not null)
            return b.Add(null, missing.ToArray(), (label, min, set), static z => MissingCriterion("hnte.rd-domestic", z.label, "≥ " + Format.Percent(z.min), z.set.MinDomesticRdShare.Source));
        var ratio = rd > 0 ? new Ratio(domestic, rd) : new Ratio(0, 1);
        var passed = rd > 0 && ratio.AtLeast(min);
        if (!passed && rd > 0)
        {
            var target = Math.Ceiling(min * rd);
            b.Gap("hnte.rd-domestic", $"境内研发费用需 ≥ {Format.MoneyCeiling(target)}（+{Format.MoneyCeiling(target - domestic)}）", target, target - domestic, "元");
        }
        return b.Add(passed, (label, rd, ratio, min, set), static z => new Criterion
        {
            Id = "hnte.rd-domestic", Label = z.label, Actual = z.rd > 0 ? Format.Percent(z.ratio.Value) : "无研发费用",
            Threshold = "≥ " + Format.Percent(z.min), Source = z.set.MinDomesticRdShare.Citation,
        });
    }

    private static Verdict HiTechIncome(TierBuilder b, HnteLaw set, YearFiling? y, int year)
    {
        var min = set.MinHiTechIncomeShare.Value;
        var label = b.Explains ? $"{year}年高新技术产品（服务）收入占同期总收入比例" : "";
        var missing = MissingFields(y, year, "hiTechIncome", y?.HiTechIncome is not null, "totalIncome", y?.TotalIncome is not null);
        if (missing.Length > 0)
            return b.Add(null, missing, (label, min, set), static z => MissingCriterion("hnte.hitech-income", z.label, "≥ " + Format.Percent(z.min), z.set.MinHiTechIncomeShare.Source));
        var total = y!.TotalIncome!.Value;
        var hi = y.HiTechIncome!.Value;
        var ratio = total > 0 ? new Ratio(hi, total) : new Ratio(0, 1);
        var passed = total > 0 && ratio.AtLeast(min);
        if (!passed && total > 0)
        {
            var target = Math.Ceiling(min * total);
            b.Gap("hnte.hitech-income", $"高新技术产品（服务）收入需 ≥ {Format.MoneyCeiling(target)}（+{Format.MoneyCeiling(target - hi)}）", target, target - hi, "元");
        }
        return b.Add(passed, (label, ratio, hi, total, min, set), static z => new Criterion
        {
            Id = "hnte.hitech-income", Label = z.label, Actual = $"{Format.Percent(z.ratio.Value)}（{Format.Money(z.hi)} / {Format.Money(z.total)}）",
            Threshold = "≥ " + Format.Percent(z.min), Source = z.set.MinHiTechIncomeShare.Citation,
        });
    }

    private static (Verdict, int, ScoreRange) Innovation(TierBuilder b, HnteLaw set, EnterpriseProfile p, int year, Scoring mode)
    {
        var ip = IpPoints(b, set, p, mode);
        var commercialization = CommercializationPoints(b, set, p, year, mode);
        var management = ManagementPoints(b, set, p);
        var netAssets = GrowthPoints(b, set, p, year, mode, "hnte.innovation.growth.net-assets", "净资产增长率", Growing.NetAssets);
        var sales = GrowthPoints(b, set, p, year, mode, "hnte.innovation.growth.sales", "销售收入增长率", Growing.SalesRevenue);
        ReadOnlySpan<ItemPoints> items = [ip, commercialization, management, netAssets, sales];
        var min = Sum(items, min: true);
        var max = Sum(items, min: false);
        var above = set.InnovationScoreAbove.Value;
        Verdict v = min > above ? Verdict.Pass : max <= above ? Verdict.Fail
            : new Verdict(null, MissingOf(items, unknownOnly: false));
        if (v.Passed is null && v.Missing.Count == 0)
            v = new Verdict(null, ["expert.innovationScore"]); // band ranges straddle the line: only experts can decide
        if (v.Passed == false)
            b.Gap("hnte.innovation", $"创新能力评价需 > {above} 分（至少 +{above + 1 - max} 分）", above + 1, above + 1 - max, "分");
        b.Add(v.Passed, v.Missing, (min, max, above, set), static z => new Criterion
        {
            Id = "hnte.innovation", Label = "企业创新能力评价（知识产权、成果转化、研发组织管理、成长性）",
            Actual = z.min == z.max ? $"{z.min}分" : $"{z.min}–{z.max}分", Threshold = $"> {z.above}分",
            Points = z.min, PointsMax = z.min == z.max ? null : z.max,
            Source = z.set.InnovationScoreAbove.Citation,
        });
        return (v, min, ScoreRange.Of(min, max));
    }

    private static ItemPoints Grade(HnteLaw set, string? grade, string[] input, Scoring mode)
    {
        var grades = set.ExpertGrades;
        var points = set.GradePoints;
        if (grade is not null)
            for (var i = 0; i < grades.Length; i++)
                if (grades[i] == grade) return Points(points[i].Min, points[i].Max, mode);
        // Unknown grade: anything from the worst grade's points to the best grade's.
        int min = int.MaxValue, max = int.MinValue;
        for (var i = 0; i < points.Length; i++)
        {
            var p = Points(points[i].Min, points[i].Max, mode);
            min = Math.Min(min, p.Min);
            max = Math.Max(max, p.Max);
        }
        return new ItemPoints(min, max, input);
    }

    private static ItemPoints IpPoints(TierBuilder b, HnteLaw set, EnterpriseProfile p, Scoring mode)
    {
        var source = set.IpClass1Points.Citation;
        var advancement = Grade(set, p.Expert?.TechAdvancement, TechAdvancementMissing, mode);
        var support = Grade(set, p.Expert?.CoreSupport, CoreSupportMissing, mode);
        int? c1 = p.Ip?.Class1, c2 = p.Ip?.Class2;
        var class1Band = set.IpClass1Points.Value[0];
        var class2Bands = set.IpClass2CountBands.Value;
        ItemPoints count;
        if (c1 >= 1) count = Points(class1Band, mode);
        else if (c1 is null || c2 is null)
        {
            var floor = c2 is { } k ? Points(BandFor(class2Bands, k), mode).Min : 0;
            count = new(floor, c1 is null ? Points(class1Band, mode).Max : Points(class2Bands[0], mode).Max, IpMissing(c1, c2));
        }
        else count = Points(BandFor(class2Bands, c2.Value), mode);

        var hasIp = (c1 ?? 0) + (c2 ?? 0) > 0;
        var own = set.IpOwnRdPoints.Value[0];
        var acquired = set.IpAcquiredOnlyPoints.Value[0];
        ItemPoints obtained = !hasIp ? (c1 is null || c2 is null ? new(0, Points(own, mode).Max, count.Missing) : ItemPoints.Exact(0))
            : p.Ip?.OwnRd switch
            {
                true => Points(own, mode),
                false => Points(acquired, mode),
                null => new(Math.Min(Points(own, mode).Min, Points(acquired, mode).Min), Points(own, mode).Max, OwnRdMissing),
            };
        if (obtained.Known && obtained.Missing.Count == 0) obtained = obtained with { Missing = [] };
        var bonusBand = set.StandardBonusPoints.Value[0];
        var bonus = p.DirectQualifiers?.LedStandard switch
        {
            true => Points(bonusBand, mode),
            false => ItemPoints.Exact(0),
            null => new ItemPoints(0, Points(bonusBand, mode).Max, LedStandardMissing),
        };
        var cap = set.IpMaxPoints.Value;
        ReadOnlySpan<ItemPoints> parts = [advancement, support, count, obtained, bonus];
        var total = new ItemPoints(Math.Min(cap, Sum(parts, min: true)), Math.Min(cap, Sum(parts, min: false)), MissingOf(parts, unknownOnly: true));
        Item(b, "hnte.innovation.ip.advancement", "知识产权：技术的先进程度（专家评价 A–E）", p.Expert?.TechAdvancement ?? "未评价", advancement, set.ExpertGradeMinPoints.Source);
        Item(b, "hnte.innovation.ip.core-support", "知识产权：对主要产品（服务）的核心支持作用（专家评价 A–E）", p.Expert?.CoreSupport ?? "未评价", support, set.ExpertGradeMinPoints.Source);
        Item(b, "hnte.innovation.ip.count", "知识产权：数量", b.Explains ? $"Ⅰ类 {c1?.ToString() ?? "未填报"} 项，Ⅱ类 {c2?.ToString() ?? "未填报"} 项" : "", count, set.IpClass2CountBands.Source,
            set.IpCountThreshold);
        Item(b, "hnte.innovation.ip.obtained", "知识产权：获得方式", p.Ip?.OwnRd switch { true => "有自主研发", false => "仅受让、受赠、并购", null => "未填报" }, obtained,
            set.IpOwnRdPoints.Source, b.Explains ? $"自主研发 {own.PointsText}；仅受让等 {acquired.PointsText}" : null);
        Item(b, "hnte.innovation.ip.standard-bonus", "知识产权：参与编制国家/行业标准等（加分）", p.DirectQualifiers?.LedStandard switch { true => "是", false => "否", null => "未填报" },
            bonus, set.StandardBonusPoints.Source, b.Explains ? bonusBand.PointsText : null);
        b.Add(total.Known ? true : null, total.Missing, (cap, total, source), static z => new Criterion
        {
            Id = "hnte.innovation.ip", Label = "知识产权（合计，上限 " + z.cap + " 分）", Actual = z.total.Known ? $"{z.total.Min}分" : $"{z.total.Min}–{z.total.Max}分",
            Threshold = $"≤ {z.cap}分", Points = z.total.Min, PointsMax = z.total.Known ? null : z.total.Max, Source = z.source,
        });
        _ = source;
        return total;
    }

    private static readonly string[] RdManagementMissing = [Inputs.ExpertRdManagement], TechAdvancementMissing = [Inputs.ExpertTechAdvancement],
        CoreSupportMissing = [Inputs.ExpertCoreSupport], OwnRdMissing = [Inputs.IpOwnRd];
    private static readonly string[] LedStandardMissing = [Inputs.Direct("ledStandard")];
    private static readonly string[] Class1Missing = [Inputs.IpClass1], Class2Missing = [Inputs.IpClass2], BothClassesMissing = [Inputs.IpClass1, Inputs.IpClass2];

    /// <summary>The IP counts not given (at least one is, when called).</summary>
    private static string[] IpMissing(int? c1, int? c2) =>
        c1 is null && c2 is null ? BothClassesMissing : c1 is null ? Class1Missing : c2 is null ? Class2Missing : [];

    private static int Sum(ReadOnlySpan<ItemPoints> items, bool min)
    {
        var sum = 0;
        foreach (var x in items) sum += min ? x.Min : x.Max;
        return sum;
    }

    private static void Item(TierBuilder b, string id, string label, string actual, ItemPoints points, SourceReference source, string? threshold = null) =>
        b.Add(points.Known ? true : null, points.Known ? [] : points.Missing, b.Explains ? ItemWords(id, label, actual, points, source, threshold) : null);

    private static Func<Criterion> ItemWords(string id, string label, string actual, ItemPoints points, SourceReference source, string? threshold) => () => new Criterion
        {
            Id = id, Label = label, Actual = actual, Threshold = threshold, Points = points.Min,
            PointsMax = points.Known ? null : points.Max,
            Source = source.ToString(),
        };

    private static ItemPoints CommercializationPoints(TierBuilder b, HnteLaw set, EnterpriseProfile p, int year, Scoring mode)
    {
        var bands = set.CommercializationBands.Value;
        var years = RatioYears(p, year, set.CommercializationYears.Value);
        List<string>? missing = null;
        long commercialized = 0;
        foreach (var t in years)
        {
            if (p.Year(t)?.ResultsCommercialized is { } n) commercialized += n;
            else (missing ??= []).Add(Inputs.Year(t, "resultsCommercialized"));
        }
        if (p.RegisteredOn is null) (missing ??= []).Add(Inputs.RegisteredOn);
        var label = b.Explains ? set.CommercializationLabel : "";
        var threshold = set.CommercializationThreshold;
        ItemPoints points;
        string actual;
        if (missing is null && years.Length == 0)
        {
            points = ItemPoints.Exact(0);
            actual = "尚无完整会计年度";
        }
        else if (missing is not null)
        {
            var top = Points(bands[0], mode);
            points = new(0, top.Max, missing);
            actual = "未填报";
        }
        else
        {
            var average = new Ratio(commercialized, years.Length);
            points = Points(BandFor(bands, average), mode);
            actual = !b.Explains ? "" : $"年均 {Format.Count(Math.Round(average.Value, 2))} 项（{string.Join("、", years)}）";
        }
        Item(b, "hnte.innovation.commercialization", label, actual, points, set.CommercializationBands.Source, threshold);
        return points;
    }

    private static ItemPoints ManagementPoints(TierBuilder b, HnteLaw set, EnterpriseProfile p)
    {
        var max = set.RdManagementMaxPoints.Value;
        var given = p.Expert?.RdManagementPoints;
        ItemPoints points;
        string actual;
        if (given is { } g)
        {
            points = ItemPoints.Exact(Math.Clamp(g, 0, max));
            actual = b.Explains ? g.ToString(System.Globalization.CultureInfo.InvariantCulture) : "";
        }
        else if (p.Expert?.RdManagement is { } facts)
        {
            // Each fact present earns its item's points; a fact not stated may earn anything from none to all of them.
            ReadOnlySpan<bool?> present = [facts.RdRulesAndAccounts, facts.RdUnitAndCooperation, facts.CommercializationIncentives, facts.TalentRules];
            int sure = 0, open = 0, yes = 0, no = 0;
            List<string>? unstated = null;
            for (var i = 0; i < present.Length; i++)
            {
                switch (present[i])
                {
                    case true: sure += set.RdManagementFactPoints[i]; yes++; break;
                    case false: no++; break;
                    case null: open += set.RdManagementFactPoints[i]; (unstated ??= []).Add(Inputs.ExpertRdManagementFact(HnteLaw.RdManagementFacts[i])); break;
                }
            }
            points = new ItemPoints(Math.Min(sure, max), Math.Min(sure + open, max), unstated is null ? [] : unstated.ToArray());
            actual = b.Explains ? $"具备 {yes} 项，不具备 {no} 项" + (open > 0 ? $"，未填 {unstated!.Count} 项" : "") : "";
        }
        else
        {
            points = new ItemPoints(0, max, RdManagementMissing);
            actual = "未评价";
        }
        Item(b, "hnte.innovation.rd-management", "研究开发组织管理水平（专家评价）", actual, points,
            set.RdManagementMaxPoints.Source, b.Explains ? $"0–{max}分" : null);
        return points;
    }

    private static ItemPoints GrowthPoints(TierBuilder b, HnteLaw set, EnterpriseProfile p, int year, Scoring mode,
        string id, string label, Growing measure)
    {
        var bands = set.GrowthBands.Value;
        var threshold = set.GrowthThreshold;
        var years = RatioYears(p, year, set.GrowthYears.Value);
        List<string>? missing = null;
        Span<decimal> values = stackalloc decimal[years.Length];
        for (var i = 0; i < years.Length; i++)
        {
            var filing = p.Year(years[i]);
            if (measure == Growing.SalesRevenue)
            {
                if (filing?.SalesRevenue is { } v) values[i] = v;
                else (missing ??= []).Add(Inputs.Year(years[i], "salesRevenue"));
            }
            else if (LegalTerms.NetAssets(filing) is { } v) values[i] = v;
            else
            {
                if (filing?.TotalAssets is null) (missing ??= []).Add(Inputs.Year(years[i], "totalAssets"));
                if (filing?.TotalLiabilities is null) (missing ??= []).Add(Inputs.Year(years[i], "totalLiabilities"));
            }
        }
        if (p.RegisteredOn is null) (missing ??= []).Add(Inputs.RegisteredOn);
        if (missing is not null)
        {
            var points = new ItemPoints(0, Points(bands[0], mode).Max, missing);
            Item(b, id, label, "未填报", points, set.GrowthBands.Source, threshold);
            return points;
        }
        ItemPoints result;
        string actual;
        if (years.Length < 2)
        {
            result = ItemPoints.Exact(0);
            actual = "仅一个会计年度，不计分";
        }
        else
        {
            var (v1, v2, v3, hasYear1) = values.Length == 3 ? (values[0], values[1], values[2], true) : ((decimal?)null, values[0], values[1], false);
            // The band from the estimate when it is clear of the edges; the decimal value otherwise, and whenever shown.
            var estimate = LegalTerms.HnteGrowthEstimate(v1, v2, v3, hasYear1, out var margin);
            var band = estimate is { } e ? BandClearOf(bands, e, margin) : null;
            var growth = band is null || b.Explains ? LegalTerms.HnteGrowth(v1, v2, v3, hasYear1) : null;
            result = band is not null ? Points(band, mode) : growth is { } g ? Points(BandFor(bands, g), mode) : ItemPoints.Exact(0);
            actual = b.Explains ? (growth is { } gr ? Format.Percent(gr) : "第二年数值 ≤ 0，不计分") + "（" +
                     string.Join("、", years.Zip(values.ToArray(), (t, v) => $"{t}: {Format.Money(v)}")) + "）" : "";
        }
        Item(b, id, label, actual, result, set.GrowthBands.Source, threshold);
        return result;
    }

    /// <summary>The two growth items of 成长性指标: net assets (assets − liabilities) and sales revenue.</summary>
    private enum Growing { NetAssets, SalesRevenue }
}
