using JxEnterpriseLadder.Cli;

// jxladder: the registry and qualification engine from the command line. Each verb is in Verbs/.
var verbs = new Dictionary<string, Func<string[], int>>
{
    ["db"] = DbVerb.Run,
    ["seed"] = SeedVerb.Run,
    ["screen"] = ScreenVerb.Run,
    ["stats"] = StatsVerb.Run,
    ["assess"] = AssessVerb.Run,
    ["bench"] = BenchVerb.Run,
    ["ml"] = MlVerb.Run,
    ["import"] = ImportVerb.Run,
    ["export"] = ExportVerb.Run,
    ["template"] = TemplateVerb.Run,
    ["whatif"] = WhatIfVerb.Run,
};

if (args.Length == 0 || args[0] is "--help" or "-h" or "help")
{
    Console.WriteLine("""
        jxladder — JxEnterpriseLadder registry and qualification engine

        usage: jxladder <verb> [options]   (jxladder <verb> --help for each)
          db migrate     create or update the registry schema
          seed           generate the demo province into an empty registry
          screen         run the engine over the whole registry at a date and store the results
          stats          counts by tier, year and city, with the calibration table
          assess         assess JSON profiles (file or stdin), one NDJSON result per profile
          bench          the whole pipeline at a scale (bench --scale province|nation), the engine alone, the pages' queries
          ml             promotion prediction: train, evaluate, predict (one model per rung)
          import         import .xlsx / CSV files in one transaction, after checking every row
          export         the registry as CSV files, or one enterprise's record as .xlsx
          template       the import templates (.xlsx, or CSV files), from the data dictionary
          whatif         screen under a policy draft beside the law: who would enter or leave, by city

        --db sqlite:<path> | "Host=…;Database=…;Username=…"  (default sqlite:data/jxladder.db, or $JXLADDER_DB)
        """);
    return args.Length == 0 ? 2 : 0;
}

if (!verbs.TryGetValue(args[0], out var verb))
{
    Console.Error.WriteLine($"jxladder: unknown verb '{args[0]}' (try jxladder --help)");
    return 2;
}

try
{
    return verb(args[1..]);
}
catch (UsageException e)
{
    Console.Error.WriteLine($"jxladder {args[0]}: {e.Message}");
    return 2;
}
catch (Exception e) when (e is ArgumentException or InvalidOperationException or InvalidDataException or JxEnterpriseLadder.Domain.Registry.RegistryValidationException
                               or Npgsql.NpgsqlException or Microsoft.Data.Sqlite.SqliteException or JxEnterpriseLadder.Prediction.ModelFileException
                               or JxEnterpriseLadder.Domain.Registry.ConcurrentChangeException or JxEnterpriseLadder.Exchange.UnreadableFileException
                               or System.Xml.XmlException or IOException or JxEnterpriseLadder.Domain.Access.OutOfScopeException)
{
    Console.Error.WriteLine($"jxladder {args[0]}: {e.Message}");
    return 1;
}
