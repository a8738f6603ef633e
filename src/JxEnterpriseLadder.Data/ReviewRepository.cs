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
        public string Change => Outcome == "qualified" ? "newly-qualified" : "no-longer-qualified";
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

        // Changes since each enterprise's screening before this one (a screening may have covered one city only):
        // qualified now and not before (or new), or qualified before and not now.
        public const string Queue = """
            SELECT cur.credit_code AS CreditCode, e.name AS Name, e.city_code AS CityCode, e.park_code AS ParkCode, cur.tier AS Tier,
                   cur.outcome AS Outcome, prev.outcome AS PreviousOutcome, prev.as_of AS PreviousAsOf, cur.parameters AS Parameters,
                   d.decision AS Decision, d.note AS Note, d.decided_by AS DecidedBy, d.decided_at AS DecidedAt
            FROM assessments cur
            JOIN enterprises e ON e.credit_code = cur.credit_code
            LEFT JOIN assessments prev ON prev.credit_code = cur.credit_code AND prev.tier = cur.tier
                  AND prev.as_of = (SELECT MAX(x.as_of) FROM ladder_positions x WHERE x.credit_code = cur.credit_code AND x.as_of < cur.as_of)
            LEFT JOIN review_decisions d ON d.id = (SELECT MAX(x.id) FROM review_decisions x WHERE x.credit_code = cur.credit_code AND x.tier = cur.tier AND x.as_of = cur.as_of)
            WHERE cur.as_of = @AsOf AND (@Tier IS NULL OR cur.tier = @Tier) AND 
            """ + ScopeSql.Enterprise + """
             AND ((cur.outcome = 'qualified' AND (prev.outcome IS NULL OR prev.outcome <> 'qualified'))
               OR (cur.outcome <> 'qualified' AND prev.outcome = 'qualified'))
            ORDER BY cur.tier, e.city_code, e.name, cur.credit_code
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

    public IReadOnlyList<QueueItem> Queue(AccessScope scope, DateOnly asOf, string? tier)
    {
        using var c = db.Open();
        var args = new DynamicParameters(scope.Parameters);
        args.AddDynamicParams(new { AsOf = asOf, Tier = tier });
        return c.Query<QueueItem>(Sql.Queue, args).ToList();
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
