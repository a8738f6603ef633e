using System.Data.Common;
using Dapper;
using JxEnterpriseLadder.Domain;
using JxEnterpriseLadder.Domain.Access;
using JxEnterpriseLadder.Domain.Registry;
using Npgsql;
using NpgsqlTypes;

namespace JxEnterpriseLadder.Data;

/// <summary>
/// The registry over Dapper, for SQLite and PostgreSQL alike. All SQL of the registry is in <see cref="Sql"/>,
/// always parameterised.
/// </summary>
public sealed class RegistryRepository(Database db)
{
    public Database Database { get; } = db;

    internal static class Sql
    {
        public const string UpsertCity = "INSERT INTO cities (code, name) VALUES (@Code, @Name) ON CONFLICT (code) DO UPDATE SET name = excluded.name";
        public const string UpsertPark = "INSERT INTO parks (code, name, city_code, kind) VALUES (@Code, @Name, @City, @Kind) ON CONFLICT (code) DO UPDATE SET name = excluded.name, city_code = excluded.city_code, kind = excluded.kind";
        public const string UpsertChain = "INSERT INTO industry_chains (code, name, industry, hitech_field) VALUES (@Code, @Name, @Industry, @HiTechField) ON CONFLICT (code) DO UPDATE SET name = excluded.name, industry = excluded.industry, hitech_field = excluded.hitech_field";

        // The enterprises table's columns are listed once, in RegistryTables.Enterprises.
        private static readonly string EnterpriseColumns = RegistryTables.Enterprises.Names;
        public static readonly string InsertEnterprise = RegistryTables.Enterprises.Insert;
        public const string EnterpriseExists = "SELECT registered_on FROM enterprises WHERE credit_code = @CreditCode";
        public static readonly string SelectEnterprise = "SELECT " + EnterpriseColumns + " FROM enterprises WHERE credit_code = @CreditCode";
        public static readonly string SelectEnterprisePage = "SELECT " + EnterpriseColumns + " FROM enterprises e WHERE credit_code > @After AND " + ScopeSql.Enterprise + " ORDER BY credit_code LIMIT @Limit";
        // The first credit code of every page of @Limit enterprises in the scope, so that several readers can share the pages.
        public const string PageStarts = """
            SELECT credit_code FROM (SELECT e.credit_code, ROW_NUMBER() OVER (ORDER BY e.credit_code) AS n FROM enterprises e WHERE
            """ + ScopeSql.Enterprise + ") AS x WHERE (x.n - 1) % @Limit = 0 ORDER BY credit_code";
        public static readonly string SelectEnterprisesFrom = "SELECT " + EnterpriseColumns + " FROM enterprises e WHERE credit_code >= @From AND credit_code < @Until AND " + ScopeSql.Enterprise + " ORDER BY credit_code";
        public static readonly string SelectEnterprisesFromLast = "SELECT " + EnterpriseColumns + " FROM enterprises e WHERE credit_code >= @From AND " + ScopeSql.Enterprise + " ORDER BY credit_code";
        public const string CountEnterprises = "SELECT COUNT(*) FROM enterprises";
        public const string CountInScope = "SELECT COUNT(*) FROM enterprises e WHERE e.registered_on <= @AsOf AND " + ScopeSql.Enterprise;

        public static readonly string InsertFiling = RegistryTables.Filings.Insert;
        public const string FilingExists = "SELECT COUNT(*) FROM filings WHERE credit_code = @CreditCode AND year = @Year";
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

        // Children of a page of enterprises: a key range when streaming the registry, a list of codes when streaming
        // only the enterprises that changed (Dapper expands @Codes into one parameter per code).
        public const string InRange = "credit_code BETWEEN @From AND @To";
        public const string InCodes = " credit_code IN @Codes";
        public static string FilingsWhere(string where) => RegistryTables.Filings.Select(where, "credit_code, year");
        public static string IpWhere(string where) => RegistryTables.Ip.Select(where);
        // The items listed for the second ladder (their relation to the main product known): few beside the IP a screening
        // counts, read whole so that the rules see their attributes (ProfileBuilder.IpItemsAt).
        public static string ListedIpWhere(string where) => RegistryTables.Ip.Select("related_to_main_product IS NOT NULL AND " + where);
        // IP valid at @IpAt (ProfileBuilder.HeldIpAt says the same in C#); enterprises holding none have no row.
        public static string HeldIpWhere(string where) => """
            SELECT credit_code, SUM(CASE WHEN ip_class = 1 THEN 1 ELSE 0 END), SUM(CASE WHEN ip_class = 2 THEN 1 ELSE 0 END),
                   SUM(CASE WHEN own_rd THEN 1 ELSE 0 END)
            FROM ip_holdings WHERE valid_from <= @IpAt AND (valid_to IS NULL OR valid_to > @IpAt)
            """ + " AND " + where + " GROUP BY credit_code";
        public static string RegistrationsWhere(string where) => RegistryTables.Registrations.Select(where);
        public static string CertificatesWhere(string where) => RegistryTables.Certificates.Select(where);
        public static string ListEntriesWhere(string where) => RegistryTables.ListEntries.Select(where);
        public static string FinancingWhere(string where) => RegistryTables.Financing.Select(where, "round_date");
        public static string CleanWhere(string where) => RegistryTables.CleanEvents.Select(where);
        public static string QualityTitlesWhere(string where) => RegistryTables.QualityTitles.Select(where);
        public static string RdInstitutionsWhere(string where) => RegistryTables.RdInstitutions.Select(where, "recognised_on");
        public static string AwardsWhere(string where) => RegistryTables.Awards.Select(where, "awarded_on");
        public static string ContestResultsWhere(string where) => RegistryTables.ContestResults.Select(where, "year");
        public static string TitleUpdatesWhere(string where) => RegistryTables.TitleUpdates.Select(where, "title, year");
        public static string ChangeReportsWhere(string where) => RegistryTables.ChangeReports.Select(where, "changed_on, change");
        public static string LocationChangesWhere(string where) => RegistryTables.LocationChanges.Select(where, "changed_on");
        // The enterprises holding, or having held, a title the holder updates yearly (QualityTitles.UpdatedYearly: constants).
        public static readonly string Fingerprint = "SELECT COUNT(*), COALESCE(SUM(record_version), 0) FROM enterprises e WHERE " + ScopeSql.Enterprise;
        // Only who and where: the overview names the firm and reads nothing else of its row.
        public static readonly string SelectTitleHolderPage = "SELECT credit_code AS CreditCode, name AS Name, registered_on AS RegisteredOn, city_code AS CityCode, "
            + "park_code AS ParkCode FROM enterprises e WHERE credit_code > @After AND " + ScopeSql.Enterprise
            + " AND EXISTS (SELECT 1 FROM quality_titles q WHERE q.credit_code = e.credit_code AND q.title IN ("
            + string.Join(", ", QualityTitles.UpdatedYearly.Select(t => $"'{t}'")) + ")) ORDER BY credit_code LIMIT @Limit";
        public static readonly string SelectEnterprisesIn = "SELECT " + EnterpriseColumns + " FROM enterprises WHERE credit_code IN @Codes ORDER BY credit_code";


        public const string BumpRecordVersion = "UPDATE enterprises SET record_version = record_version + 1 WHERE credit_code = @CreditCode";

        // PostgreSQL bulk load: binary COPY, the same columns as the INSERTs above.
        public static readonly string CopyEnterprises = RegistryTables.Enterprises.Copy;


        public const string FiledIn = "SELECT credit_code FROM filings WHERE year = @Year ORDER BY credit_code";
        // Fresh planner statistics after a bulk load: PostgreSQL's autovacuum would get there, later.
        public const string Analyze = "ANALYZE";

    }

    public void SaveReferenceData(JiangxiReference reference)
    {
        using var c = Database.Open();
        using var tx = c.BeginTransaction();
        c.Execute(Sql.UpsertCity, reference.Cities.Select(x => new { x.Code, x.Name }), tx);
        c.Execute(Sql.UpsertPark, reference.Parks, tx);
        c.Execute(Sql.UpsertChain, reference.IndustryChains, tx);
        tx.Commit();
    }

    public int CountEnterprises()
    {
        using var c = Database.Open();
        return c.ExecuteScalar<int>(Sql.CountEnterprises);
    }

    /// <summary>
    /// Writes whole enterprise records in one transaction. Every record is validated first; any problem
    /// (or an enterprise that already exists) rejects the whole batch and nothing is written.
    /// </summary>
    public void Insert(IReadOnlyCollection<EnterpriseRecord> records, AuditStamp? stamp = null)
    {
        var problems = new List<ValidationProblem>();
        var seen = new HashSet<string>();
        foreach (var r in records)
        {
            problems.AddRange(RegistryValidation.Check(r));
            if (!seen.Add(r.Enterprise.CreditCode))
                problems.Add(new(r.Enterprise.CreditCode, null, "creditCode", "同一批次中重复的企业"));
        }
        if (problems.Count > 0) throw new RegistryValidationException(problems);

        using var c = Database.Open();
        using var tx = c.BeginTransaction();
        foreach (var r in records)
            if (c.ExecuteScalar<DateOnly?>(Sql.EnterpriseExists, new { r.Enterprise.CreditCode }, tx) is not null)
                problems.Add(new(r.Enterprise.CreditCode, null, "creditCode", "企业已存在于登记库"));
        if (problems.Count > 0) throw new RegistryValidationException(problems);
        WriteRecords(c, tx, records);
        Summaries.AddNew(Database, c, tx, records.Select(r => r.Enterprise.CreditCode).ToList());
        AuditRepository.Append(c, tx, stamp ?? AuditStamp.Cli, Now(), [Loaded(records.Count)]);
        tx.Commit();
    }

    // A load of whole new records (the demo province, a benchmark) is one entry: the records are new, not changed.
    private static AuditChange Loaded(int count) =>
        new(AuditSubjects.Registry, null, "load", "load", null, $"{{\"enterprises\":{count}}}");

    internal static long Now() => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    /// <summary>
    /// Loads a stream of whole records into an empty registry in one transaction, a batch at a time (binary COPY on
    /// PostgreSQL, prepared INSERTs on SQLite): memory holds one batch, never the registry. A problem in any batch
    /// rolls the whole load back, so a load is all or nothing. <paramref name="writing"/> is told the time spent
    /// writing each batch (the rest is the source's own time: generating or parsing).
    /// </summary>
    public int BulkLoad(IEnumerable<EnterpriseRecord> records, int batch = 10_000, Action<int, TimeSpan>? writing = null, AuditStamp? stamp = null)
    {
        using var c = Database.Open();
        using var tx = c.BeginTransaction();
        if (c.ExecuteScalar<int>(Sql.CountEnterprises, transaction: tx) > 0)
            throw new InvalidOperationException($"the registry at {Database.Description} already holds enterprises: bulk-load only an empty registry");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var n = 0;
        foreach (var chunk in records.Chunk(batch))
        {
            var problems = new List<ValidationProblem>();
            foreach (var r in chunk)
            {
                problems.AddRange(RegistryValidation.Check(r));
                if (!seen.Add(r.Enterprise.CreditCode)) problems.Add(new(r.Enterprise.CreditCode, null, "creditCode", "同一次装载中重复的企业"));
            }
            if (problems.Count > 0) throw new RegistryValidationException(problems);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            WriteRecords(c, tx, chunk);
            n += chunk.Length;
            writing?.Invoke(n, clock.Elapsed);
        }
        var commit = System.Diagnostics.Stopwatch.StartNew();
        Summaries.RebuildAll(Database, c, tx);
        AuditRepository.Append(c, tx, stamp ?? AuditStamp.Cli, Now(), [Loaded(n)]);
        tx.Commit();
        writing?.Invoke(n, commit.Elapsed);
        return n;
    }

    internal static void WriteRecords(DbConnection c, DbTransaction tx, IReadOnlyCollection<EnterpriseRecord> records)
    {
        if (c is NpgsqlConnection pg)
        {
            PostgresBulk.Insert(pg, records);
            return;
        }
        c.Execute(Sql.InsertEnterprise, records.Select(r => r.Enterprise), tx);
        c.Execute(Sql.InsertFiling, records.SelectMany(r => r.Filings), tx);
        c.Execute(Sql.InsertIp, records.SelectMany(r => r.Ip), tx);
        c.Execute(Sql.InsertRegistration, records.SelectMany(r => r.TechSmeRegistrations), tx);
        c.Execute(Sql.InsertCertificate, records.SelectMany(r => r.HnteCertificates), tx);
        c.Execute(Sql.InsertListEntry, records.SelectMany(r => r.ListEntries), tx);
        c.Execute(Sql.InsertFinancing, records.SelectMany(r => r.Financing), tx);
        c.Execute(Sql.InsertCleanEvent, records.SelectMany(r => r.CleanRecord), tx);
        c.Execute(Sql.InsertLocationChange, records.SelectMany(r => r.LocationChanges), tx);
        c.Execute(Sql.InsertQualityTitle, records.SelectMany(r => r.QualityTitles), tx);
        c.Execute(Sql.InsertRdInstitution, records.SelectMany(r => r.RdInstitutions), tx);
        c.Execute(Sql.InsertAward, records.SelectMany(r => r.Awards), tx);
        c.Execute(Sql.InsertContestResult, records.SelectMany(r => r.ContestResults), tx);
        c.Execute(Sql.InsertTitleUpdate, records.SelectMany(r => r.TitleUpdates), tx);
        c.Execute(Sql.InsertChangeReport, records.SelectMany(r => r.ChangeReports), tx);
    }

    /// <summary>Adds one year's filing after checking the enterprise, the year and every amount; nothing is written on a problem.</summary>
    public void AddFiling(Filing filing, AuditStamp? stamp = null)
    {
        using var c = Database.Open();
        using var tx = c.BeginTransaction();
        var problems = new List<ValidationProblem>();
        var registeredOn = CheckFiling(c, tx, filing, problems);
        if (registeredOn is not null && c.ExecuteScalar<int>(Sql.FilingExists, new { filing.CreditCode, filing.Year }, tx) > 0)
            problems.Add(new(filing.CreditCode, filing.Year, "year", "该年度申报已存在（重复申报）"));
        if (problems.Count > 0) throw new RegistryValidationException(problems);
        c.Execute(Sql.InsertFiling, filing, tx);
        c.Execute(Sql.BumpRecordVersion, new { filing.CreditCode }, tx);
        AuditRepository.Append(c, tx, stamp ?? AuditStamp.Cli, Now(),
            [new(AuditSubjects.Filing, filing.CreditCode, filing.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), "insert", null, RecordDiff.Serialize(filing))]);
        tx.Commit();
    }

    /// <summary>One filing's checks against the registry (a valid code of a registered enterprise, then the amounts);
    /// returns the enterprise's registration date, or null when it is not registered.</summary>
    internal static DateOnly? CheckFiling(DbConnection c, DbTransaction tx, Filing filing, List<ValidationProblem> problems)
    {
        if (UnifiedSocialCreditCode.Validate(filing.CreditCode) is { } reason)
        {
            problems.Add(new(filing.CreditCode, filing.Year, "creditCode", reason));
            problems.AddRange(RegistryValidation.Check(filing, null));
            return null;
        }
        var registeredOn = c.ExecuteScalar<DateOnly?>(Sql.EnterpriseExists, new { filing.CreditCode }, tx);
        if (registeredOn is null) problems.Add(new(filing.CreditCode, filing.Year, "creditCode", "登记库中没有该企业"));
        problems.AddRange(RegistryValidation.Check(filing, registeredOn));
        return registeredOn;
    }

    public EnterpriseRecord? Get(string creditCode)
    {
        using var c = Database.Open();
        var e = c.QuerySingleOrDefault<Enterprise>(Sql.SelectEnterprise, new { CreditCode = creditCode });
        if (e is null) return null;
        return LoadChildren(c, [e], creditCode, creditCode).Single();
    }

    /// <summary>
    /// Streams the enterprises in scope that hold or held a title updated yearly, a page at a time, each with only its
    /// titles, yearly updates and major-change reports (what the titles' obligations are read from; the rest is empty),
    /// and of its own row only the code, name, registration date, city and park.
    /// </summary>
    public IEnumerable<EnterpriseRecord> StreamTitleHolders(AccessScope scope, int pageSize = 2000)
    {
        var after = "";
        using var c = Database.Open();
        while (true)
        {
            var args = new DynamicParameters(scope.Parameters);
            args.AddDynamicParams(new { After = after, Limit = pageSize });
            var page = c.Query<Enterprise>(Sql.SelectTitleHolderPage, args).ToList();
            if (page.Count == 0) yield break;
            // By the page's range of codes (the primary keys' order), not a list of 2,000 parameters: rows of firms in the
            // range that hold no such title are few, and nothing reads them.
            var range = new { From = page[0].CreditCode, To = page[^1].CreditCode };
            var titles = c.Query<QualityTitleRecord>(Sql.QualityTitlesWhere(Sql.InRange), range).ToLookup(x => x.CreditCode);
            var updates = c.Query<TitleAnnualUpdateRecord>(Sql.TitleUpdatesWhere(Sql.InRange), range).ToLookup(x => x.CreditCode);
            var changes = c.Query<MajorChangeReportRecord>(Sql.ChangeReportsWhere(Sql.InRange), range).ToLookup(x => x.CreditCode);
            foreach (var e in page)
                yield return new EnterpriseRecord
                {
                    Enterprise = e, QualityTitles = titles[e.CreditCode].ToArray(), TitleUpdates = updates[e.CreditCode].ToArray(),
                    ChangeReports = changes[e.CreditCode].ToArray(),
                };
            after = page[^1].CreditCode;
        }
    }

    /// <summary>The enterprises in scope, counted, and the sum of their record versions, which every change of a record
    /// moves on (an import, an edit): what was read from them is stale when this differs.</summary>
    public (long Count, long Versions) Fingerprint(AccessScope scope)
    {
        using var c = Database.Open();
        return c.QuerySingle<(long, long)>(Sql.Fingerprint, scope.Parameters);
    }

    /// <summary>Streams every enterprise with its children, a page at a time: the registry is never loaded whole.</summary>
    public IEnumerable<EnterpriseRecord> StreamAll(int pageSize = 2000) => Stream(AccessScope.Province, pageSize);

    /// <summary>Streams the enterprises within a scope with their children, a page at a time.</summary>
    public IEnumerable<EnterpriseRecord> Stream(AccessScope scope, int pageSize = 2000) => Stream(scope, null, pageSize);

    /// <summary>Streams the named enterprises with their children, a page at a time, in credit-code order; codes not in
    /// the registry are skipped.</summary>
    public IEnumerable<EnterpriseRecord> Stream(IReadOnlyCollection<string> creditCodes, int pageSize = 1000) => Stream(creditCodes, null, pageSize);

    /// <summary>
    /// As <see cref="Stream(AccessScope, int)"/>, read for an assessment at one date: each enterprise's IP comes counted
    /// by the database (<see cref="EnterpriseRecord.HeldIp"/>), one row per enterprise instead of some thirty, which is
    /// most of what a whole screening reads (docs/decisions/0010).
    /// </summary>
    public IEnumerable<EnterpriseRecord> StreamForAssessment(AccessScope scope, DateOnly asOf, int pageSize = 2000) => Stream(scope, asOf, pageSize);

    /// <summary>As <see cref="Stream(IReadOnlyCollection{string}, int)"/>, with each enterprise's IP counted at the date.</summary>
    public IEnumerable<EnterpriseRecord> StreamForAssessment(IReadOnlyCollection<string> creditCodes, DateOnly asOf, int pageSize = 1000) =>
        Stream(creditCodes, asOf, pageSize);

    private IEnumerable<EnterpriseRecord> Stream(AccessScope scope, DateOnly? ipAt, int pageSize) =>
        Database.Provider == DatabaseProvider.Postgres ? StreamOnTwoConnections(scope, ipAt, pageSize) : StreamOnOneConnection(scope, ipAt, pageSize);

    private IEnumerable<EnterpriseRecord> StreamOnOneConnection(AccessScope scope, DateOnly? ipAt, int pageSize)
    {
        var after = "";
        using var c = Database.Open();
        while (true)
        {
            var args = new DynamicParameters(scope.Parameters);
            args.AddDynamicParams(new { After = after, Limit = pageSize });
            var page = c.Query<Enterprise>(Sql.SelectEnterprisePage, args).ToList();
            if (page.Count == 0) yield break;
            foreach (var r in LoadChildren(c, page, Sql.InRange, new { From = page[0].CreditCode, To = page[^1].CreditCode }, ipAt)) yield return r;
            after = page[^1].CreditCode;
        }
    }

    /// <summary>
    /// PostgreSQL: two connections read alternate pages and the pages come back in order. Reading a page is a round of
    /// queries in which the client and the server wait for each other; two rounds at once keep both busy (ADR 0010).
    /// </summary>
    private IEnumerable<EnterpriseRecord> StreamOnTwoConnections(AccessScope scope, DateOnly? ipAt, int pageSize)
    {
        const int Readers = 2;
        List<string> starts;
        using (var c = Database.Open())
        {
            var args = new DynamicParameters(scope.Parameters);
            args.Add("Limit", pageSize);
            starts = c.Query<string>(Sql.PageStarts, args, commandTimeout: Database.LongRunning).ToList();
        }
        using var stop = new CancellationTokenSource();
        var pages = Enumerable.Range(0, Readers).Select(_ => new System.Collections.Concurrent.BlockingCollection<List<EnterpriseRecord>>(boundedCapacity: 2)).ToArray();
        var readers = Enumerable.Range(0, Readers).Select(k => Task.Factory.StartNew(() =>
        {
            try
            {
                using var c = Database.Open();
                for (var i = k; i < starts.Count; i += Readers)
                {
                    var args = new DynamicParameters(scope.Parameters);
                    args.AddDynamicParams(new { From = starts[i], Until = i + 1 < starts.Count ? starts[i + 1] : null });
                    var page = c.Query<Enterprise>(i + 1 < starts.Count ? Sql.SelectEnterprisesFrom : Sql.SelectEnterprisesFromLast, args).ToList();
                    pages[k].Add(page.Count == 0 ? [] : LoadChildren(c, page, Sql.InRange, new { From = page[0].CreditCode, To = page[^1].CreditCode }, ipAt).ToList(), stop.Token);
                }
            }
            catch
            {
                stop.Cancel(); // the other reader may be waiting to hand over a page: let it go
                throw;
            }
            finally { pages[k].CompleteAdding(); }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToArray();
        try
        {
            for (var i = 0; i < starts.Count; i++)
            {
                if (!pages[i % Readers].TryTake(out var page, Timeout.Infinite))
                {
                    // A reader stopped early: its own error, rather than a short stream (the other one was cancelled).
                    stop.Cancel();
                    var failed = readers[i % Readers];
                    try { failed.Wait(); }
                    catch (AggregateException e) { System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw(); }
                    throw new InvalidOperationException("a registry reader stopped before its last page");
                }
                foreach (var r in page) yield return r;
            }
        }
        finally
        {
            stop.Cancel();
            try { Task.WaitAll(readers); }
            catch (AggregateException) { } // already surfaced, or the consumer left first
            foreach (var p in pages) p.Dispose();
        }
    }

    private IEnumerable<EnterpriseRecord> Stream(IReadOnlyCollection<string> creditCodes, DateOnly? ipAt, int pageSize)
    {
        using var c = Database.Open();
        foreach (var codes in creditCodes.Order(StringComparer.Ordinal).Chunk(pageSize))
        {
            var page = c.Query<Enterprise>(Database.Dialect(Sql.SelectEnterprisesIn), new { Codes = codes }).ToList();
            foreach (var r in LoadChildren(c, page, Database.Dialect(Sql.InCodes), new { Codes = codes }, ipAt)) yield return r;
        }
    }

    private static IEnumerable<EnterpriseRecord> LoadChildren(DbConnection c, List<Enterprise> page, string from, string to) =>
        LoadChildren(c, page, Sql.InRange, new { From = from, To = to }, null);

    private static IEnumerable<EnterpriseRecord> LoadChildren(DbConnection c, List<Enterprise> page, string where, object range, DateOnly? ipAt)
    {
        var filings = ReadFilings(c, Sql.FilingsWhere(where), range).ToLookup(x => x.CreditCode);
        var ip = ReadIp(c, ipAt is null ? Sql.IpWhere(where) : Sql.ListedIpWhere(where), range).ToLookup(x => x.CreditCode);
        var heldIp = ipAt is { } at ? ReadHeldIp(c, Sql.HeldIpWhere(where), range, at) : null;
        var registrations = c.Query<TechSmeRegistrationRecord>(Sql.RegistrationsWhere(where), range).ToLookup(x => x.CreditCode);
        var certificates = c.Query<HnteCertificateRecord>(Sql.CertificatesWhere(where), range).ToLookup(x => x.CreditCode);
        var lists = c.Query<ListEntryRecord>(Sql.ListEntriesWhere(where), range).ToLookup(x => x.CreditCode);
        var financing = c.Query<FinancingRoundRecord>(Sql.FinancingWhere(where), range).ToLookup(x => x.CreditCode);
        var clean = c.Query<CleanRecordEvent>(Sql.CleanWhere(where), range).ToLookup(x => x.CreditCode);
        var moves = c.Query<LocationChange>(Sql.LocationChangesWhere(where), range).ToLookup(x => x.CreditCode);
        var titles = c.Query<QualityTitleRecord>(Sql.QualityTitlesWhere(where), range).ToLookup(x => x.CreditCode);
        var institutions = c.Query<RdInstitutionRecord>(Sql.RdInstitutionsWhere(where), range).ToLookup(x => x.CreditCode);
        var awards = c.Query<AwardRecord>(Sql.AwardsWhere(where), range).ToLookup(x => x.CreditCode);
        var contests = c.Query<ContestResultRecord>(Sql.ContestResultsWhere(where), range).ToLookup(x => x.CreditCode);
        var updates = c.Query<TitleAnnualUpdateRecord>(Sql.TitleUpdatesWhere(where), range).ToLookup(x => x.CreditCode);
        var changes = c.Query<MajorChangeReportRecord>(Sql.ChangeReportsWhere(where), range).ToLookup(x => x.CreditCode);
        return page.Select(e => new EnterpriseRecord
        {
            Enterprise = e,
            Filings = filings[e.CreditCode].ToArray(),
            Ip = ip[e.CreditCode].ToArray(),
            HeldIp = heldIp is null ? null : heldIp.GetValueOrDefault(e.CreditCode) ?? HeldIpCount.None(ipAt!.Value),
            TechSmeRegistrations = registrations[e.CreditCode].ToArray(),
            HnteCertificates = certificates[e.CreditCode].ToArray(),
            ListEntries = lists[e.CreditCode].ToArray(),
            Financing = financing[e.CreditCode].ToArray(),
            CleanRecord = clean[e.CreditCode].ToArray(),
            LocationChanges = moves[e.CreditCode].ToArray(),
            QualityTitles = titles[e.CreditCode].ToArray(),
            RdInstitutions = institutions[e.CreditCode].ToArray(),
            Awards = awards[e.CreditCode].ToArray(),
            ContestResults = contests[e.CreditCode].ToArray(),
            TitleUpdates = updates[e.CreditCode].ToArray(),
            ChangeReports = changes[e.CreditCode].ToArray(),
        }).ToList();
    }

    // The two biggest child tables (a province holds millions of IP rows) are read by ordinal, without Dapper's
    // per-row boxing of dates: this is most of the floor of a whole screening (docs/decisions/0007).
    internal static IEnumerable<Filing> ReadFilings(DbConnection c, string sql, object args, DbTransaction? tx = null)
    {
        using var r = (DbDataReader)c.ExecuteReader(sql, args, tx);
        // By the columns' names, looked up once: the reader follows the one column list, whatever its order.
        var o = RegistryTables.Filings.Ordinals(r);
        int At(string name) => o[RegistryTables.Filings.IndexOf(name)];
        int code = At("credit_code"), year = At("year"), employees = At("employees"), techStaff = At("tech_staff"), sales = At("sales_revenue"),
            income = At("total_income"), hiTech = At("hitech_income"), costs = At("total_costs_and_expenses"), rd = At("rd_expense"),
            rdDomestic = At("rd_expense_domestic"), assets = At("total_assets"), liabilities = At("total_liabilities"), results = At("results_commercialized"),
            mainBusiness = At("main_business_revenue"), netProfit = At("net_profit"), rdStaff = At("rd_staff"), score = At("development_score");
        while (r.Read())
            yield return new Filing
            {
                CreditCode = r.GetString(code), Year = r.GetInt32(year), Employees = Int(r, employees), TechStaff = Int(r, techStaff),
                SalesRevenue = Money(r, sales), TotalIncome = Money(r, income), HiTechIncome = Money(r, hiTech), TotalCostsAndExpenses = Money(r, costs),
                RdExpense = Money(r, rd), RdExpenseDomestic = Money(r, rdDomestic), TotalAssets = Money(r, assets), TotalLiabilities = Money(r, liabilities),
                ResultsCommercialized = Int(r, results), MainBusinessRevenue = Money(r, mainBusiness), NetProfit = Money(r, netProfit),
                RdStaff = Int(r, rdStaff), DevelopmentScore = Money(r, score),
            };
    }

    private static IEnumerable<IpHolding> ReadIp(DbConnection c, string sql, object args)
    {
        using var r = (DbDataReader)c.ExecuteReader(sql, args);
        var o = RegistryTables.Ip.Ordinals(r);
        int At(string name) => o[RegistryTables.Ip.IndexOf(name)];
        int code = At("credit_code"), ipClass = At("ip_class"), kind = At("kind"), ownRd = At("own_rd"), from = At("valid_from"), to = At("valid_to"),
            related = At("related_to_main_product"), highValue = At("high_value"), acquired = At("acquired_on"), applied = At("applied_with_benefit");
        bool? Flag(DbDataReader row, int i) => row.IsDBNull(i) ? null : row.GetBoolean(i);
        while (r.Read())
            yield return new IpHolding
            {
                CreditCode = r.GetString(code), IpClass = r.GetInt32(ipClass), Kind = r.GetString(kind), OwnRd = r.GetBoolean(ownRd),
                ValidFrom = r.GetFieldValue<DateOnly>(from), ValidTo = r.IsDBNull(to) ? null : r.GetFieldValue<DateOnly>(to),
                RelatedToMainProduct = Flag(r, related), HighValue = Flag(r, highValue),
                AcquiredOn = r.IsDBNull(acquired) ? null : r.GetFieldValue<DateOnly>(acquired), AppliedWithBenefit = Flag(r, applied),
            };
    }

    private static Dictionary<string, HeldIpCount> ReadHeldIp(DbConnection c, string sql, object range, DateOnly asOf)
    {
        var args = new DynamicParameters(range);
        args.Add("IpAt", asOf);
        var held = new Dictionary<string, HeldIpCount>(StringComparer.Ordinal);
        using var r = (DbDataReader)c.ExecuteReader(sql, args);
        while (r.Read())
            held[r.GetString(0)] = new HeldIpCount(asOf, checked((int)r.GetInt64(1)), checked((int)r.GetInt64(2)), r.GetInt64(3) > 0);
        return held;
    }

    private static int? Int(System.Data.IDataRecord r, int i) => r.IsDBNull(i) ? null : r.GetInt32(i);
    private static decimal? Money(System.Data.IDataRecord r, int i) => r.IsDBNull(i) ? null : r.GetDecimal(i);

    /// <summary>Enterprises within the scope registered by the date: the size of a screening.</summary>
    public int CountInScope(AccessScope scope, DateOnly asOf)
    {
        using var c = Database.Open();
        var args = new DynamicParameters(scope.Parameters);
        args.Add("AsOf", asOf);
        return c.ExecuteScalar<int>(Sql.CountInScope, args);
    }

    /// <summary>Enterprises with a filing for the year, in credit-code order.</summary>
    public IReadOnlyList<string> FiledIn(int year)
    {
        using var c = Database.Open();
        return c.Query<string>(Sql.FiledIn, new { Year = year }).ToList();
    }

    /// <summary>Refreshes the database's planner statistics (after a bulk load or a whole screening).</summary>
    public void Analyze()
    {
        using var c = Database.Open();
        c.Execute(Sql.Analyze, commandTimeout: Database.LongRunning, commandType: System.Data.CommandType.Text); // one word: Dapper would take it for a procedure
    }

    /// <summary>Binary COPY for PostgreSQL: the bulk path of <see cref="Insert"/> and <see cref="ReplaceScreening"/>.</summary>
    private static class PostgresBulk
    {
        public static void Insert(NpgsqlConnection c, IReadOnlyCollection<EnterpriseRecord> records)
        {
            PostgresCopy.Copy(c, Sql.CopyEnterprises, records.Select(r => r.Enterprise), RegistryTables.Enterprises.Write);
            PostgresCopy.Copy(c, RegistryTables.Filings.Copy, records.SelectMany(r => r.Filings), RegistryTables.Filings.Write);
            PostgresCopy.Copy(c, RegistryTables.Ip.Copy, records.SelectMany(r => r.Ip), RegistryTables.Ip.Write);
            PostgresCopy.Copy(c, RegistryTables.Registrations.Copy, records.SelectMany(r => r.TechSmeRegistrations), RegistryTables.Registrations.Write);
            PostgresCopy.Copy(c, RegistryTables.Certificates.Copy, records.SelectMany(r => r.HnteCertificates), RegistryTables.Certificates.Write);
            PostgresCopy.Copy(c, RegistryTables.ListEntries.Copy, records.SelectMany(r => r.ListEntries), RegistryTables.ListEntries.Write);
            PostgresCopy.Copy(c, RegistryTables.Financing.Copy, records.SelectMany(r => r.Financing), RegistryTables.Financing.Write);
            PostgresCopy.Copy(c, RegistryTables.CleanEvents.Copy, records.SelectMany(r => r.CleanRecord), RegistryTables.CleanEvents.Write);
            PostgresCopy.Copy(c, RegistryTables.LocationChanges.Copy, records.SelectMany(r => r.LocationChanges), RegistryTables.LocationChanges.Write);
            PostgresCopy.Copy(c, RegistryTables.QualityTitles.Copy, records.SelectMany(r => r.QualityTitles), RegistryTables.QualityTitles.Write);
            PostgresCopy.Copy(c, RegistryTables.RdInstitutions.Copy, records.SelectMany(r => r.RdInstitutions), RegistryTables.RdInstitutions.Write);
            PostgresCopy.Copy(c, RegistryTables.Awards.Copy, records.SelectMany(r => r.Awards), RegistryTables.Awards.Write);
            PostgresCopy.Copy(c, RegistryTables.ContestResults.Copy, records.SelectMany(r => r.ContestResults), RegistryTables.ContestResults.Write);
            PostgresCopy.Copy(c, RegistryTables.TitleUpdates.Copy, records.SelectMany(r => r.TitleUpdates), RegistryTables.TitleUpdates.Write);
            PostgresCopy.Copy(c, RegistryTables.ChangeReports.Copy, records.SelectMany(r => r.ChangeReports), RegistryTables.ChangeReports.Write);
        }
    }
}
