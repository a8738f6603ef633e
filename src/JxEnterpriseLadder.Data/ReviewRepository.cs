using JxEnterpriseLadder.Domain;
using Dapper;
using JxEnterpriseLadder.Domain.Access;
using JxEnterpriseLadder.Domain.Registry;

namespace JxEnterpriseLadder.Data;

/// <summary>
/// The review of screening changes and enterprises' saved self-checks. Both tables are append-only: the app never
/// updates or deletes a row, and the latest decision on a subject is the one that counts. All SQL is in <see cref="Sql"/>.
/// </summary>
public sealed class ReviewRepository(Database db)
{
    public sealed record QueueItem(string CreditCode, string Name, string CityCode, string? ParkCode, string Tier, string Outcome,
        string? PreviousOutcome, DateOnly? PreviousAsOf, string Parameters, string? Decision, string? Note, string? DecidedBy, long? DecidedAt)
    {
        private QueueItem() : this("", "", "", null, "", "", null, null, "", null, null, null, null) { }
        public string Change => Outcome == Outcomes.Qualified ? "newly-qualified" : "no-longer-qualified";
    }

    public sealed record Decision(string CreditCode, string Tier, DateOnly AsOf, DateOnly? PreviousAsOf, string Change, string Verdict,
        string Note, string DecidedBy, long DecidedAt, string Parameters);

    public sealed record DecisionRow(long Id, string CreditCode, string Tier, DateOnly AsOf, DateOnly? PreviousAsOf, string Change,
        string Decision, string Note, string DecidedBy, long DecidedAt, string Parameters)
    {
        private DecisionRow() : this(0, "", "", default, null, "", "", "", "", 0, "") { }
    }

    public sealed record SavedSelfCheck(long Id, string CreditCode, string SavedBy, long SavedAt, string Profile, string Outcomes)
    {
        private SavedSelfCheck() : this(0, "", "", 0, "", "") { }
    }

    private static class Sql
    {
        public const string ScreeningDates = "SELECT DISTINCT as_of FROM ladder_positions ORDER BY as_of";

        // Enterprises whose qualified tiers changed since a screening; QueueItems splits each into its tiers that changed
        // (ADR 0010: one row per enterprise and date). By default each enterprise is compared with its own screening before
        // this one (a screening may have covered one city only); an officer may name one earlier screening for all.
        private const string ChangedFrom = """
            SELECT cur.credit_code AS CreditCode, e.name AS Name, e.city_code AS CityCode, e.park_code AS ParkCode,
                   cur.qualified_tiers AS Qualified, cur.undetermined_tiers AS Undetermined, COALESCE(r.results, '') AS TierResults,
                   prev.as_of AS PreviousAsOf, prev.qualified_tiers AS PreviousQualified, prev.undetermined_tiers AS PreviousUndetermined
            FROM ladder_positions cur
            JOIN enterprises e ON e.credit_code = cur.credit_code
            LEFT JOIN tier_results r ON r.as_of = cur.as_of AND r.credit_code = cur.credit_code
            LEFT JOIN ladder_positions prev ON prev.credit_code = cur.credit_code AND 
            """;
        private const string ChangedWhere = """
             WHERE cur.as_of = @AsOf AND cur.qualified_tiers <> COALESCE(prev.qualified_tiers, 0) AND 
            """ + ScopeSql.Enterprise + " ORDER BY e.city_code, e.name, cur.credit_code";
        public const string Changed = ChangedFrom + "prev.as_of = (SELECT MAX(x.as_of) FROM ladder_positions x WHERE x.credit_code = cur.credit_code AND x.as_of < cur.as_of)" + ChangedWhere;
        public const string ChangedSince = ChangedFrom + "prev.as_of = @Baseline" + ChangedWhere;
        // The decisions on the date's changes, oldest first: the latest on each enterprise and tier counts.
        public const string DecisionsAt = """
            SELECT credit_code AS CreditCode, tier AS Tier, decision AS Decision, note AS Note, decided_by AS DecidedBy, decided_at AS DecidedAt
            FROM review_decisions WHERE as_of = @AsOf ORDER BY id
            """;
        public const string InsertDecision = """
            INSERT INTO review_decisions (credit_code, tier, as_of, previous_as_of, change, decision, note, decided_by, decided_at, parameters)
            VALUES (@CreditCode, @Tier, @AsOf, @PreviousAsOf, @Change, @Verdict, @Note, @DecidedBy, @DecidedAt, @Parameters)
            """;
        public const string DecisionsFor = """
            SELECT id, credit_code, tier, as_of, previous_as_of, change, decision, note, decided_by, decided_at, parameters
            FROM review_decisions WHERE credit_code = @CreditCode ORDER BY id DESC
            """;
        public const string InsertSelfCheck = "INSERT INTO self_checks (credit_code, saved_by, saved_at, profile, outcomes) VALUES (@CreditCode, @SavedBy, @SavedAt, @Profile, @Outcomes)";
        public const string SelfChecksFor = "SELECT id, credit_code, saved_by, saved_at, profile, outcomes FROM self_checks WHERE credit_code = @CreditCode ORDER BY id DESC";
    }

    public IReadOnlyList<DateOnly> ScreeningDates()
    {
        using var c = db.Open();
        return c.Query<DateOnly>(Sql.ScreeningDates).ToList();
    }

    /// <summary>The changes at <paramref name="asOf"/>: against each enterprise's screening before it, or against the
    /// screening of <paramref name="baseline"/> for all.</summary>
    public IReadOnlyList<QueueItem> Queue(AccessScope scope, DateOnly asOf, string? tier, DateOnly? baseline = null)
    {
        using var c = db.Open();
        var args = new DynamicParameters(scope.Parameters);
        args.Add("AsOf", asOf);
        if (baseline is { } b) args.Add("Baseline", b);
        var changed = c.Query<ChangedPosition>(baseline is null ? Sql.Changed : Sql.ChangedSince, args).ToList();
        var decisions = new Dictionary<(string, string), LatestDecision>();
        foreach (var d in c.Query<LatestDecision>(Sql.DecisionsAt, new { AsOf = asOf })) decisions[(d.CreditCode, d.Tier)] = d;
        var items = new List<QueueItem>();
        foreach (var p in changed)
        {
            var results = TierResults.Decode(p.TierResults);
            foreach (var t in Summaries.TierOrder)
            {
                var bit = Summaries.Bit(t);
                if ((tier is not null && t != tier) || (p.Qualified & bit) == (p.PreviousQualified.GetValueOrDefault() & bit)) continue;
                decisions.TryGetValue((p.CreditCode, t), out var d);
                items.Add(new QueueItem(p.CreditCode, p.Name, p.CityCode, p.ParkCode, t, TierResults.Outcome(t, p.Qualified, p.Undetermined),
                    p.PreviousAsOf is null ? null : TierResults.Outcome(t, p.PreviousQualified.GetValueOrDefault(), p.PreviousUndetermined.GetValueOrDefault()),
                    p.PreviousAsOf, results.TryGetValue(t, out var r) ? r.Parameters : "", d?.Decision, d?.Note, d?.DecidedBy, d?.DecidedAt));
            }
        }
        // By tier, then as the database ordered them (city, name in its collation, code): OrderBy is stable.
        return items.OrderBy(i => i.Tier, StringComparer.Ordinal).ToList();
    }

    private sealed record ChangedPosition(string CreditCode, string Name, string CityCode, string? ParkCode, int Qualified, int Undetermined,
        string TierResults, DateOnly? PreviousAsOf, int? PreviousQualified, int? PreviousUndetermined)
    {
        private ChangedPosition() : this("", "", "", null, 0, 0, "", null, null, null) { }
    }

    private sealed record LatestDecision(string CreditCode, string Tier, string Decision, string Note, string DecidedBy, long DecidedAt)
    {
        private LatestDecision() : this("", "", "", "", "", 0) { }
    }

    /// <summary>Appends decisions in one transaction: all or none.</summary>
    public void Record(IReadOnlyCollection<Decision> decisions)
    {
        using var c = db.Open();
        using var tx = c.BeginTransaction();
        c.Execute(Sql.InsertDecision, decisions, tx);
        // A decision is a change of status: the trail has it too, beside the enterprise's other changes.
        foreach (var batch in decisions.GroupBy(d => (d.DecidedBy, d.Note, d.DecidedAt)))
            AuditRepository.Append(c, tx, new AuditStamp(batch.Key.DecidedBy, batch.Key.Note.Length > 0 ? batch.Key.Note : "复核确认"), batch.Key.DecidedAt,
                batch.Select(d => new AuditChange(AuditSubjects.Status, d.CreditCode, $"{d.Tier} {d.AsOf:yyyy-MM-dd}", d.Verdict == "confirmed" ? "confirm" : "reject",
                    RecordDiff.Serialize(new { d.Tier, d.AsOf, d.Change }), RecordDiff.Serialize(new { decision = d.Verdict, d.Note }))));
        tx.Commit();
    }

    public IReadOnlyList<DecisionRow> DecisionsFor(string creditCode)
    {
        using var c = db.Open();
        return c.Query<DecisionRow>(Sql.DecisionsFor, new { CreditCode = creditCode }).ToList();
    }

    public void SaveSelfCheck(string creditCode, string savedBy, long savedAt, string profile, string outcomes)
    {
        using var c = db.Open();
        c.Execute(Sql.InsertSelfCheck, new { CreditCode = creditCode, SavedBy = savedBy, SavedAt = savedAt, Profile = profile, Outcomes = outcomes });
    }

    public IReadOnlyList<SavedSelfCheck> SelfChecksFor(string creditCode)
    {
        using var c = db.Open();
        return c.Query<SavedSelfCheck>(Sql.SelfChecksFor, new { CreditCode = creditCode }).ToList();
    }
}
