using System.Data.Common;
using Dapper;
using JxEnterpriseLadder.Domain;
using JxEnterpriseLadder.Domain.Access;
using JxEnterpriseLadder.Domain.Registry;
using Npgsql;
using NpgsqlTypes;

namespace JxEnterpriseLadder.Data;

/// <summary>The registry's counts over the years and cities: what `jxladder stats` and the calibration against the
/// published figures read.</summary>
public sealed class RegistryStatistics(Database db)
{
    public Database Database { get; } = db;

    private static class Sql
    {
        // Qualified enterprises by outcome bits and city; EligibleByTierAndCity splits the bits into tiers.
        public const string QualifiedMasksByCity = """
            SELECT l.qualified_tiers AS Mask, e.city_code AS City, COUNT(*) AS Count
            FROM ladder_positions l JOIN enterprises e ON e.credit_code = l.credit_code
            WHERE l.as_of = @AsOf AND l.qualified_tiers <> 0
            GROUP BY l.qualified_tiers, e.city_code
            """;
        public const string RegisteredTechSmeByYear = "SELECT year AS Year, COUNT(*) AS Count FROM tech_sme_registrations GROUP BY year ORDER BY year";
        public const string ListEntriesByYear = "SELECT tier AS Tier, year AS Year, COUNT(*) AS Count FROM list_entries GROUP BY tier, year ORDER BY year, tier";
        public const string ValidHnteAt = "SELECT COUNT(DISTINCT credit_code) FROM hnte_certificates WHERE issued_on <= @AsOf AND issued_on > @Since AND issued_on <> @ExpiredLeapDay";
        public const string AssessedDates = "SELECT DISTINCT as_of FROM ladder_positions ORDER BY as_of";
        public const string TitlesHeldOn = """
            SELECT COUNT(DISTINCT credit_code) FROM quality_titles
            WHERE title = @Title AND issued_on <= @Day AND expires_on >= @Day AND (review_outcome IS NULL OR review_outcome <> @Withdrawn)
            """;
    }

    public sealed record TierCityCount(string Tier, string City, int Count)
    {
        private TierCityCount() : this("", "", 0) { }
    }
    public sealed record YearCount(int Year, int Count)
    {
        private YearCount() : this(0, 0) { }
    }
    public sealed record TierYearCount(string Tier, int Year, int Count)
    {
        private TierYearCount() : this("", 0, 0) { }
    }

    public IReadOnlyList<TierCityCount> EligibleByTierAndCity(DateOnly asOf)
    {
        using var c = Database.Open();
        return c.Query<(long Mask, string City, long Count)>(Sql.QualifiedMasksByCity, new { AsOf = asOf })
            .SelectMany(m => Summaries.TierOrder.Where(t => (m.Mask & Summaries.Bit(t)) != 0).Select(t => (Tier: t, m.City, m.Count)))
            .GroupBy(x => (x.Tier, x.City))
            .Select(g => new TierCityCount(g.Key.Tier, g.Key.City, checked((int)g.Sum(x => x.Count)))).ToList();
    }

    public IReadOnlyList<YearCount> RegisteredTechSmesByYear()
    {
        using var c = Database.Open();
        return c.Query<YearCount>(Sql.RegisteredTechSmeByYear).ToList();
    }

    public IReadOnlyList<TierYearCount> ListEntriesByYear()
    {
        using var c = Database.Open();
        return c.Query<TierYearCount>(Sql.ListEntriesByYear).ToList();
    }

    /// <summary>Enterprises holding a certificate valid at the date (issued within the validity years before it).</summary>
    public int ValidHnteCount(DateOnly asOf, int validityYears)
    {
        using var c = Database.Open();
        // Valid up to, not including, the anniversary; a 29 Feb certificate's anniversary is 28 Feb (LegalTerms.CertificateValid).
        var since = asOf.AddYears(-validityYears);
        var leapDay = since.Month == 2 && since.Day == 28 && DateTime.IsLeapYear(since.Year) ? since.AddDays(1) : asOf.AddDays(1);
        return c.ExecuteScalar<int>(Sql.ValidHnteAt, new { AsOf = asOf, Since = since, ExpiredLeapDay = leapDay });
    }

    /// <summary>Enterprises holding a title of the second ladder on a day (a withdrawn title is not held).</summary>
    public int TitlesHeldOn(string title, DateOnly day)
    {
        using var c = Database.Open();
        return c.ExecuteScalar<int>(Sql.TitlesHeldOn, new { Title = title, Day = day, Withdrawn = Domain.Registry.QualityTitles.Withdrawn });
    }

    public IReadOnlyList<DateOnly> AssessedDates()
    {
        using var c = Database.Open();
        return c.Query<DateOnly>(Sql.AssessedDates).ToList();
    }
}
