using System.Diagnostics;
using JxEnterpriseLadder.Data;
using JxEnterpriseLadder.Rules.Engine;
using JxEnterpriseLadder.Services;
using JxEnterpriseLadder.Rules;

namespace JxEnterpriseLadder.Cli;

internal static class ScreenVerb
{
    private const string Help = """
        jxladder screen [--as-of YYYY-MM-DD] [--db SPEC]
          Assesses every enterprise for all seven tiers at the date (default: today) and stores the results,
          replacing an earlier screening of the same date.
        """;

    public static int Run(string[] argv)
    {
        var a = new Args(argv, new HashSet<string> { "--db", "--as-of" }, new HashSet<string>());
        if (a.Help) return Common.ShowHelp(Help + "\n" + Common.DbHelp);
        if (a.Positional.Count > 0) throw new UsageException($"unexpected argument '{a.Positional[0]}'");
        var asOf = a.Date("--as-of", DateOnly.FromDateTime(DateTime.Today));
        var db = Common.Db(a);
        Migrator.Migrate(db);
        var clock = Stopwatch.StartNew();
        var summary = new Screening(new RegistryRepository(db), new AssessmentEngine()).Run(asOf, progress: (n, total) => { if (n % 5000 == 0 || n == total) Console.Error.WriteLine($"  {n}/{total} assessed"); });
        Console.WriteLine($"screened {summary.Enterprises} enterprises at {asOf:yyyy-MM-dd} in {clock.Elapsed.TotalSeconds:0.0} s");
        foreach (var (tier, count) in summary.QualifiedByTier) Console.WriteLine($"  {tier,-18} {count,8} qualified");
        return 0;
    }
}
