using JxEnterpriseLadder.Domain.Profiles;

namespace JxEnterpriseLadder.Rules.Engine;

/// <summary>One small function per legal term shared by several tiers (criteria.md, "Definitions").</summary>
public static class LegalTerms
{
    /// <summary>Data year: the latest complete fiscal year before the evaluation date (fiscal year = calendar year).</summary>
    public static int DataYear(DateOnly asOf) => asOf.Year - 1;

    /// <summary>"Within N years" of registration: on or before the N-th anniversary (29 Feb → 28 Feb).</summary>
    public static bool WithinYearsOfRegistration(DateOnly registeredOn, DateOnly asOf, int years) =>
        asOf <= Anniversary(registeredOn, years);

    /// <summary>The date <paramref name="years"/> later (29 Feb → 28 Feb); past the calendar's end, its last day, so that
    /// no date, however far off, makes a rule throw.</summary>
    public static DateOnly Anniversary(DateOnly date, int years) =>
        date.Year + years <= DateOnly.MaxValue.Year ? date.AddYears(years) : DateOnly.MaxValue;

    /// <summary>The date <paramref name="days"/> later, or the calendar's last day.</summary>
    public static DateOnly DaysLater(DateOnly date, int days) =>
        DateOnly.MaxValue.DayNumber - date.DayNumber >= days ? date.AddDays(days) : DateOnly.MaxValue;

    public static int DaysSinceRegistration(DateOnly registeredOn, DateOnly asOf) => asOf.DayNumber - registeredOn.DayNumber;

    /// <summary>Valid from the issue date up to, not including, the anniversary <paramref name="years"/> later.</summary>
    public static bool CertificateValid(DateOnly issuedOn, DateOnly asOf, int years) =>
        issuedOn <= asOf && asOf < Anniversary(issuedOn, years);

    /// <summary>Exact test of a compound annual growth rate: end ≥ start × (1 + rate)^years, in decimals.</summary>
    public static bool MeetsCagr(decimal start, decimal end, decimal rate, int years)
    {
        if (start <= 0) return false;
        var factor = 1m;
        for (var i = 0; i < years; i++) factor *= 1m + rate;
        return end >= start * factor;
    }

    /// <summary>The smallest end value that meets a CAGR from a start value.</summary>
    public static decimal CagrTarget(decimal start, decimal rate, int years)
    {
        var factor = 1m;
        for (var i = 0; i < years; i++) factor *= 1m + rate;
        return start * factor;
    }

    /// <summary>CAGR = (end ÷ start)^(1/years) − 1, for display; null when start ≤ 0.</summary>
    public static decimal? Cagr(decimal start, decimal end, int years) =>
        start <= 0 || end < 0 ? null : (decimal)Math.Pow((double)(end / start), 1.0 / years) - 1m;

    /// <summary>
    /// HNTE growth (工作指引 "成长性指标"): ½ × (V2 ÷ V1 + V3 ÷ V2) − 1 over the last three fiscal years.
    /// Edge cases (criteria.md §2.2): V1 = 0 → years 2–3 only; fewer years of operation → the actual years;
    /// only one year → no growth; V2 ≤ 0 → no growth. Null means "no points" (0), not missing.
    /// </summary>
    public static decimal? HnteGrowth(decimal? v1, decimal v2, decimal v3, bool hasYear1)
    {
        if (v2 <= 0) return null;
        if (!hasYear1 || v1 is null || v1 == 0) return v3 / v2 - 1m;
        return (v2 / v1.Value + v3 / v2) / 2m - 1m;
    }

    /// <summary>The same growth in doubles, to place it in a band far from the band's edges without dividing in decimals;
    /// <paramref name="margin"/> bounds its distance from the decimal value (a few parts in 10¹⁶ of each term, widely).</summary>
    internal static double? HnteGrowthEstimate(decimal? v1, decimal v2, decimal v3, bool hasYear1, out double margin)
    {
        margin = 0;
        if (v2 <= 0) return null;
        double second = (double)v2, third = (double)v3;
        var late = third / second;
        if (!hasYear1 || v1 is null || v1 == 0)
        {
            margin = 1e-12 * (Math.Abs(late) + 1);
            return late - 1;
        }
        var early = second / (double)v1.Value;
        margin = 1e-12 * (Math.Abs(early) + Math.Abs(late) + 1);
        return (early + late) / 2 - 1;
    }

    /// <summary>Net assets = total assets − total liabilities.</summary>
    public static decimal? NetAssets(YearFiling? y) =>
        y?.TotalAssets is { } a && y.TotalLiabilities is { } l ? a - l : null;

    /// <summary>First fiscal year of operation: the registration year.</summary>
    public static int FirstFiscalYear(DateOnly registeredOn) => registeredOn.Year;
}
