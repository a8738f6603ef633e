namespace JxEnterpriseLadder.Domain.Registry;

/// <summary>
/// The plausible range of any date the registry or the API takes: from the founding of the People's Republic (no
/// enterprise in the registry's law is older) to a year after the evaluation date (a registration or a certificate
/// dated a little ahead is a typing slip worth taking; 9999-12-31 is not). Not a number of the law, so not a parameter.
/// </summary>
public static class InputRanges
{
    public static readonly DateOnly EarliestDate = new(1949, 10, 1);

    public static DateOnly LatestDate(DateOnly asOf) => asOf.Year < DateOnly.MaxValue.Year ? asOf.AddYears(1) : DateOnly.MaxValue;

    /// <summary>The last day an expiry date (an IP item's end of validity, which lies ahead by nature) may take.</summary>
    public static readonly DateOnly LatestExpiry = new(2100, 12, 31);

    public static string? ExpiryProblem(DateOnly date) =>
        date >= EarliestDate && date <= LatestExpiry
            ? null
            : $"日期 {date:yyyy-MM-dd} 不在 {EarliestDate:yyyy-MM-dd} 至 {LatestExpiry:yyyy-MM-dd} 之间 (a date between {EarliestDate:yyyy-MM-dd} and {LatestExpiry:yyyy-MM-dd})";

    /// <summary>The evaluation dates the API and the CLI take: the registry's years (1949–2100).</summary>
    public static string? AsOfProblem(DateOnly asOf) =>
        asOf >= EarliestDate && asOf.Year <= 2100 ? null : $"asOf {asOf:yyyy-MM-dd} must be between {EarliestDate:yyyy-MM-dd} and 2100-12-31";

    /// <summary>Null when the date is in range; otherwise the reason, in Chinese and English.</summary>
    public static string? DateProblem(DateOnly date, DateOnly asOf) =>
        date >= EarliestDate && date <= LatestDate(asOf)
            ? null
            : $"日期 {date:yyyy-MM-dd} 不在 {EarliestDate:yyyy-MM-dd} 至 {LatestDate(asOf):yyyy-MM-dd} 之间 (a date between {EarliestDate:yyyy-MM-dd} and {LatestDate(asOf):yyyy-MM-dd})";

    /// <summary>The year of something that has happened (an award, a recognised institution, a standard led): from 1949 to
    /// the evaluation date's year. Null when in range; otherwise the reason, in Chinese and English.</summary>
    public static string? PastYearProblem(int year, DateOnly asOf) =>
        year >= EarliestDate.Year && year <= asOf.Year
            ? null
            : $"年份 {year} 不在 {EarliestDate.Year} 至 {asOf.Year} 之间 (a year between {EarliestDate.Year} and {asOf.Year})";
}
