using System.Diagnostics;
using System.Text;
using Dapper;
using JxEnterpriseLadder.Domain.Access;
using JxEnterpriseLadder.Domain.Registry;
using JxEnterpriseLadder.Exchange;
using JxEnterpriseLadder.Generator;
using JxEnterpriseLadder.Rules.Engine;
using JxEnterpriseLadder.Services;
using MiniExcelLibs;
using JxEnterpriseLadder.Rules;

namespace JxEnterpriseLadder.Data.Tests;

/// <summary>
/// The importer on both databases: a 100,000-row workbook with a few bad rows is rejected with an exact report and
/// nothing written, then imported whole once fixed; re-imports are idempotent, changes are audited with before and
/// after; export then import gives identical data; CSV in every encoding Chinese office software writes; a real
/// child process killed mid-import leaves the database exactly as before.
/// </summary>
public sealed class ImportTests
{
    private static readonly AssessmentEngine Engine = new();
    private static readonly AuditStamp Officer = new("officer-a", "test import");

    internal static RegistryImporter Importer(Database db) => new(new RegistryImportTarget(new RegistryRepository(db)), TimeProvider.System);

    internal static Database Fresh(string provider)
    {
        var db = Providers.Fresh(provider);
        new RegistryRepository(db).SaveReferenceData(Domain.JiangxiReference.Default);
        return db;
    }

    internal static List<EnterpriseRecord> Province(int enterprises, int seed = 11) =>
        new ProvinceGenerator(Engine).Stream(new GeneratorOptions { Seed = seed, Enterprises = enterprises }).ToList();

    /// <summary>A workbook of the given sheets, each a list of rows in the kind's column order.</summary>
    internal static MemoryStream Workbook(params (string Kind, List<object?[]> Rows)[] sheets)
    {
        var book = new Dictionary<string, object>();
        foreach (var (kind, rows) in sheets) book[SheetSchema.Of(kind).Zh] = RegistryExport.Table(SheetSchema.Of(kind), rows);
        var s = new MemoryStream();
        s.SaveAs(book);
        s.Position = 0;
        return s;
    }

    internal static List<object?[]> Rows(string kind, IEnumerable<EnterpriseRecord> records) => RegistryExport.Rows(SheetSchema.Of(kind), records).ToList();

    internal static long Count(Database db, string table)
    {
        using var c = db.Open();
        return c.ExecuteScalar<long>($"SELECT COUNT(*) FROM {table}"); // table names are the tests' own constants
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public void AHundredThousandRowWorkbookWithBadRowsWritesNothingAndImportsWholeOnceFixed(string provider)
    {
        var db = Fresh(provider);
        var records = new List<EnterpriseRecord>();
        var rows = 0;
        foreach (var r in new ProvinceGenerator(Engine).Stream(new GeneratorOptions { Seed = 5, Enterprises = 20_000 }))
        {
            if (rows >= 100_000) break;
            records.Add(r);
            rows += 1 + r.Filings.Count;
        }
        var enterprises = Rows(SheetSchema.Enterprises, records);
        var filings = Rows(SheetSchema.Filings, records);
        Assert.True(enterprises.Count + filings.Count >= 100_000);

        // Four bad rows: an unknown city, text in a number column, tech staff above employees, a repeated filing.
        var goodCity = enterprises[3][3];
        enterprises[3][3] = "火星市";
        var goodEmployees = filings[98][2];
        filings[98][2] = "五十";
        var tech = filings.FindIndex(200, f => f[2] is int e && e > 0);
        var goodTech = filings[tech][3];
        filings[tech][3] = (int)filings[tech][2]! + 1;
        var duplicated = filings[300];
        filings.Insert(301, (object?[])duplicated.Clone());

        var importer = Importer(db);
        var rejected = importer.Import(AccessScope.Province, Officer, [new("province.xlsx", Workbook((SheetSchema.Enterprises, enterprises), (SheetSchema.Filings, filings)))]);
        Assert.False(rejected.Written);
        Assert.Collection(rejected.Problems,
            p => AssertProblem(p, "企业", 5, "所在设区市（D列）", "火星市", "参考数据中没有"),
            p => AssertProblem(p, "年度申报", 100, "职工总数（人）（C列）", "五十", "应为整数"),
            p => AssertProblem(p, "年度申报", tech + 2, "科技人员数（人）", null, "超过职工总数"),
            p => AssertProblem(p, "年度申报", 303, "统一社会信用代码（A列）", (string)duplicated[0]!, "文件内重复"));
        Assert.Equal(0, Count(db, "enterprises"));
        Assert.Equal(0, Count(db, "filings"));
        Assert.Equal(0, Count(db, "audit_trail"));
        // Every firm is new to this registry: one refused for its bad rows is a problem, never "no change".
        Assert.Equal(0, rejected.Summary.UnchangedEnterprises);

        // The report as a spreadsheet names the same rows.
        using var report = new MemoryStream();
        ImportReport.Write(rejected.Problems, report);
        report.Position = 0;
        var reported = report.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal([5.0, 100.0, tech + 2.0, 303.0], reported.Select(r => Convert.ToDouble(r["行 Row"])));

        enterprises[3][3] = goodCity;
        filings[98][2] = goodEmployees;
        filings[tech][3] = goodTech;
        filings.RemoveAt(301);
        var progress = new List<string>();
        var imported = importer.Import(AccessScope.Province, Officer, [new("province.xlsx", Workbook((SheetSchema.Enterprises, enterprises), (SheetSchema.Filings, filings)))],
            progress: progress.Add);
        Assert.True(imported.Written, string.Join("\n", imported.Problems.Take(5)));
        Assert.Empty(imported.Problems);
        Assert.Equal(records.Count, imported.Summary.NewEnterprises);
        Assert.Equal(records.Count, Count(db, "enterprises"));
        Assert.Equal(filings.Count, Count(db, "filings"));
        Assert.Equal(records.Count + filings.Count, Count(db, "audit_trail"));
        Assert.Contains(progress, m => m.StartsWith($"写入 {records.Count}/{records.Count}", StringComparison.Ordinal));
        var sample = records[4321];
        var stored = new RegistryRepository(db).Get(sample.Enterprise.CreditCode)!;
        Assert.Equal(RecordDiff.Comparable(sample.Enterprise), RecordDiff.Comparable(stored.Enterprise));
        Assert.Equal(sample.Filings, stored.Filings);
    }

    private static void AssertProblem(ImportProblem p, string sheet, int row, string columnStart, string? value, string message)
    {
        Assert.Equal("province.xlsx", p.File);
        Assert.Equal(sheet, p.Sheet);
        Assert.Equal(row, p.Row);
        Assert.StartsWith(columnStart, p.Column);
        Assert.Equal(value, p.Value);
        Assert.Contains(message, p.Message);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public void ExportThenImportGivesIdenticalDataAndReimportingChangesNothing(string provider)
    {
        var source = Fresh(provider);
        var records = Province(250);
        new RegistryRepository(source).Insert(records);
        var folder = Path.Combine(Path.GetTempPath(), "jxladder-tests", Guid.NewGuid().ToString("N"));
        var files = RegistryExport.CsvFolder(new RegistryRepository(source).StreamAll(), folder);

        var target = Fresh(provider);
        var first = Import(target, files);
        Assert.True(first.Written, string.Join("\n", first.Problems.Take(5)));
        var original = new RegistryRepository(source).StreamAll().ToList();
        var copy = new RegistryRepository(target).StreamAll().ToList();
        Assert.Equal(original.Select(r => r.Enterprise.CreditCode), copy.Select(r => r.Enterprise.CreditCode));
        Assert.All(original.Zip(copy), pair => Assert.Empty(RecordDiff.Between(pair.First, pair.Second)));

        // The same content again: no change, nothing appended to the trail.
        var trail = Count(target, "audit_trail");
        var again = Import(target, files);
        Assert.False(again.Written);
        Assert.Equal(250, again.Summary.UnchangedEnterprises);
        Assert.Equal(trail, Count(target, "audit_trail"));

        // One enterprise's record as a workbook round-trips too.
        var one = original[17];
        using var book = new MemoryStream();
        RegistryExport.Workbook([one], book);
        book.Position = 0;
        var fresh = Fresh(provider);
        Assert.True(Importer(fresh).Import(AccessScope.Province, Officer, [new("one.xlsx", book)]).Written);
        Assert.Empty(RecordDiff.Between(one, new RegistryRepository(fresh).Get(one.Enterprise.CreditCode)!));
    }

    private static ImportResult Import(Database db, IEnumerable<string> files)
    {
        var streams = files.Select(f => new ImportFile(Path.GetFileName(f), File.OpenRead(f))).ToList();
        try { return Importer(db).Import(AccessScope.Province, Officer, streams); }
        finally { foreach (var s in streams) s.Content.Dispose(); }
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public void AChangedFilingIsAnUpdateWithBeforeAndAfterInTheTrail(string provider)
    {
        var db = Fresh(provider);
        var records = Province(30);
        var importer = Importer(db);
        Assert.True(importer.Import(AccessScope.Province, Officer, [new("a.xlsx", Workbook((SheetSchema.Enterprises, Rows(SheetSchema.Enterprises, records)), (SheetSchema.Filings, Rows(SheetSchema.Filings, records))))]).Written);
        var target = records.First(r => r.Filings.Any(f => f.RdExpense > 0));
        var filing = target.Filings.First(f => f.RdExpense > 0);
        var version = new RegistryRepository(db).Get(target.Enterprise.CreditCode)!.Enterprise.RecordVersion;

        var revised = filing with { RdExpense = filing.RdExpense + 1000m, RdExpenseDomestic = filing.RdExpenseDomestic };
        var result = importer.Import(AccessScope.Province, new AuditStamp("officer-b", "correction"),
            [new("fix.xlsx", Workbook((SheetSchema.Filings, RegistryExport.Rows(SheetSchema.Of(SheetSchema.Filings), [new EnterpriseRecord { Enterprise = target.Enterprise, Filings = [revised] }]).ToList())))]);
        Assert.True(result.Written);
        Assert.Equal(1, result.Summary.ChangedEnterprises);
        Assert.Equal([target.Enterprise.CreditCode], result.Changed);
        var stored = new RegistryRepository(db).Get(target.Enterprise.CreditCode)!;
        Assert.Equal(revised, stored.Filings.Single(f => f.Year == filing.Year));
        Assert.Equal(target.Filings.Count, stored.Filings.Count); // the other years stay
        Assert.Equal(version + 1, stored.Enterprise.RecordVersion); // incremental screening sees the change

        var entry = new AuditRepository(db).For(target.Enterprise.CreditCode)[0];
        Assert.Equal(("officer-b", "correction", "filing", "update", filing.Year.ToString()), (entry.Actor, entry.Reason, entry.Subject, entry.Action, entry.SubjectKey));
        Assert.Contains($"\"rdExpense\":{filing.RdExpense}", entry.BeforeValue);
        Assert.Contains($"\"rdExpense\":{revised.RdExpense}", entry.AfterValue);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public void CsvInUtf8WithAndWithoutBomAndInGb18030ReadsTheSame(string provider)
    {
        var records = Province(20);
        using var w = new StringWriter();
        RegistryExport.Csv(SheetSchema.Of(SheetSchema.Enterprises), records, w);
        // A 万元 header converts to yuan; an English header is an alias.
        var text = w.ToString();
        byte[][] encodings =
        [
            Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text)).ToArray(),
            Encoding.UTF8.GetBytes(text),
            SpreadsheetReader.Gb18030.GetBytes(text),
        ];
        var stored = new List<List<EnterpriseRecord>>();
        foreach (var bytes in encodings)
        {
            var db = Fresh(provider);
            var result = Importer(db).Import(AccessScope.Province, Officer, [new("企业.csv", new MemoryStream(bytes))]);
            Assert.True(result.Written, string.Join("\n", result.Problems.Take(3)));
            stored.Add(new RegistryRepository(db).StreamAll().ToList());
        }
        Assert.All(stored, s => Assert.Equal(records.Select(r => RecordDiff.Comparable(r.Enterprise)).OrderBy(e => e.CreditCode, StringComparer.Ordinal),
            s.Select(r => RecordDiff.Comparable(r.Enterprise))));

        var filings = "统一社会信用代码,Fiscal year,研究开发费用总额（万元）\r\n" + $"{records[0].Enterprise.CreditCode},2024,12.5\r\n";
        var wan = Fresh(provider);
        Importer(wan).Import(AccessScope.Province, Officer, [new("企业.csv", new MemoryStream(encodings[0]))]);
        Assert.True(Importer(wan).Import(AccessScope.Province, Officer, [new("申报.csv", new MemoryStream(SpreadsheetReader.Gb18030.GetBytes(filings)))]).Written);
        Assert.Equal(125_000m, new RegistryRepository(wan).Get(records[0].Enterprise.CreditCode)!.Filings.Single(f => f.Year == 2024).RdExpense);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public void FilesThatAreNotSpreadsheetsAndOversizedUploadsAreRefusedWithAClearMessage(string provider)
    {
        var db = Fresh(provider);
        var registry = new RegistryRepository(db);
        var exchange = new RegistryExchange(Importer(db), registry, new AuditRepository(db), new ExchangeLimits(1024));
        (string Name, byte[] Bytes, string Message)[] cases =
        [
            ("photo.png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13], "不是表格文件"),
            ("old.xls", [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1], "旧版 Excel"),
            ("fake.xlsx", [0x50, 0x4B, 0x03, 0x04, 1, 2, 3, 4, 5, 6], "不是有效的 .xlsx"),
            ("binary.csv", [0x41, 0x00, 0x42, 0x00, 0x01], "二进制"),
            ("empty.csv", [], "文件为空"),
            ("big.csv", Encoding.UTF8.GetBytes(new string('x', 2048)), "超过上限"),
        ];
        foreach (var (name, bytes, message) in cases)
        {
            var result = exchange.Import(AccessScope.Province, "officer", [new(name, new MemoryStream(bytes))]);
            Assert.False(result.Written);
            var problem = Assert.Single(result.Problems);
            Assert.Equal(name, problem.File);
            Assert.Contains(message, problem.Message);
        }
        Assert.Equal(0, Count(db, "enterprises"));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public void TheAuditTrailCannotBeEditedEvenInTheDatabase(string provider)
    {
        var db = Fresh(provider);
        new RegistryRepository(db).Insert(Province(3));
        Assert.Equal(1, Count(db, "audit_trail")); // a load is one entry
        using var c = db.Open();
        Assert.ThrowsAny<System.Data.Common.DbException>(() => c.Execute("UPDATE audit_trail SET actor = 'someone else'"));
        Assert.ThrowsAny<System.Data.Common.DbException>(() => c.Execute("DELETE FROM audit_trail"));
        Assert.Equal(1, Count(db, "audit_trail"));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public void AcceptingValidRowsWritesTheRestAndLeavesOutEachEnterpriseWithAProblem(string provider)
    {
        var db = Fresh(provider);
        var records = Province(10);
        var rows = Rows(SheetSchema.Enterprises, records);
        var bad = (string)rows[2][0]!;
        rows[2][2] = "not a date";
        var strict = Importer(db).Import(AccessScope.Province, Officer, [new("a.xlsx", Workbook((SheetSchema.Enterprises, rows)))]);
        Assert.False(strict.Written);
        Assert.Equal(0, Count(db, "enterprises"));
        var lenient = Importer(db).Import(AccessScope.Province, Officer, [new("a.xlsx", Workbook((SheetSchema.Enterprises, rows)))], new ImportOptions(AcceptValidRows: true));
        Assert.True(lenient.Written);
        Assert.Equal(1, lenient.Summary.LeftOut);
        Assert.Equal(9, Count(db, "enterprises"));
        Assert.Null(new RegistryRepository(db).Get(bad));
    }

    /// <summary>
    /// The real CLI in a child process, killed while it writes a large import: the database is exactly as it was (the
    /// import is one transaction). The same file then imports in full.
    /// </summary>
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task AKilledImportLeavesTheDatabaseExactlyAsBefore(string provider)
    {
        var db = Fresh(provider);
        var records = Province(14_000, seed: 3);
        new RegistryRepository(db).Insert(records.Take(100).ToList());
        var before = Fingerprint(db);
        var folder = Path.Combine(Path.GetTempPath(), "jxladder-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, "big.xlsx");
        using (var s = Workbook((SheetSchema.Enterprises, Rows(SheetSchema.Enterprises, records.Skip(100))), (SheetSchema.Filings, Rows(SheetSchema.Filings, records.Skip(100)))))
        await using (var f = File.Create(file)) await s.CopyToAsync(f);
        var spec = db.Provider == DatabaseProvider.Sqlite ? "sqlite:" + new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(db.ConnectionString).DataSource : db.ConnectionString;

        var cli = Path.Combine(AppContext.BaseDirectory, "jxladder.dll");
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, StandardErrorEncoding = Encoding.UTF8 };
        foreach (var arg in new[] { cli, "import", file, "--db", spec }) psi.ArgumentList.Add(arg);
        // On PostgreSQL the test holds the audit trail in SHARE mode, so the import writes its first batch of
        // enterprises and then waits, mid-transaction, to append that batch's trail: it is killed while seen
        // waiting, whatever the machine's load. SQLite has one writer, so there it is killed on reading the
        // progress line of the first batch, as many batches remain.
        using var holder = db.Provider == DatabaseProvider.Postgres ? db.Open() : null;
        using var hold = holder?.BeginTransaction();
        if (holder is not null) holder.Execute("LOCK TABLE audit_trail IN SHARE MODE", transaction: hold);
        using (var p = Process.Start(psi)!)
        {
            _ = p.StandardOutput.ReadToEndAsync();
            var killed = false;
            var read = new StringBuilder();
            while (await p.StandardError.ReadLineAsync() is { } line)
            {
                read.AppendLine(line);
                if (holder is not null ? line.Contains("写入 0/", StringComparison.Ordinal) : line.Contains("写入 2000/", StringComparison.Ordinal))
                {
                    if (holder is not null) await WaitUntilAnImportWaitsOnTheTrail(db);
                    p.Kill(entireProcessTree: true);
                    killed = true;
                    break;
                }
            }
            await p.WaitForExitAsync();
            Assert.True(killed, "the import ended before it could be killed mid-write: " + read);
            Assert.NotEqual(0, p.ExitCode);
        }
        hold?.Rollback();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Assert.Equal(before, Fingerprint(db));

        var (exit, _, stderr) = await Cli("import", file, "--db", spec);
        Assert.True(exit == 0, stderr);
        Assert.Equal(records.Count, Count(db, "enterprises"));
    }

    /// <summary>Until another session waits for a lock on the audit trail: the import, its first batch written.</summary>
    private static async Task WaitUntilAnImportWaitsOnTheTrail(Database db)
    {
        using var c = db.Open();
        for (var i = 0; i < 1200; i++)
        {
            if (c.ExecuteScalar<long>("""
                SELECT count(*) FROM pg_locks l JOIN pg_class t ON t.oid = l.relation
                WHERE NOT l.granted AND t.relname = 'audit_trail' AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
                """) > 0) return;
            await Task.Delay(100);
        }
        Assert.Fail("the import never reached the audit trail within two minutes");
    }

    private static string Fingerprint(Database db) => string.Join(",",
        new[] { "enterprises", "filings", "ip_holdings", "tech_sme_registrations", "hnte_certificates", "audit_trail" }.Select(t => $"{t}={Count(db, t)}"));

    internal static async Task<(int Exit, string Stdout, string Stderr)> Cli(params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, StandardErrorEncoding = Encoding.UTF8, StandardOutputEncoding = Encoding.UTF8 };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "jxladder.dll"));
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        return (p.ExitCode, await stdout, await stderr);
    }
}

/// <summary>Parameter changes arrive with a deployment: the trail records each set when first used and when it changes.</summary>
public sealed class ParameterAuditTests
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public void EachParameterSetIsRecordedOnceAndAgainOnlyWhenItChanges(string provider)
    {
        var db = Providers.Fresh(provider);
        var audit = new AuditRepository(db);
        var store = JxEnterpriseLadder.Rules.Engine.ParameterStore.Default;
        var first = ParameterAudit.RecordChanges(store, audit, TimeProvider.System);
        Assert.Equal(store.All.Count(), first.Count);
        Assert.All(first, c => Assert.Equal("insert", c.Action));
        Assert.Empty(ParameterAudit.RecordChanges(store, audit, TimeProvider.System));

        var set = store.All.First(s => s.Set == "tech-sme");
        var key = set.Values.Keys.First(k => set.Values[k].Value.ValueKind == System.Text.Json.JsonValueKind.Number);
        var changed = new JxEnterpriseLadder.Rules.Engine.ParameterSet
        {
            Set = set.Set, EffectiveFrom = set.EffectiveFrom, Source = set.Source,
            Values = new(set.Values) { [key] = new JxEnterpriseLadder.Rules.Engine.Parameter { Value = System.Text.Json.JsonDocument.Parse("12345").RootElement } },
        };
        var update = Assert.Single(ParameterAudit.RecordChanges(store.With([changed]), audit, TimeProvider.System));
        Assert.Equal(("update", set.Version), (update.Action, update.SubjectKey));
        Assert.Contains("12345", update.AfterValue);
        Assert.DoesNotContain("12345", update.BeforeValue);
        Assert.Equal("deployment", audit.Latest("parameter", set.Version)!.Actor);
    }
}
