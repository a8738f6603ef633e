using JxEnterpriseLadder.Domain.Registry;
using System.Data.Common;
using Dapper;
using JxEnterpriseLadder.Domain;

namespace JxEnterpriseLadder.Data;

/// <summary>
/// What the search and the dashboard read instead of whole tables (ADR 0009), kept by the writers in the same
/// transaction as the change:
/// <list type="bullet">
/// <item><c>recognition_counts</c>: registrations, certificates, list entries and the titles held at each year's end, per
/// year, city, park, chain and measure;</item>
/// <item><c>prediction_totals</c>: per base year, target group, city and park, the candidates, the sum of their
/// probabilities and of their variances;</item>
/// <item><c>best_probabilities</c>: one row per enterprise, its highest probability in the latest prediction year;</item>
/// <item><c>ladder_positions.qualified_tiers</c> and <c>undetermined_tiers</c>: a position's outcomes, one bit per tier.</item>
/// </list>
/// The counts are kept by difference: a writer subtracts the enterprises' contributions before it changes them and adds
/// them back after, so an import of a few rows costs a few rows, whatever the registry's size.
/// </summary>
internal static class Summaries
{
    /// <summary>A tier's bit in the outcome masks: its place in the one tier vocabulary (<see cref="TierIds.All"/>).</summary>
    public static IReadOnlyList<string> TierOrder => TierIds.All;

    public static int Bit(string? tier)
    {
        for (var i = 0; i < TierOrder.Count; i++)
            if (TierOrder[i] == tier) return 1 << i;
        return 0;
    }

    /// <summary>The tiers whose outcome is <paramref name="outcome"/>, as a mask.</summary>
    public static int Mask(IEnumerable<AssessmentRow> tiers, string outcome) =>
        tiers.Where(t => t.Outcome == outcome).Aggregate(0, (m, t) => m | Bit(t.Tier));

    /// <summary>Each title with each year at whose end it was held (the targets count valid titles at year end):
    /// its issue year and the next ones, up to <see cref="QualityTitles.MaxValidityYears"/>, while the year's last
    /// day is not past its expiry. Dates compare as ISO text in both dialects.</summary>
    public static readonly string TitleYearEnds = $"""
        SELECT q.credit_code, q.title, CAST(SUBSTR(CAST(q.issued_on AS TEXT), 1, 4) AS INTEGER) + k.n AS year_end
        FROM quality_titles q
        CROSS JOIN ({string.Join(" UNION ALL ", Enumerable.Range(0, QualityTitles.MaxValidityYears + 1).Select(n => $"SELECT {n} AS n"))}) k
        WHERE (q.review_outcome IS NULL OR q.review_outcome <> '{QualityTitles.Withdrawn}')
          AND CAST(CAST(SUBSTR(CAST(q.issued_on AS TEXT), 1, 4) AS INTEGER) + k.n AS TEXT) || '-12-31' <= CAST(q.expires_on AS TEXT)
        """;

    private static class Sql
    {
        // One row per recognition with its enterprise's place; {0} picks the enterprises.
        private static readonly string Recognitions = """
            SELECT r.year AS year, e.city_code AS city_code, COALESCE(e.park_code, '') AS park_code, COALESCE(e.chain_code, '') AS chain_code, 'tech-sme' AS measure
            FROM tech_sme_registrations r JOIN enterprises e ON e.credit_code = r.credit_code WHERE {0}
            UNION ALL SELECT l.year, e.city_code, COALESCE(e.park_code, ''), COALESCE(e.chain_code, ''), l.tier
            FROM list_entries l JOIN enterprises e ON e.credit_code = l.credit_code WHERE {0}
            UNION ALL SELECT CAST(SUBSTR(CAST(h.issued_on AS TEXT), 1, 4) AS INTEGER), e.city_code, COALESCE(e.park_code, ''), COALESCE(e.chain_code, ''), 'hnte'
            FROM hnte_certificates h JOIN enterprises e ON e.credit_code = h.credit_code WHERE {0}
            UNION ALL SELECT t.year_end, e.city_code, COALESCE(e.park_code, ''), COALESCE(e.chain_code, ''), t.title
            FROM (
            """ + TitleYearEnds + """
            ) t JOIN enterprises e ON e.credit_code = t.credit_code WHERE {0}
            """;


        public static string AddRecognitions(string where) => $"""
            INSERT INTO recognition_counts (year, city_code, park_code, chain_code, measure, count)
            SELECT x.year, x.city_code, x.park_code, x.chain_code, x.measure, @Sign * COUNT(*)
            FROM ({Recognitions.Replace("{0}", where, StringComparison.Ordinal)}) AS x
            GROUP BY x.year, x.city_code, x.park_code, x.chain_code, x.measure
            ON CONFLICT (year, city_code, park_code, chain_code, measure) DO UPDATE SET count = recognition_counts.count + excluded.count
            """;

        public static string AddPredictions(string where) => $"""
            INSERT INTO prediction_totals (base_year, target_group, city_code, park_code, pool, expected, variance)
            SELECT p.base_year, p.target_group, e.city_code, COALESCE(e.park_code, ''),
                   @Sign * COUNT(*), @Sign * SUM(p.probability), @Sign * SUM(p.probability * (1 - p.probability))
            FROM predictions p JOIN enterprises e ON e.credit_code = p.credit_code WHERE {where}
            GROUP BY p.base_year, p.target_group, e.city_code, COALESCE(e.park_code, '')
            ON CONFLICT (base_year, target_group, city_code, park_code) DO UPDATE SET pool = prediction_totals.pool + excluded.pool,
                expected = prediction_totals.expected + excluded.expected, variance = prediction_totals.variance + excluded.variance
            """;

        public const string DropEmpty = "DELETE FROM recognition_counts WHERE count = 0; DELETE FROM prediction_totals WHERE pool = 0";
        public const string Clear = "DELETE FROM recognition_counts; DELETE FROM prediction_totals";
        public const string ClearPredictions = "DELETE FROM prediction_totals WHERE base_year = @BaseYear";

        // Every enterprise has its row (none yet: null), added with the enterprise.
        public static string AddBestRows(string where) =>
            $"INSERT INTO best_probabilities (credit_code, probability) SELECT e.credit_code, NULL FROM enterprises e WHERE {where} ON CONFLICT (credit_code) DO NOTHING";

        // The latest prediction year's best probability per enterprise, written only where it differs.
        public static string BestProbability(string where, DatabaseProvider provider) => $"""
            UPDATE best_probabilities SET probability = b.p
            FROM (SELECT x.credit_code, MAX(p.probability) AS p FROM best_probabilities x
                  LEFT JOIN predictions p ON p.credit_code = x.credit_code AND p.base_year = (SELECT MAX(y.base_year) FROM predictions y)
                  WHERE {where} GROUP BY x.credit_code) AS b
            WHERE best_probabilities.credit_code = b.credit_code AND best_probabilities.probability {(provider == DatabaseProvider.Postgres ? "IS DISTINCT FROM" : "IS NOT")} b.p
            """;

    }

    private const string AllEnterprises = "1 = 1";

    /// <summary>Every summary from the registry as it is (migration 0007, a bulk load into an empty registry).</summary>
    public static void RebuildAll(Database db, DbConnection c, DbTransaction tx)
    {
        c.Execute(Sql.Clear, transaction: tx);
        c.Execute(Sql.AddBestRows(AllEnterprises), transaction: tx, commandTimeout: Database.LongRunning);
        c.Execute(Sql.AddRecognitions(AllEnterprises), new { Sign = 1 }, tx, Database.LongRunning);
        c.Execute(Sql.AddPredictions(AllEnterprises), new { Sign = 1 }, tx, Database.LongRunning);
        c.Execute(Sql.BestProbability(AllEnterprises, db.Provider), transaction: tx, commandTimeout: Database.LongRunning);
    }

    /// <summary>Takes the enterprises' recognitions and predictions out of the counts: call before changing them.</summary>
    public static void Subtract(Database db, DbConnection c, DbTransaction tx, IReadOnlyCollection<string> creditCodes) => Count(db, c, tx, creditCodes, -1);

    /// <summary>Puts the enterprises' recognitions and predictions into the counts: call after changing them.</summary>
    public static void Add(Database db, DbConnection c, DbTransaction tx, IReadOnlyCollection<string> creditCodes)
    {
        Count(db, c, tx, creditCodes, 1);
        c.Execute(Sql.DropEmpty, transaction: tx);
    }

    /// <summary>New enterprises: their best-probability rows (none yet), then their counts.</summary>
    public static void AddNew(Database db, DbConnection c, DbTransaction tx, IReadOnlyCollection<string> creditCodes)
    {
        foreach (var codes in creditCodes.Chunk(1000))
            c.Execute(db.Dialect(Sql.AddBestRows("e.credit_code IN @Codes")), new { Codes = codes }, tx);
        Add(db, c, tx, creditCodes);
    }

    private static void Count(Database db, DbConnection c, DbTransaction tx, IReadOnlyCollection<string> creditCodes, int sign)
    {
        foreach (var codes in creditCodes.Chunk(1000))
        {
            c.Execute(db.Dialect(Sql.AddRecognitions("e.credit_code IN @Codes")), new { Sign = sign, Codes = codes }, tx);
            c.Execute(db.Dialect(Sql.AddPredictions("e.credit_code IN @Codes")), new { Sign = sign, Codes = codes }, tx);
        }
    }

    /// <summary>After a base year's predictions were replaced whole: its totals, and every best probability.</summary>
    public static void PredictionsReplaced(Database db, DbConnection c, DbTransaction tx, int baseYear)
    {
        c.Execute(Sql.ClearPredictions, new { BaseYear = baseYear }, tx);
        c.Execute(Sql.AddPredictions("p.base_year = @BaseYear"), new { Sign = 1, BaseYear = baseYear }, tx, Database.LongRunning);
        c.Execute(Sql.DropEmpty, transaction: tx);
        c.Execute(Sql.BestProbability(AllEnterprises, db.Provider), transaction: tx, commandTimeout: Database.LongRunning);
    }

    /// <summary>After some enterprises' predictions were replaced (their totals subtracted before and added after): their best probability.</summary>
    public static void BestProbabilityOf(Database db, DbConnection c, DbTransaction tx, IReadOnlyCollection<string> creditCodes)
    {
        foreach (var codes in creditCodes.Chunk(1000))
            c.Execute(db.Dialect(Sql.BestProbability("x.credit_code IN @Codes", db.Provider)), new { Codes = codes }, tx);
    }
}
