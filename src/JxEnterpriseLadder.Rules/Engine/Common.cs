using JxEnterpriseLadder.Domain.Profiles;

namespace JxEnterpriseLadder.Rules.Engine;

/// <summary>Points of one score item: a range when an input or an expert grade is unknown.</summary>
internal readonly record struct ItemPoints(int Min, int Max, IReadOnlyList<string> Missing)
{
    public static ItemPoints Exact(int points) => new(points, points, []);
    public bool Known => Min == Max;
}

/// <summary>Conditions shared by several tiers, each a small named function.</summary>
internal static class Common
{
    public static Band BandFor(IReadOnlyList<Band> bands, decimal value)
    {
        for (var i = 0; i < bands.Count; i++) if (bands[i].Admits(value)) return bands[i];
        throw new InvalidDataException("band table does not admit " + value);
    }

    internal static Band BandFor(IReadOnlyList<Band> bands, Ratio value)
    {
        for (var i = 0; i < bands.Count; i++) if (bands[i].Admits(value)) return bands[i];
        throw new InvalidDataException("band table does not admit " + value.Value);
    }

    /// <summary>The band of a value known as an estimate within a margin, or null when an edge it is tested against lies
    /// within the margin (the exact value must decide).</summary>
    public static Band? BandClearOf(IReadOnlyList<Band> bands, double estimate, double margin)
    {
        for (var i = 0; i < bands.Count; i++)
        {
            var band = bands[i];
            var admits = true;
            if (band.AtLeast is { } least && Estimate.Side(estimate, margin, least) is var below) { if (below == 0) return null; admits = below > 0; }
            if (admits && band.Above is { } above && Estimate.Side(estimate, margin, above) is var over) { if (over == 0) return null; admits = over > 0; }
            if (admits && band.AtMost is { } most && Estimate.Side(estimate, margin, most) is var beyond) { if (beyond == 0) return null; admits = beyond < 0; }
            if (admits) return band;
        }
        return null;
    }

    /// <summary>The inputs the items (or the unknown ones only) still need, each once, in the items' order.</summary>
    public static IReadOnlyList<string> MissingOf(ReadOnlySpan<ItemPoints> items, bool unknownOnly)
    {
        // One contributing item gives its own list (the usual case); several are merged, each input once, in order.
        IReadOnlyList<string>? only = null;
        var contributing = 0;
        foreach (var x in items)
            if ((!unknownOnly || !x.Known) && x.Missing.Count > 0) { contributing++; only = x.Missing; }
        if (contributing == 0) return [];
        if (contributing == 1 && only!.Count == 1) return only;
        List<string>? missing = null;
        foreach (var x in items)
            if (!unknownOnly || !x.Known)
                for (var i = 0; i < x.Missing.Count; i++)
                    if (!(missing ??= []).Contains(x.Missing[i])) missing.Add(x.Missing[i]);
        return missing!.ToArray();
    }

    /// <summary>In the deterministic screen a band "7–8" counts its lower end; the self-check may show the range.</summary>
    public static ItemPoints Points(Band band, BandPointsMode mode) =>
        mode == BandPointsMode.Range ? new(band.PointsMin, band.PointsMax, []) : ItemPoints.Exact(band.PointsMin);

    /// <summary>The lowest bound in a table that yields at least <paramref name="points"/>, or null if none does.</summary>
    public static decimal? SmallestBoundFor(IReadOnlyList<Band> bands, int points)
    {
        decimal? best = null;
        foreach (var b in bands)
            if (b.PointsMin >= points && b.Bound is { } bound && (best is null || bound < best)) best = bound;
        return best;
    }

    public static string BandTable(IReadOnlyList<Band> bands, Func<decimal, string> format) =>
        string.Join("；", bands.Select(b => $"{b.BoundText(format)} → {b.PointsText}分"));

    /// <summary>Resident enterprise registered in Jiangxi: assumed unless the profile says otherwise (criteria.md).</summary>
    public static Verdict Resident(TierBuilder b, Cited<bool> rule, EnterpriseProfile p) => b.Add(p.Resident ?? true, (b.Tier, p.Resident, rule), static s => new Criterion
    {
        Id = $"{s.Tier}.resident",
        Label = "在江西注册的居民企业",
        Actual = s.Resident switch { true => "是", false => "否", null => "是（默认假定）" },
        Threshold = "是",
        Source = s.rule.Citation,
    });

    public static Verdict NotProhibitedIndustry(TierBuilder b, Cited<bool> rule, EnterpriseProfile p) => b.Add(!(p.ProhibitedIndustry ?? false), (b.Tier, p.ProhibitedIndustry, rule), static s => new Criterion
    {
        Id = $"{s.Tier}.industry",
        Label = "不属于国家禁止、限制和淘汰类产业",
        Actual = s.ProhibitedIndustry switch { true => "属于", false => "不属于", null => "不属于（默认假定）" },
        Threshold = "不属于",
        Source = s.rule.Citation,
    });

    /// <summary>No flag of the listed clean-record events; an unknown flag is a missing input.</summary>
    public static Verdict CleanRecord(TierBuilder b, Cited<CleanRecordFlags> cleanRecordFlags, Cited<LookBack> window,
        EnterpriseProfile p, string period, DateOnly asOf)
    {
        var kinds = cleanRecordFlags.Value.Kinds;
        var since = window.Value.Start(asOf);
        List<string>? hits = null, missing = null;
        for (var i = 0; i < kinds.Length; i++)
        {
            var kind = kinds[i];
            // A flag answered in the profile wins; otherwise the dated events inside this tier's window decide.
            var flag = Inputs.CleanFlag(p, kind) ?? OccurredWithin(p.CleanRecordEvents, Inputs.CleanFlagNames[kind], since, asOf);
            switch (flag)
            {
                case true: (hits ??= []).Add(Inputs.CleanLabels[Inputs.CleanFlagNames[kind]]); break;
                case null: (missing ??= []).Add(Inputs.CleanPaths[kind]); break;
            }
        }
        bool? passed = hits is not null ? false : missing is not null ? null : true;
        return b.Add(passed, passed is null ? missing! : [], b.Explains ? CleanRecordWords(b.Tier, cleanRecordFlags, period, hits, missing) : null);
    }

    // Apart from the verdict, so that a screening does not even make the closure.
    private static Func<Criterion> CleanRecordWords(string tier, Cited<CleanRecordFlags> flags, string period, List<string>? hits, List<string>? missing) =>
        () => new Criterion
        {
            Id = $"{tier}.clean-record",
            Label = $"{period}无以下情形：" + string.Join("、", flags.Value.Names.Select(f => Inputs.CleanLabels[f])),
            Actual = hits is not null ? "有：" + string.Join("、", hits) : missing is not null ? $"{missing.Count} 项未填报" : "无",
            Threshold = "均无",
            Source = flags.Citation,
        };

    /// <summary>Whether an event of the flag occurred in the window; null when the profile lists no events at all.</summary>
    private static bool? OccurredWithin(IReadOnlyList<CleanRecordEventInput>? events, string flag, DateOnly since, DateOnly asOf)
    {
        if (events is null) return null;
        for (var i = 0; i < events.Count; i++)
            if (events[i] is var e && e.Flag == flag && e.OccurredOn >= since && e.OccurredOn <= asOf) return true;
        return false;
    }

    public static Criterion MissingCriterion(string id, string label, string threshold, SourceReference source) => new()
    {
        Id = id, Label = label, Threshold = threshold, Passed = null, Source = source.ToString(),
        Actual = "未填报",
    };

    /// <summary>Missing paths for the given fields of a year's filing (none: an empty array, no allocation).</summary>
    public static string[] MissingFields(YearFiling? y, int year, string name1, bool known1, string name2, bool known2)
    {
        var first = y is null || !known1;
        var second = y is null || !known2;
        return (first, second) switch
        {
            (false, false) => [],
            (true, false) => [Inputs.Year(year, name1)],
            (false, true) => [Inputs.Year(year, name2)],
            _ => [Inputs.Year(year, name1), Inputs.Year(year, name2)],
        };
    }
}

/// <summary>The clean-record events a tier looks for, as its file names them, each bound once to the profile's field.</summary>
public sealed class CleanRecordFlags
{
    public CleanRecordFlags(IReadOnlyList<string> names)
    {
        Names = names;
        Kinds = names.Select(n => Array.IndexOf(Inputs.CleanFlagNames, n) is var k and >= 0 ? k
            : throw new FormatException($"'{n}' is not a clean-record flag")).ToArray();
    }

    public IReadOnlyList<string> Names { get; }

    /// <summary>Each name's kind, in order (<see cref="Inputs.CleanFlagNames"/>).</summary>
    internal int[] Kinds { get; }

    public override string ToString() => string.Join(", ", Names);
}

public readonly record struct LookBack(LookBackUnit Unit, int Count)
{
    public static LookBack Of(IReadOnlyDictionary<string, decimal> window) =>
        window.TryGetValue("calendarYearsBefore", out var c) ? new(LookBackUnit.CalendarYearsBefore, (int)c)
        : window.TryGetValue("days", out var d) ? new(LookBackUnit.Days, (int)d)
        : window.TryGetValue("years", out var y) ? new(LookBackUnit.Years, (int)y)
        : throw new FormatException("a look-back window needs calendarYearsBefore, days or years");

    /// <summary>The window as a criterion's words, after what it is counted back from ("填报" → "填报上一年及当年";
    /// "申请认定" → "申请认定前一年内"): the years are the file's, never written in code.</summary>
    public string Words(string countedFrom) => Unit switch
    {
        LookBackUnit.CalendarYearsBefore => Count == 1 ? $"{countedFrom}上一年及当年" : $"{countedFrom}前{Format.ChineseCount(Count)}年及当年",
        LookBackUnit.Days => Count % 365 == 0 ? $"{countedFrom}前{Format.ChineseCount(Count / 365)}年内" : $"{countedFrom}前 {Count} 天内",
        _ => $"{countedFrom}前{Format.ChineseCount(Count)}年内",
    };

    /// <summary>The window's first day; clamped at the calendar's first day, so that no evaluation date makes a rule throw.</summary>
    public DateOnly Start(DateOnly asOf) => Unit switch
    {
        LookBackUnit.CalendarYearsBefore => asOf.Year - Count >= 1 ? new DateOnly(asOf.Year - Count, 1, 1) : DateOnly.MinValue,
        LookBackUnit.Days => asOf.DayNumber >= Count ? asOf.AddDays(-Count) : DateOnly.MinValue,
        _ => asOf.Year - Count >= 1 ? asOf.AddYears(-Count) : DateOnly.MinValue,
    };
}

public enum LookBackUnit { CalendarYearsBefore, Days, Years }

public enum BandPointsMode
{
    /// <summary>A band "7–8" counts 7: the deterministic screen.</summary>
    Lower,
    /// <summary>A band "7–8" counts 7 to 8: a self-check shows the range.</summary>
    Range,
}
