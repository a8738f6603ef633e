using System.Data.Common;
using Dapper;
using JxEnterpriseLadder.Domain;
using JxEnterpriseLadder.Domain.Access;
using JxEnterpriseLadder.Domain.Registry;
using Npgsql;
using NpgsqlTypes;

namespace JxEnterpriseLadder.Data;

/// <summary>
/// Changes to records already in the registry, each in one transaction with the audit trail: an import's plan, revised
/// filings, an officer's edit. The enterprise's own row is guarded by its version, the rest of its record by its record
/// version, so a change someone else made since the record was read refuses the write (ConcurrentChangeException).
/// </summary>
public sealed class RecordChangeRepository(Database db)
{
    public Database Database { get; } = db;

    private static class Sql
    {
        // Filings revised by an import: replaced whole, and the enterprise's record version moves on.
        public static readonly string UpsertFiling = RegistryTables.Filings.Insert + " ON CONFLICT (credit_code, year) DO UPDATE SET " + RegistryTables.Filings.SetFromExcluded("credit_code", "year");
        // Imports and edits (Apply, UpdateEnterprise). The enterprise's own row is guarded by its version, the rest of
        // its record by its record version: a change made by someone else since the record was read refuses the write.
        public static readonly string UpdateEnterprise = "UPDATE enterprises SET " + RegistryTables.Enterprises.SetFromProperties("credit_code", "version", "record_version")
            + ", version = version + 1 WHERE credit_code = @CreditCode AND version = @Version";
        public const string MoveRecordVersionFrom = "UPDATE enterprises SET record_version = record_version + 1 WHERE credit_code = @CreditCode AND record_version = @RecordVersion";
        public static readonly string SelectFiling = RegistryTables.Filings.Select("credit_code = @CreditCode AND year = @Year");
        public const string DeleteFilingYear = "DELETE FROM filings WHERE credit_code = @CreditCode AND year = @Year";
        public const string DeleteIpOf = "DELETE FROM ip_holdings WHERE credit_code = @CreditCode";
        public const string DeleteRegistrationsOf = "DELETE FROM tech_sme_registrations WHERE credit_code = @CreditCode";
        public const string DeleteCertificatesOf = "DELETE FROM hnte_certificates WHERE credit_code = @CreditCode";
        public const string DeleteListEntriesOf = "DELETE FROM list_entries WHERE credit_code = @CreditCode";
        public const string DeleteFinancingOf = "DELETE FROM financing_rounds WHERE credit_code = @CreditCode";
        public const string DeleteCleanEventsOf = "DELETE FROM clean_record_events WHERE credit_code = @CreditCode";
        public const string DeleteQualityTitlesOf = "DELETE FROM quality_titles WHERE credit_code = @CreditCode";
        public const string DeleteRdInstitutionsOf = "DELETE FROM rd_institutions WHERE credit_code = @CreditCode";
        public const string DeleteAwardsOf = "DELETE FROM awards WHERE credit_code = @CreditCode";
        public const string DeleteContestResultsOf = "DELETE FROM contest_results WHERE credit_code = @CreditCode";
        public const string DeleteTitleUpdatesOf = "DELETE FROM title_annual_updates WHERE credit_code = @CreditCode";
        public const string DeleteChangeReportsOf = "DELETE FROM major_change_reports WHERE credit_code = @CreditCode";
        public const string DeleteLocationChangesOf = "DELETE FROM location_changes WHERE credit_code = @CreditCode";
        public const string CertificateHolders = "SELECT certificate_number AS Number, credit_code AS CreditCode FROM hnte_certificates WHERE certificate_number IN @Codes";
        // Shared with the record writer.
        public static readonly string SelectEnterprise = RegistryRepository.Sql.SelectEnterprise;
        public const string BumpRecordVersion = RegistryRepository.Sql.BumpRecordVersion;
        public static readonly string InsertIp = RegistryTables.Ip.Insert;
        public static readonly string InsertRegistration = RegistryTables.Registrations.Insert;
        public static readonly string InsertCertificate = RegistryTables.Certificates.Insert;
        public static readonly string InsertListEntry = RegistryTables.ListEntries.Insert;
        public static readonly string InsertFinancing = RegistryTables.Financing.Insert;
        public static readonly string InsertCleanEvent = RegistryTables.CleanEvents.Insert;
        public static readonly string InsertQualityTitle = RegistryTables.QualityTitles.Insert;
        public static readonly string InsertRdInstitution = RegistryTables.RdInstitutions.Insert;
        public static readonly string InsertAward = RegistryTables.Awards.Insert;
        public static readonly string InsertContestResult = RegistryTables.ContestResults.Insert;
        public static readonly string InsertTitleUpdate = RegistryTables.TitleUpdates.Insert;
        public static readonly string InsertChangeReport = RegistryTables.ChangeReports.Insert;
        public static readonly string InsertLocationChange = RegistryTables.LocationChanges.Insert;
    }

    /// <summary>
    /// Writes revised or new yearly filings (an import of corrections) in one transaction, after checking every one:
    /// any problem writes nothing. Each enterprise touched gets a new record version, so the next incremental screening
    /// reassesses it. Returns the enterprises touched.
    /// </summary>
    public IReadOnlyList<string> ReviseFilings(IReadOnlyCollection<Filing> filings, AuditStamp? stamp = null)
    {
        using var c = Database.Open();
        using var tx = c.BeginTransaction();
        var problems = new List<ValidationProblem>();
        var seen = new HashSet<(string, int)>();
        foreach (var f in filings)
        {
            RegistryRepository.CheckFiling(c, tx, f, problems);
            if (!seen.Add((f.CreditCode, f.Year))) problems.Add(new(f.CreditCode, f.Year, "year", "同一批次中重复的年度申报"));
        }
        if (problems.Count > 0) throw new RegistryValidationException(problems);
        var trail = filings.Select(f => (Before: RegistryRepository.ReadFilings(c, Sql.SelectFiling, new { f.CreditCode, f.Year }, tx).SingleOrDefault(), After: f))
            .Where(x => x.Before != x.After)
            .Select(x => new AuditChange(AuditSubjects.Filing, x.After.CreditCode, x.After.Year.ToString(System.Globalization.CultureInfo.InvariantCulture),
                x.Before is null ? "insert" : "update", x.Before is null ? null : RecordDiff.Serialize(x.Before), RecordDiff.Serialize(x.After))).ToList();
        c.Execute(Sql.UpsertFiling, filings, tx);
        AuditRepository.Append(c, tx, stamp ?? AuditStamp.Cli, RegistryRepository.Now(), trail);
        var touched = filings.Select(f => f.CreditCode).Distinct().Order(StringComparer.Ordinal).ToList();
        c.Execute(Sql.BumpRecordVersion, touched.Select(x => new { CreditCode = x }), tx);
        tx.Commit();
        return touched;
    }

    /// <summary>
    /// Writes the changes of an import in one transaction, with their audit trail: new enterprises in batches (binary
    /// COPY on PostgreSQL), then each changed one: its own row if it changed, each filing year that changed, and each
    /// other kind of dated record whose set changed, replaced whole. A record someone else changed since it was read
    /// refuses the whole import (<see cref="ConcurrentChangeException"/>): nothing is written, nothing is half-written.
    /// <paramref name="written"/> is told the enterprises written so far.
    /// </summary>
    public void Apply(IReadOnlyList<RecordChange> changes, AuditStamp stamp, long at, Action<int>? written = null, CancellationToken cancel = default, int batch = 2000)
    {
        using var c = Database.Open();
        using var tx = c.BeginTransaction();
        var done = 0;
        foreach (var chunk in changes.Where(x => x.Before is null).Chunk(batch))
        {
            cancel.ThrowIfCancellationRequested();
            try
            {
                RegistryRepository.WriteRecords(c, tx, chunk.Select(x => x.After).ToList());
                Summaries.AddNew(Database, c, tx, chunk.Select(x => x.CreditCode).ToList());
            }
            catch (DbException e) when (IsDuplicate(e))
            {
                throw new ConcurrentChangeException(chunk[0].CreditCode, [], "导入期间登记库中已新增了文件中的企业或证书，请重新导入: " + e.Message);
            }
            AuditRepository.Append(c, tx, stamp, at, chunk.SelectMany(x => x.Audit));
            written?.Invoke(done += chunk.Length);
        }
        foreach (var chunk in changes.Where(x => x.Before is not null).Chunk(batch))
        {
            cancel.ThrowIfCancellationRequested();
            var counted = chunk.Where(MovesSummaries).Select(x => x.CreditCode).ToList();
            Summaries.Subtract(Database, c, tx, counted);
            foreach (var x in chunk) Update(c, tx, x);
            Summaries.Add(Database, c, tx, counted);
            AuditRepository.Append(c, tx, stamp, at, chunk.SelectMany(x => x.Audit));
            written?.Invoke(done += chunk.Length);
        }
        cancel.ThrowIfCancellationRequested();
        tx.Commit();
    }

    /// <summary>Whether a change moves the dashboard's counts: the enterprise's place, or its recognitions.</summary>
    private static bool MovesSummaries(RecordChange x) =>
        x.Before is not { } b || MovesPlace(b.Enterprise, x.After.Enterprise) || !RecordDiff.SameSet(b.TechSmeRegistrations, x.After.TechSmeRegistrations)
        || !RecordDiff.SameSet(b.HnteCertificates, x.After.HnteCertificates) || !RecordDiff.SameSet(b.ListEntries, x.After.ListEntries)
        || !RecordDiff.SameSet(b.QualityTitles, x.After.QualityTitles);

    private static bool MovesPlace(Enterprise was, Enterprise now) =>
        (was.CityCode, was.ParkCode, was.ChainCode) != (now.CityCode, now.ParkCode, now.ChainCode);

    private static bool IsDuplicate(DbException e) =>
        e is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } || e is Microsoft.Data.Sqlite.SqliteException { SqliteExtendedErrorCode: 1555 or 2067 }; // primary key, unique

    private static void Update(DbConnection c, DbTransaction tx, RecordChange change)
    {
        var (before, after) = (change.Before!, change.After);
        var code = after.Enterprise.CreditCode;
        if (RecordDiff.EnterpriseFields(before.Enterprise, after.Enterprise).Count > 0
            && c.Execute(Sql.UpdateEnterprise, after.Enterprise with { Version = before.Enterprise.Version }, tx) == 0)
            throw Conflict(c, tx, before.Enterprise);
        var oldFilings = before.Filings.ToDictionary(f => f.Year);
        foreach (var f in after.Filings)
            if (!oldFilings.Remove(f.Year, out var old) || old != f) c.Execute(Sql.UpsertFiling, f, tx);
        foreach (var gone in oldFilings.Values) c.Execute(Sql.DeleteFilingYear, gone, tx);
        var key = new { CreditCode = code };
        void Replace<T>(IReadOnlyList<T> was, IReadOnlyList<T> now, string delete, string insert)
        {
            if (RecordDiff.SameSet(was, now)) return;
            c.Execute(delete, key, tx);
            c.Execute(insert, now, tx);
        }
        Replace(before.Ip, after.Ip, Sql.DeleteIpOf, Sql.InsertIp);
        Replace(before.TechSmeRegistrations, after.TechSmeRegistrations, Sql.DeleteRegistrationsOf, Sql.InsertRegistration);
        Replace(before.HnteCertificates, after.HnteCertificates, Sql.DeleteCertificatesOf, Sql.InsertCertificate);
        Replace(before.ListEntries, after.ListEntries, Sql.DeleteListEntriesOf, Sql.InsertListEntry);
        Replace(before.Financing, after.Financing, Sql.DeleteFinancingOf, Sql.InsertFinancing);
        Replace(before.CleanRecord, after.CleanRecord, Sql.DeleteCleanEventsOf, Sql.InsertCleanEvent);
        Replace(before.LocationChanges, after.LocationChanges, Sql.DeleteLocationChangesOf, Sql.InsertLocationChange);
        Replace(before.QualityTitles, after.QualityTitles, Sql.DeleteQualityTitlesOf, Sql.InsertQualityTitle);
        Replace(before.RdInstitutions, after.RdInstitutions, Sql.DeleteRdInstitutionsOf, Sql.InsertRdInstitution);
        Replace(before.Awards, after.Awards, Sql.DeleteAwardsOf, Sql.InsertAward);
        Replace(before.ContestResults, after.ContestResults, Sql.DeleteContestResultsOf, Sql.InsertContestResult);
        Replace(before.TitleUpdates, after.TitleUpdates, Sql.DeleteTitleUpdatesOf, Sql.InsertTitleUpdate);
        Replace(before.ChangeReports, after.ChangeReports, Sql.DeleteChangeReportsOf, Sql.InsertChangeReport);
        if (c.Execute(Sql.MoveRecordVersionFrom, new { CreditCode = code, before.Enterprise.RecordVersion }, tx) == 0)
            throw Conflict(c, tx, before.Enterprise);
    }

    /// <summary>What someone else changed in the enterprise's own row since <paramref name="read"/> was read.</summary>
    private static ConcurrentChangeException Conflict(DbConnection c, DbTransaction tx, Enterprise read)
    {
        var now = c.QuerySingleOrDefault<Enterprise>(Sql.SelectEnterprise, new { read.CreditCode }, tx);
        if (now is null) return new ConcurrentChangeException(read.CreditCode, [], "该企业已不在登记库中");
        var fields = RecordDiff.EnterpriseFields(read, now);
        return new ConcurrentChangeException(read.CreditCode, fields, fields.Count == 0 ? "其年度申报或其他记录已被他人修改" : null);
    }

    /// <summary>
    /// Saves an officer's edit of an enterprise's own fields, if nobody changed the enterprise since the officer read it
    /// (<paramref name="read"/>, with its version); otherwise refuses with what the other change was. Appends the
    /// changed fields to the trail. Returns the enterprise as saved.
    /// </summary>
    public Enterprise UpdateEnterprise(Enterprise read, Enterprise edited, AuditStamp stamp, long at)
    {
        if (edited.CreditCode != read.CreditCode) throw new ArgumentException("统一社会信用代码不可修改");
        var problems = RegistryValidation.Check(edited).ToList();
        if (problems.Count > 0) throw new RegistryValidationException(problems);
        using var c = Database.Open();
        using var tx = c.BeginTransaction();
        var current = c.QuerySingleOrDefault<Enterprise>(Sql.SelectEnterprise, new { edited.CreditCode }, tx)
            ?? throw new ConcurrentChangeException(edited.CreditCode, [], "该企业已不在登记库中");
        if (current.Version != read.Version) throw new ConcurrentChangeException(read.CreditCode, RecordDiff.EnterpriseFields(read, current));
        var fields = RecordDiff.EnterpriseFields(current, edited);
        if (fields.Count == 0) return current;
        string[] counted = MovesPlace(current, edited) ? [edited.CreditCode] : [];
        Summaries.Subtract(Database, c, tx, counted);
        if (c.Execute(Sql.UpdateEnterprise, edited with { Version = read.Version }, tx) == 0) throw Conflict(c, tx, read);
        Summaries.Add(Database, c, tx, counted);
        c.Execute(Sql.BumpRecordVersion, new { edited.CreditCode }, tx);
        AuditRepository.Append(c, tx, stamp, at, [RecordDiff.EnterpriseUpdate(edited.CreditCode, fields)]);
        var saved = c.QuerySingle<Enterprise>(Sql.SelectEnterprise, new { edited.CreditCode }, tx);
        tx.Commit();
        return saved;
    }

    /// <summary>Enterprises holding each of the certificate numbers (a number is unique across the registry).</summary>
    public IReadOnlyDictionary<string, string> CertificateHolders(IReadOnlyCollection<string> numbers)
    {
        using var c = Database.Open();
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var chunk in numbers.Distinct().Chunk(1000))
            foreach (var h in c.Query<(string Number, string CreditCode)>(Database.Dialect(Sql.CertificateHolders), new { Codes = chunk }))
                result[h.Number] = h.CreditCode;
        return result;
    }
}
