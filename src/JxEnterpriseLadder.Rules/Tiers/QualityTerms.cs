using JxEnterpriseLadder.Domain;
using JxEnterpriseLadder.Domain.Profiles;
using System.Runtime.CompilerServices;
using JxEnterpriseLadder.Rules.Engine;

namespace JxEnterpriseLadder.Rules.Tiers;

/// <summary>
/// The second ladder's legal terms (criteria-quality-sme.md §1.4, 63号附件4), one small function each, and the two ways
/// its tiers write a line of an explanation. A list the profile does not hold (null) leaves a term unknown; an empty
/// list is "none".
/// </summary>
internal static class QualityTerms
{
    // Input paths as "missing" names them (data-dictionary/fields.json).
    public const string SizeIndustry = "sizeIndustry", NicheEnteredOn = "mainProduct.nicheEnteredOn", MarketShare = "mainProduct.nationalMarketShare",
        StrategicEmerging = "mainProduct.strategicEmerging", ChainRole = "mainProduct.chainRole", KeyChainLink = "mainProduct.keyChainLink",
        PriorityField = "mainProduct.priorityField", Digitalisation = "management.digitalisationLevel", CoreOnSystems = "management.coreBusinessesOnSystems",
        QualityAward = "management.qualityAward", QualitySystem = "management.qualitySystemCertificate", OwnBrand = "management.ownBrand",
        StandardDrafting = "management.standardDrafting", DevelopedMarketCertification = "management.developedMarketCertification",
        IpItems = "ipItems", RdInstitutions = "rdInstitutions", Awards = "awards", ContestResults = "contestResults", Titles = "titles",
        RelatedToLittleGiant = "relatedToLittleGiant", ChineseControlled = "chineseControlled", QualifiedPaidIn = "financing[].qualifiedPaidIn";

    /// <summary>A condition's line: its words (label, what the firm has, what the law asks) are written only when the
    /// builder explains; in a screening not even their holes are evaluated (<see cref="Words"/>).</summary>
    public static Verdict Condition(TierBuilder b, string id, [InterpolatedStringHandlerArgument("b")] Words label, Verdict v,
        [InterpolatedStringHandlerArgument("b")] Words actual, [InterpolatedStringHandlerArgument("b")] Words threshold, string source)
    {
        var words = (label.ToStringAndClear(), actual.ToStringAndClear(), threshold.ToStringAndClear());
        return b.Add(v.Passed, v.Passed is null ? v.Missing : [], (id, words, source), static s => new Criterion
        {
            Id = s.id, Label = s.words.Item1, Actual = s.words.Item2, Threshold = s.words.Item3, Source = s.source,
        });
    }

    /// <summary>A score item's line, with its points (a range while an input is unknown).</summary>
    public static ItemPoints Scored(TierBuilder b, string id, [InterpolatedStringHandlerArgument("b")] Words label, ItemPoints points,
        [InterpolatedStringHandlerArgument("b")] Words actual, [InterpolatedStringHandlerArgument("b")] Words threshold, string source)
    {
        var words = (label.ToStringAndClear(), actual.ToStringAndClear(), threshold.ToStringAndClear());
        b.Add(points.Known ? points.Min > 0 : null, points.Missing, (id, words, source, points), static s => new Criterion
        {
            Id = s.id, Label = s.words.Item1, Actual = s.words.Item2, Threshold = s.words.Item3, Source = s.source,
            Points = s.points.Min, PointsMax = s.points.Known ? null : s.points.Max,
        });
        return points;
    }

    /// <summary>A band table as an explanation reads it, written once per table and format (the tables live as long as
    /// their laws): explaining a profile then costs no string for it.</summary>
    public static string Table(IReadOnlyList<Band> bands, Func<decimal, string> format) =>
        Tables.GetValue(bands, static _ => new()).GetOrAdd(format.Method, static (_, x) => Common.BandTable(x.bands, x.format), (bands, format));

    // Weak by table: a policy draft's laws, and their tables, go when the draft does.
    private static readonly ConditionalWeakTable<IReadOnlyList<Band>, System.Collections.Concurrent.ConcurrentDictionary<System.Reflection.MethodInfo, string>> Tables = new();

    /// <summary>The points of a banded value, or the table's whole range while the value is unknown.</summary>
    public static ItemPoints Banded(IReadOnlyList<Band> bands, decimal? value, IReadOnlyList<string> missing) =>
        value is { } v ? ItemPoints.Exact(Common.BandFor(bands, v).PointsMin) : new ItemPoints(bands[^1].PointsMin, bands[0].PointsMax, missing);

    public static ItemPoints Banded(IReadOnlyList<Band> bands, Ratio? value, IReadOnlyList<string> missing) =>
        value is { } v ? ItemPoints.Exact(Common.BandFor(bands, v).PointsMin) : new ItemPoints(bands[^1].PointsMin, bands[0].PointsMax, missing);

    /// <summary>A share of operating revenue (销售收入/营业收入); null when either is unknown or the revenue is not above 0.</summary>
    public static Ratio? OfRevenue(YearFiling? y, decimal? part) =>
        part is { } n && y?.SalesRevenue is { } r && r > 0 ? new Ratio(n, r) : null;

    /// <summary>资产负债率 at the year's end.</summary>
    public static Ratio? DebtRatio(YearFiling? y) =>
        y?.TotalLiabilities is { } l && y.TotalAssets is { } a && a > 0 ? new Ratio(l, a) : null;

    /// <summary>The inputs a year's figures miss, each as its path.</summary>
    public static string[] MissingOf(YearFiling? y, int year, params ReadOnlySpan<(string Field, bool Known)> fields)
    {
        List<string>? missing = null;
        foreach (var (field, known) in fields)
            if (y is null || !known) (missing ??= []).Add(Inputs.Year(year, field));
        return missing?.ToArray() ?? [];
    }

    /// <summary>主营业务收入增长率 of a year: (MBR_year − MBR_year−1) ÷ MBR_year−1; null when either is unknown or the earlier
    /// is not above 0 (no source says how a zero base is scored).</summary>
    public static decimal? MainBusinessGrowth(EnterpriseProfile p, int year) =>
        p.Year(year)?.MainBusinessRevenue is { } now && p.Year(year - 1)?.MainBusinessRevenue is { } before && before > 0 ? (now - before) / before : null;

    /// <summary>近两年主营业务收入平均增长率, as the arithmetic mean of the two years' growth (the files' growthFormula).</summary>
    public static decimal? AverageMainBusinessGrowth(EnterpriseProfile p, int dataYear) =>
        MainBusinessGrowth(p, dataYear) is { } g1 && MainBusinessGrowth(p, dataYear - 1) is { } g0 ? (g1 + g0) / 2 : null;

    /// <summary>The main-business revenues a growth over the years before the data year needs and lacks: those not filed,
    /// and a base year's that is not above 0 (a growth from nothing is not defined; the figure is the one to check).</summary>
    public static string[] MainBusinessMissing(EnterpriseProfile p, int dataYear, int years)
    {
        List<string>? missing = null;
        for (var year = dataYear - years; year <= dataYear; year++)
            if (p.Year(year)?.MainBusinessRevenue is not { } v || (year < dataYear && v <= 0)) (missing ??= []).Add(Inputs.Year(year, "mainBusinessRevenue"));
        return missing?.ToArray() ?? [];
    }

    /// <summary>Full years in the niche market, counted to the end of the data year.</summary>
    public static int? NicheYears(EnterpriseProfile p, int dataYear)
    {
        if (p.MainProduct?.NicheEnteredOn is not { } entered) return null;
        var end = new DateOnly(dataYear + 1, 1, 1);
        if (entered >= end) return 0;
        var years = end.Year - entered.Year;
        if (LegalTerms.Anniversary(entered, years) > end) years--;
        return years;
    }

    /// <summary>附件1's eligibility, which every tier of the ladder asks in the same words: registered in Jiangxi, an SME by
    /// the 300号 table, a clean record over its window.</summary>
    public static Verdict Eligible(TierBuilder b, InnovativeSmeLaw basics, SmeSizeLaw size, EnterpriseProfile p, YearFiling? y, int year, DateOnly asOf) =>
        Verdict.All(
            Common.Resident(b, basics.Resident, p),
            SmeSize(b, b.Tier, size, p, y, year),
            Common.CleanRecord(b, basics.CleanRecordFlags, basics.CleanRecordWindow, p, b.Explains ? basics.CleanRecordPeriod : "", asOf));

    /// <summary>A firm is an SME (300号) when it is below any one limit of its industry's row.</summary>
    public static Verdict SmeSize(TierBuilder b, string tier, SmeSizeLaw law, EnterpriseProfile p, YearFiling? y, int year)
    {
        Verdict v;
        SmeSizeRow? row = null;
        if (p.SizeIndustry is not { } industry) v = Verdict.Unknown(SizeIndustry);
        else if (!law.Rows.Value.TryGetValue(industry, out row)) v = Verdict.Unknown(SizeIndustry);
        else
        {
            static bool? Below(decimal? limit, decimal? value) => limit is not { } l ? false : value is { } x ? x < l : null;
            bool? employees = Below(row.EmployeesBelow, y?.Employees), revenue = Below(row.RevenueBelow, y?.SalesRevenue), assets = Below(row.AssetsBelow, y?.TotalAssets);
            v = employees == true || revenue == true || assets == true ? Verdict.Pass
                : employees is null || revenue is null || assets is null
                    ? new Verdict(null, MissingOf(y, year, ("employees", employees is not null), ("salesRevenue", revenue is not null), ("totalAssets", assets is not null)))
                    : Verdict.Fail;
        }
        return Condition(b, $"{tier}.sme-size", law.Words, v,
            b.Explains ? SizeActual(p.SizeIndustry, row, y) : "",
            b.Explains && row is not null ? SizeThreshold(row) : "按所属行业的划型标准", law.Rows.Citation);
    }

    private static string SizeActual(string? industry, SmeSizeRow? row, YearFiling? y) => industry is null ? "所属行业（划型）未填报"
        : row is null ? $"行业“{industry}”不在划型标准中"
        : $"职工 {(y?.Employees is { } e ? Format.People(e) : "未填报")}，营业收入 {(y?.SalesRevenue is { } r ? Format.Money(r) : "未填报")}，资产 {(y?.TotalAssets is { } a ? Format.Money(a) : "未填报")}";

    private static string SizeThreshold(SmeSizeRow row) => string.Join(" 或 ", new[]
    {
        row.EmployeesBelow is { } e ? $"职工 < {Format.Count(e)} 人" : null,
        row.RevenueBelow is { } r ? $"营业收入 < {Format.Money(r)}" : null,
        row.AssetsBelow is { } a ? $"资产 < {Format.Money(a)}" : null,
    }.Where(x => x is not null));

    /// <summary>Whether the firm holds a valid title at the date: an HNTE certificate for "hnte", else a title record, valid
    /// to its expiry or, without one, for the given years from issue. Null when the titles are not known.</summary>
    public static bool? HoldsTitle(EnterpriseProfile p, string title, DateOnly asOf, int titleYears, int? hnteYears)
    {
        if (title == TierIds.Hnte)
            return p.HnteCertificate?.IssuedOn is { } d && hnteYears is { } years ? LegalTerms.CertificateValid(d, asOf, years) : p.HnteCertificate is null ? false : null;
        if (p.Titles is not { } titles) return null;
        foreach (var t in titles)
            if (t.Title == title && t.IssuedOn is { } issued && issued <= asOf
                && (t.ExpiresOn is { } expires ? asOf <= expires : asOf < LegalTerms.Anniversary(issued, titleYears)))
                return true;
        return false;
    }

    /// <summary>Any of the titles held (<see cref="HoldsTitle"/>), the first held named.</summary>
    public static (bool? Held, string? Which) HoldsAny(EnterpriseProfile p, IReadOnlyList<string> titles, DateOnly asOf, int titleYears, int? hnteYears)
    {
        var unknown = false;
        foreach (var t in titles)
            switch (HoldsTitle(p, t, asOf, titleYears, hnteYears))
            {
                case true: return (true, t);
                case null: unknown = true; break;
            }
        return (unknown ? null : false, null);
    }

    /// <summary>The first calendar year of "近 N 年内" counted back from the data year (T−N+1 … T, and the year of the date).</summary>
    public static int WindowStart(int dataYear, int years) => dataYear - years + 1;

    /// <summary>A science and technology award of one of the levels, in the window, ranked within the rank (null: any rank).</summary>
    public static bool? AwardWithin(EnterpriseProfile p, string level, int fromYear, DateOnly asOf, int? maxRank)
    {
        if (p.Awards is not { } awards) return null;
        var unknown = false;
        foreach (var a in awards)
        {
            if (a.Level != level) continue;
            if (a.AwardedOn is not { } on) { unknown = true; continue; }
            if (on.Year < fromYear || on > asOf) continue;
            if (maxRank is not { } most) return true;
            if (a.Rank is not { } rank) { unknown = true; continue; }
            if (rank <= most) return true;
        }
        return unknown ? null : false;
    }

    /// <summary>In the national top N enterprise group of "创客中国" in the window.</summary>
    public static bool? ContestWithin(EnterpriseProfile p, int top, int fromYear, DateOnly asOf)
    {
        if (p.ContestResults is not { } results) return null;
        foreach (var r in results)
            if (r.Year >= fromYear && r.Year <= asOf.Year && r.NationalTop > 0 && r.NationalTop <= top) return true;
        return false;
    }

    /// <summary>New equity financing paid in by qualified institutional investors in the window: the known sum, and whether a
    /// round's paid-in amount is unknown.</summary>
    public static (decimal Known, bool SomeUnknown) QualifiedFinancing(EnterpriseProfile p, int fromYear, DateOnly asOf)
    {
        var sum = 0m;
        var unknown = false;
        foreach (var r in p.Financing)
        {
            if (r.Date is not { } d || d.Year < fromYear || d > asOf) continue;
            if (r.QualifiedPaidIn is { } paid) sum += paid;
            else unknown = true;
        }
        return (sum, unknown);
    }

    /// <summary>Whether the qualified financing in the window reaches the amount; unknown while an unknown round could decide.</summary>
    public static Verdict FinancingAtLeast(EnterpriseProfile p, int fromYear, DateOnly asOf, decimal amount)
    {
        var (known, unknown) = QualifiedFinancing(p, fromYear, asOf);
        return known >= amount ? Verdict.Pass : unknown ? Verdict.Unknown(QualifiedPaidIn) : Verdict.Fail;
    }

    /// <summary>The firm's R&amp;D institutions recognised by the date, at one of the levels (and of the kind, when given).</summary>
    public static bool? HasInstitution(EnterpriseProfile p, IReadOnlyList<string>? levels, DateOnly asOf, string? kind = null)
    {
        if (p.RdInstitutions is not { } institutions) return null;
        var unknown = false;
        foreach (var i in institutions)
        {
            if (levels is not null && !levels.Contains(i.Level)) continue;
            if (kind is not null && i.Kind != kind) { if (i.Kind is null) unknown = true; continue; }
            if (i.RecognisedOn is { } on && on > asOf) continue;
            return true;
        }
        return unknown ? null : false;
    }

    /// <summary>The points of the highest-level institution (专精特新 #13), or the range while institutions are not known.</summary>
    public static ItemPoints InstitutionPoints(IReadOnlyDictionary<string, decimal> table, int most, EnterpriseProfile p, DateOnly asOf)
    {
        if (p.RdInstitutions is not { } institutions) return new ItemPoints(0, most, RdInstitutionsMissing);
        var best = 0;
        foreach (var i in institutions)
            if ((i.RecognisedOn is not { } on || on <= asOf) && table.TryGetValue(i.Level, out var points)) best = Math.Max(best, (int)points);
        return ItemPoints.Exact(best);
    }

    /// <summary>Whether an IP item counts at the date (附件4): related to the main product; a transferred item only a year
    /// after it was acquired; a Class Ⅱ item only when maintained the years after grant. Null: an attribute is unknown.</summary>
    public static bool? Counts(IpItem item, DateOnly asOf, int transferYears, int class2Years)
    {
        if (item.RelatedToMainProduct == false) return false;
        bool? counts = item.RelatedToMainProduct;
        if (item.SelfDeveloped == false)
        {
            if (item.AcquiredOn is not { } acquired) counts = counts == false ? false : null;
            else if (LegalTerms.Anniversary(acquired, transferYears) > asOf) return false;
        }
        if (item.Class == 2)
        {
            if (item.GrantedOn is not { } granted) counts = counts == false ? false : null;
            else if (LegalTerms.Anniversary(granted, class2Years) > asOf) return false;
        }
        return counts;
    }

    /// <summary>The IP item's points (创新型 #1, 专精特新 #10): the best item counting, as a range while attributes are unknown.</summary>
    public static ItemPoints IpPoints(IpPointsTable t, EnterpriseProfile p, DateOnly asOf)
    {
        if (p.IpItems is not { } items) return new ItemPoints(0, t.HighValue, IpItemsMissing);
        int min = 0, max = 0;
        foreach (var item in items)
        {
            var counts = Counts(item, asOf, t.TransferCountsAfterYears, t.Class2YearsMaintained);
            if (counts == false) continue;
            int least, most;
            if (item.Class == 1)
            {
                least = item.HighValue == true ? t.HighValue : item.SelfDeveloped == true ? t.SelfDeveloped : t.Class1;
                most = item.HighValue != false ? t.HighValue : item.SelfDeveloped != false ? t.SelfDeveloped : t.Class1;
            }
            else if (item.Class == 2) least = most = t.Class2;
            else continue;
            if (counts == true) min = Math.Max(min, least);
            max = Math.Max(max, most);
        }
        return min == max ? ItemPoints.Exact(min) : new ItemPoints(min, max, IpItemsMissing);
    }

    /// <summary>Class Ⅰ items related to the main product and applied with economic benefit (小巨人 新), as the least and most
    /// that count while attributes are unknown; transferred items left out when <paramref name="ownOnly"/>.</summary>
    public static (int Min, int Max) AppliedClass1(EnterpriseProfile p, DateOnly asOf, int transferYears, bool ownOnly)
    {
        if (p.IpItems is not { } items) return (0, int.MaxValue);
        int min = 0, max = 0;
        foreach (var item in items)
        {
            if (item.Class != 1 || item.AppliedWithBenefit == false) continue;
            if (ownOnly && item.SelfDeveloped == false) continue;
            var counts = Counts(item, asOf, transferYears, 0);
            if (counts == false) continue;
            var sure = counts == true && item.AppliedWithBenefit == true && (!ownOnly || item.SelfDeveloped == true);
            if (sure) min++;
            max++;
        }
        return (min, max);
    }

    private static readonly string[] RdInstitutionsMissing = [RdInstitutions], IpItemsMissing = [IpItems];

    /// <summary>A yes/no fact as a verdict; unknown names its input.</summary>
    public static Verdict Fact(bool? value, string input) => value is { } v ? Verdict.Of(v) : Verdict.Unknown(input);

    public static string YesNo(bool? value) => value switch { true => "是", false => "否", null => "未填报" };
}

/// <summary>A criterion's words, written only when its builder explains: an interpolated string's holes are not even
/// evaluated in a screening, and a plain string passes as it is.</summary>
[InterpolatedStringHandler]
internal ref struct Words
{
    private DefaultInterpolatedStringHandler _inner;
    private readonly string? _plain;
    private readonly bool _on;

    public Words(int literalLength, int formattedCount, TierBuilder builder, out bool explains)
    {
        explains = _on = builder.Explains;
        _inner = explains ? new(literalLength, formattedCount) : default;
        _plain = null;
    }

    private Words(string plain)
    {
        _plain = plain;
        _on = true;
        _inner = default;
    }

    public static implicit operator Words(string plain) => new(plain);

    public void AppendLiteral(string s) => _inner.AppendLiteral(s);
    public void AppendFormatted<T>(T value) => _inner.AppendFormatted(value);
    public void AppendFormatted<T>(T value, string? format) => _inner.AppendFormatted(value, format);
    public string ToStringAndClear() => _plain ?? (_on ? _inner.ToStringAndClear() : "");
}
