using System.Data.Common;
using Dapper;
using JxEnterpriseLadder.Domain.Access;
using JxEnterpriseLadder.Domain.Registry;
using Npgsql;
using NpgsqlTypes;

namespace JxEnterpriseLadder.Data;

/// <summary>
/// The audit trail (table audit_trail): appended inside the transaction of the change it records, read per enterprise
/// or streamed for export within a scope. There is no update or delete here, and the database refuses both. All its
/// SQL is in <see cref="Sql"/>.
/// </summary>
public sealed class AuditRepository(Database db)
{
    private static class Sql
    {
        public const string Columns = "changed_at, actor, subject, credit_code, subject_key, action, before_value, after_value, reason";
        public const string Insert = "INSERT INTO audit_trail (" + Columns + ") VALUES (@ChangedAt, @Actor, @Subject, @CreditCode, @SubjectKey, @Action, @BeforeValue, @AfterValue, @Reason)";
        public const string Copy = "COPY audit_trail (" + Columns + ") FROM STDIN (FORMAT BINARY)";
        public const string Select = "SELECT t.id, t.changed_at, t.actor, t.subject, t.credit_code, t.subject_key, t.action, t.before_value, t.after_value, t.reason FROM audit_trail t";
        public const string ForEnterprise = Select + " WHERE t.credit_code = @CreditCode ORDER BY t.id DESC LIMIT @Limit";
        // Within a scope: an enterprise's entries where the enterprise is in the scope; entries about no enterprise
        // (parameters, whole-registry loads) for the province-wide only.
        public const string InScope = Select + """
             LEFT JOIN enterprises e ON e.credit_code = t.credit_code
             WHERE t.id > @After AND ((t.credit_code IS NULL AND @ScopeCity IS NULL AND @ScopePark IS NULL AND @ScopeCredit IS NULL)
                OR (e.credit_code IS NOT NULL AND 
            """ + ScopeSql.Enterprise + ")) ORDER BY t.id LIMIT @Limit";
        public const string Latest = Select + " WHERE t.subject = @Subject AND t.subject_key = @SubjectKey ORDER BY t.id DESC LIMIT 1";
    }

    /// <summary>Appends entries within the caller's transaction, so a change and its trail commit or roll back together.</summary>
    internal static void Append(DbConnection c, DbTransaction tx, AuditStamp stamp, long at, IEnumerable<AuditChange> changes)
    {
        var rows = changes.Select(x => new AuditEntry(0, at, stamp.Actor, x.Subject, x.CreditCode, x.SubjectKey, x.Action, x.BeforeValue, x.AfterValue, stamp.Reason));
        if (c is NpgsqlConnection pg)
        {
            PostgresCopy.Copy(pg, Sql.Copy, rows, (w, r) =>
            {
                w.Write(r.ChangedAt, NpgsqlDbType.Bigint); w.Write(r.Actor, NpgsqlDbType.Text); w.Write(r.Subject, NpgsqlDbType.Text);
                PostgresCopy.Text(w, r.CreditCode); w.Write(r.SubjectKey, NpgsqlDbType.Text); w.Write(r.Action, NpgsqlDbType.Text);
                PostgresCopy.Text(w, r.BeforeValue); PostgresCopy.Text(w, r.AfterValue); w.Write(r.Reason, NpgsqlDbType.Text);
            });
            return;
        }
        foreach (var chunk in rows.Chunk(5000)) c.Execute(Sql.Insert, chunk, tx);
    }

    /// <summary>Appends entries in a transaction of their own (a parameter change noticed at start).</summary>
    public void Append(AuditStamp stamp, long at, IReadOnlyCollection<AuditChange> changes)
    {
        using var c = db.Open();
        using var tx = c.BeginTransaction();
        Append(c, tx, stamp, at, changes);
        tx.Commit();
    }

    /// <summary>One enterprise's trail, newest first. The caller has checked the enterprise is in its scope.</summary>
    public IReadOnlyList<AuditEntry> For(string creditCode, int limit = 500)
    {
        using var c = db.Open();
        return c.Query<AuditEntry>(Sql.ForEnterprise, new { CreditCode = creditCode, Limit = limit }).ToList();
    }

    /// <summary>The latest entry about a subject and key (the last recorded version of a parameter file), or null.</summary>
    public AuditEntry? Latest(string subject, string subjectKey)
    {
        using var c = db.Open();
        return c.QuerySingleOrDefault<AuditEntry>(Sql.Latest, new { Subject = subject, SubjectKey = subjectKey });
    }

    /// <summary>The whole trail within a scope, oldest first, a page at a time: for export.</summary>
    public IEnumerable<AuditEntry> Stream(AccessScope scope, int pageSize = 5000)
    {
        long after = 0;
        using var c = db.Open();
        while (true)
        {
            var args = new DynamicParameters(scope.Parameters);
            args.AddDynamicParams(new { After = after, Limit = pageSize });
            var page = c.Query<AuditEntry>(Sql.InScope, args).ToList();
            foreach (var e in page) yield return e;
            if (page.Count < pageSize) yield break;
            after = page[^1].Id;
        }
    }
}
