using JxEnterpriseLadder.Services;
using JxEnterpriseLadder.Data;
using JxEnterpriseLadder.Domain.Access;
using JxEnterpriseLadder.Exchange;

namespace JxEnterpriseLadder.Cli;

/// <summary>import, export and template: the same importer and exporters as the web app's upload page and downloads.</summary>
internal static class ImportVerb
{
    private const string Help = """
        jxladder import FILE... [--dry-run] [--accept-valid-rows] [--report REPORT.xlsx] [--user NAME] [--db SPEC]
          Imports enterprises, yearly filings, IP, certifications, list entries, financing rounds and clean-record events
          from .xlsx workbooks and CSV files (UTF-8 with or without BOM, GB18030/GBK), all in one transaction.
          Every row is checked first; any problem writes nothing (exit code 1) and each is printed with its file, sheet,
          row, column and value. --accept-valid-rows writes the enterprises without problems and leaves out the others.
          --dry-run checks only. --report writes the problems as a spreadsheet. The audit trail names --user (default
          jxladder). Templates: jxladder template.
        """;

    public static int Run(string[] argv)
    {
        var a = new Args(argv, new HashSet<string> { "--db", "--report", "--user" }, new HashSet<string> { "--dry-run", "--accept-valid-rows" });
        if (a.Help) return Common.ShowHelp(Help + "\n" + Common.DbHelp);
        if (a.Positional.Count == 0) throw new UsageException("name at least one file to import");
        var db = Common.Db(a);
        Migrator.Migrate(db);
        var registry = new RegistryRepository(db);
        registry.SaveReferenceData(Domain.JiangxiReference.Default);
        var exchange = new RegistryExchange(new RegistryImporter(new RegistryImportTarget(registry), TimeProvider.System), registry, new AuditRepository(db), new ExchangeLimits(long.MaxValue));
        var streams = a.Positional.Select(p => File.Exists(p) ? File.OpenRead(p) : throw new UsageException($"no such file: {p}")).ToList();
        try
        {
            var files = a.Positional.Zip(streams, (p, s) => new ImportFile(Path.GetFileName(p), s)).ToList();
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var result = exchange.Import(new AccessScope(Roles.Admin), a.Get("--user") ?? "jxladder", files,
                new ImportOptions(a.Has("--accept-valid-rows"), a.Has("--dry-run")), m => Console.Error.WriteLine("  " + m));
            foreach (var p in result.Problems.Take(1000)) Console.Error.WriteLine(p);
            if (result.Problems.Count > 1000) Console.Error.WriteLine($"… and {result.Problems.Count - 1000} more problems");
            if (a.Get("--report") is { } report)
            {
                using var output = File.Create(report);
                ImportReport.Write(result.Problems, output);
            }
            var s = result.Summary;
            Console.WriteLine($"{(result.Written ? "imported" : "nothing written")}: {s.Rows} rows; {s.NewEnterprises} new and {s.ChangedEnterprises} changed enterprises, " +
                              $"{s.UnchangedEnterprises} unchanged, {s.LeftOut} left out; {s.AuditEntries} audit entries; {result.Problems.Count} problems; {clock.Elapsed.TotalSeconds:0.0} s");
            return result.Problems.Count > 0 && !a.Has("--accept-valid-rows") ? 1 : 0;
        }
        finally
        {
            foreach (var s in streams) s.Dispose();
        }
    }
}

internal static class ExportVerb
{
    private const string Help = """
        jxladder export --out PATH [--code CREDIT_CODE] [--db SPEC]
          Without --code: the whole registry as CSV files in the folder PATH, one per sheet (企业.csv, 年度申报.csv …),
          UTF-8 with BOM, in the import's format: importing them back gives identical data.
          With --code: that enterprise's whole record as one .xlsx workbook at PATH, one sheet per kind.
        """;

    public static int Run(string[] argv)
    {
        var a = new Args(argv, new HashSet<string> { "--db", "--out", "--code" }, new HashSet<string>());
        if (a.Help) return Common.ShowHelp(Help + "\n" + Common.DbHelp);
        var output = a.Get("--out") ?? throw new UsageException("--out is required");
        var db = Common.Db(a);
        Migrator.Migrate(db);
        var registry = new RegistryRepository(db);
        if (a.Get("--code") is { } code)
        {
            var record = registry.Get(code) ?? throw new UsageException($"the registry holds no enterprise {code}");
            using var file = File.Create(output);
            RegistryExport.Workbook([record], file);
            Console.WriteLine($"exported {code} to {output}");
            return 0;
        }
        var files = RegistryExport.CsvFolder(registry.StreamAll(), output, n => { if (n % 10_000 == 0) Console.Error.WriteLine($"  {n} enterprises"); });
        Console.WriteLine($"exported the registry to {files.Count} CSV files in {output}");
        return 0;
    }
}

internal static class TemplateVerb
{
    private const string Help = """
        jxladder template --out PATH [--format xlsx|csv]
          The import templates, generated from the data dictionary: an .xlsx workbook with every sheet's Chinese headers
          and an instructions sheet (default), or one CSV file per sheet in the folder PATH.
        """;

    public static int Run(string[] argv)
    {
        var a = new Args(argv, new HashSet<string> { "--out", "--format" }, new HashSet<string>());
        if (a.Help) return Common.ShowHelp(Help);
        var output = a.Get("--out") ?? throw new UsageException("--out is required");
        switch (a.Get("--format") ?? "xlsx")
        {
            case "xlsx":
                using (var file = File.Create(output)) Templates.Workbook(file);
                break;
            case "csv":
                Directory.CreateDirectory(output);
                foreach (var kind in SheetSchema.All)
                {
                    using var file = File.Create(Path.Combine(output, kind.Zh + ".csv"));
                    Templates.Csv(kind, file);
                }
                break;
            default: throw new UsageException("--format is xlsx or csv");
        }
        Console.WriteLine($"template written to {output}");
        return 0;
    }
}
