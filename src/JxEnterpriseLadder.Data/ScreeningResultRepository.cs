using System.Data.Common;
using Dapper;
using JxEnterpriseLadder.Domain;
using JxEnterpriseLadder.Domain.Access;
using JxEnterpriseLadder.Domain.Registry;
using Npgsql;
using NpgsqlTypes;

namespace JxEnterpriseLadder.Data;

/// <summary>One tier's stored result of a screening: outcome, score and the parameter versions read.</summary>
public sealed record AssessmentRow(string CreditCode, DateOnly AsOf, string Tier, string Outcome, int? Score, string Parameters);

/// <summary>An enterprise's place on the ladder at a screening date, with the record version that was assessed.</summary>
public sealed record LadderPosition(string CreditCode, DateOnly AsOf, string? RecognizedTier, string? QualifiedTier, long? RecordVersion = null)
{
    private LadderPosition() : this("", default, null, null) { }
}

/// <summary>
/// The screenings' results (ladder_positions, one per enterprise and date, and tier_results): which enterprises a
/// screening must reassess, and replacing a date's results for a scope or for named enterprises in one transaction.
/// </summary>
public sealed class ScreeningResultRepository(Database db)
{
    public Database Database { get; } = db;

    private static class Sql
    {
        // Incremental screening: enterprises registered by the date whose record moved on since their position at the
        // date was assessed, or that have no position at the date yet.
        public const string StaleAt = """
            SELECT e.credit_code FROM enterprises e
            LEFT JOIN ladder_positions p ON p.as_of = @AsOf AND p.credit_code = e.credit_code
            WHERE e.registered_on <= @AsOf AND (p.credit_code IS NULL OR p.record_version IS NULL OR p.record_version <> e.record_version) AND 
            """ + ScopeSql.Enterprise + " ORDER BY e.credit_code";

        public const string DeletePositions = "DELETE FROM ladder_positions WHERE as_of = @AsOf AND credit_code IN (SELECT e.credit_code FROM enterprises e WHERE " + ScopeSql.Enterprise + ")";
        public const string DeletePositionsOf = "DELETE FROM ladder_positions WHERE as_of = @AsOf AND credit_code IN @Codes";
        public const string DeleteTierResults = "DELETE FROM tier_results WHERE as_of = @AsOf AND credit_code IN (SELECT e.credit_code FROM enterprises e WHERE " + ScopeSql.Enterprise + ")";
        public const string DeleteTierResultsOf = "DELETE FROM tier_results WHERE as_of = @AsOf AND credit_code IN @Codes";
        public static readonly string InsertPosition = Positions.Insert;
        public static readonly string InsertTierResults = TierResultTexts.Insert;
        // After a screening of a scope: which position is now each of its enterprises' latest. New positions come in
        // marked latest (a screening is usually the newest); one grouped pass then flips only the marks that are wrong,
        // so a yearly screening rewrites the previous year's marks and nothing else.
        private const string LatestFix = """
            UPDATE ladder_positions AS l SET latest = CASE WHEN l.as_of = m.newest THEN 1 ELSE 0 END
            FROM (SELECT x.credit_code, MAX(x.as_of) AS newest FROM ladder_positions x WHERE x.credit_code IN (
            """;
        private const string LatestFixEnd = """
            ) GROUP BY x.credit_code) AS m
            WHERE l.credit_code = m.credit_code AND l.latest <> CASE WHEN l.as_of = m.newest THEN 1 ELSE 0 END
            """;
        public const string MarkLatest = LatestFix + "SELECT e.credit_code FROM enterprises e WHERE " + ScopeSql.Enterprise + LatestFixEnd;
        public const string MarkLatestOf = LatestFix + "SELECT c.credit_code FROM enterprises c WHERE c.credit_code IN @Codes" + LatestFixEnd;
        public static readonly string CopyPositions = Positions.Copy;
        public static readonly string CopyTierResults = TierResultTexts.Copy;
    }

    /// <summary>Enterprises of the scope whose stored position at the date is missing or older than their record:
    /// what an incremental screening reassesses.</summary>
    public IReadOnlyList<string> StaleAt(DateOnly asOf, AccessScope scope)
    {
        using var c = Database.Open();
        var args = new DynamicParameters(scope.Parameters);
        args.Add("AsOf", asOf);
        return c.Query<string>(Sql.StaleAt, args, commandTimeout: Database.LongRunning).ToList();
    }

    /// <summary>Replaces the stored screening results of one evaluation date for the enterprises of a scope, in one
    /// transaction: each enterprise's tier results, then its place on the ladder.</summary>
    public void ReplaceScreening(DateOnly asOf, AccessScope scope, IEnumerable<(IReadOnlyList<AssessmentRow> Tiers, LadderPosition Position)> results, int batch = 5000)
    {
        using var c = Database.Open();
        using var tx = c.BeginTransaction();
        var args = new DynamicParameters(scope.Parameters);
        args.Add("AsOf", asOf);
        c.Execute(Sql.DeleteTierResults, args, tx, Database.LongRunning);
        c.Execute(Sql.DeletePositions, args, tx, Database.LongRunning);
        Write(c, tx, results, batch);
        c.Execute(Sql.MarkLatest, new DynamicParameters(scope.Parameters), tx, Database.LongRunning);
        tx.Commit();
    }

    /// <summary>Replaces the screening results of one date for the named enterprises only (an incremental screening),
    /// in one transaction; the results must cover exactly those enterprises that were registered by the date.</summary>
    public void ReplaceScreeningOf(DateOnly asOf, IReadOnlyCollection<string> creditCodes, IEnumerable<(IReadOnlyList<AssessmentRow> Tiers, LadderPosition Position)> results, int batch = 5000)
    {
        using var c = Database.Open();
        using var tx = c.BeginTransaction();
        foreach (var codes in creditCodes.Chunk(1000))
        {
            c.Execute(Database.Dialect(Sql.DeleteTierResultsOf), new { AsOf = asOf, Codes = codes }, tx);
            c.Execute(Database.Dialect(Sql.DeletePositionsOf), new { AsOf = asOf, Codes = codes }, tx);
        }
        Write(c, tx, results, batch);
        foreach (var codes in creditCodes.Chunk(1000)) c.Execute(Database.Dialect(Sql.MarkLatestOf), new { Codes = codes }, tx, Database.LongRunning);
        tx.Commit();
    }

    internal sealed record StoredPosition(string CreditCode, DateOnly AsOf, string? RecognizedTier, string? QualifiedTier, long? RecordVersion,
        int QualifiedTiers, int UndeterminedTiers);
    internal sealed record StoredTierResults(DateOnly AsOf, string CreditCode, string TierResults);

    // The two tables' columns, listed once: a new position is its enterprise's latest (see MarkLatest).
    internal static readonly TableColumns<StoredPosition> Positions = new("ladder_positions",
        Col.Text<StoredPosition>("credit_code", nameof(StoredPosition.CreditCode), p => p.CreditCode), Col.Date<StoredPosition>("as_of", nameof(StoredPosition.AsOf), p => p.AsOf),
        Col.Text<StoredPosition>("recognized_tier", nameof(StoredPosition.RecognizedTier), p => p.RecognizedTier),
        Col.Text<StoredPosition>("qualified_tier", nameof(StoredPosition.QualifiedTier), p => p.QualifiedTier),
        Col.Long<StoredPosition>("record_version", nameof(StoredPosition.RecordVersion), p => p.RecordVersion),
        Col.StartsAtOne<StoredPosition>("latest", "Latest", NpgsqlDbType.Smallint),
        Col.Int<StoredPosition>("qualified_tiers", nameof(StoredPosition.QualifiedTiers), p => p.QualifiedTiers),
        Col.Int<StoredPosition>("undetermined_tiers", nameof(StoredPosition.UndeterminedTiers), p => p.UndeterminedTiers));
    internal static readonly TableColumns<StoredTierResults> TierResultTexts = new("tier_results",
        Col.Date<StoredTierResults>("as_of", nameof(StoredTierResults.AsOf), t => t.AsOf),
        Col.Text<StoredTierResults>("credit_code", nameof(StoredTierResults.CreditCode), t => t.CreditCode),
        Col.Text<StoredTierResults>("results", nameof(StoredTierResults.TierResults), t => t.TierResults));

    private static void Write(DbConnection c, DbTransaction tx, IEnumerable<(IReadOnlyList<AssessmentRow> Tiers, LadderPosition Position)> results, int batch)
    {
        // One position per enterprise (ADR 0010) with its seven outcomes as bits, and beside it, in tier_results, each
        // tier's score and parameter versions as one text; a batch of each in turn, so memory holds one batch.
        foreach (var chunk in results.Chunk(batch))
        {
            var positions = chunk.Select(r => new StoredPosition(r.Position.CreditCode, r.Position.AsOf, r.Position.RecognizedTier,
                r.Position.QualifiedTier, r.Position.RecordVersion, Summaries.Mask(r.Tiers, Outcomes.Qualified), Summaries.Mask(r.Tiers, Outcomes.Undetermined)));
            var texts = chunk.Select(r => new StoredTierResults(r.Position.AsOf, r.Position.CreditCode, TierResults.Encode(r.Tiers)));
            if (c is NpgsqlConnection pg)
            {
                PostgresCopy.Copy(pg, Sql.CopyPositions, positions, Positions.Write);
                PostgresCopy.Copy(pg, Sql.CopyTierResults, texts, TierResultTexts.Write);
                continue;
            }
            c.Execute(Sql.InsertPosition, positions, tx);
            c.Execute(Sql.InsertTierResults, texts, tx);
        }
    }
}
