using System.Diagnostics;
using JxEnterpriseLadder.Data;
using JxEnterpriseLadder.Generator;
using JxEnterpriseLadder.Rules.Engine;
using JxEnterpriseLadder.Services;
using JxEnterpriseLadder.Rules;

namespace JxEnterpriseLadder.Cli;

internal static class SeedVerb
{
    private const string Help = """
        jxladder seed [--seed N] [--enterprises N] [--from 2018] [--to 2025] [--db SPEC]
          Generates the demo province (deterministic for a seed) into an empty registry: enterprises in
          the seed plan's cities, parks and industry chains, their filings, IP, financing, and the yearly
          recognition process run by the rules engine. Then screens the registry at the calibration
          dates (30 June 2020 and 2023) and today, so `jxladder stats` shows the calibration table at once.
        """;

    public static int Run(string[] argv)
    {
        var a = new Args(argv, new HashSet<string> { "--db", "--seed", "--enterprises", "--from", "--to" }, new HashSet<string>());
        if (a.Help) return Common.ShowHelp(Help + "\n" + Common.DbHelp);
        if (a.Positional.Count > 0) throw new UsageException($"unexpected argument '{a.Positional[0]}'");
        var defaults = new GeneratorOptions();
        var options = new GeneratorOptions
        {
            Seed = a.Int("--seed", defaults.Seed),
            Enterprises = a.Int("--enterprises", defaults.Enterprises, 1, 2_000_000),
            FromYear = a.Int("--from", defaults.FromYear, 2010, 2030),
            ToYear = a.Int("--to", defaults.ToYear, 2010, 2030),
        };
        if (options.ToYear < options.FromYear) throw new UsageException("--to must not be before --from");
        var db = Common.Db(a);
        var clock = Stopwatch.StartNew();
        var engine = new AssessmentEngine();
        void Progress(string m) => Console.Error.WriteLine($"[{clock.Elapsed:mm\\:ss}] {m}");
        var n = Seeding.SeedProvince(db, options, engine, Progress);
        Seeding.ScreenCalibrationDates(new RegistryRepository(db), engine, DateOnly.FromDateTime(DateTime.Today), Progress);
        Console.WriteLine($"{db.Description}: {n} enterprises generated (seed {options.Seed}, {options.FromYear}–{options.ToYear}) in {clock.Elapsed.TotalSeconds:0.0} s");
        return 0;
    }
}
