using JxEnterpriseLadder.Data;
using JxEnterpriseLadder.Domain;
using JxEnterpriseLadder.Rules.Engine;
using JxEnterpriseLadder.Services;
using JxEnterpriseLadder.Rules;

namespace JxEnterpriseLadder.Cli;

internal static class StatsVerb
{
    private const string Help = """
        jxladder stats [--as-of YYYY-MM-DD] [--db SPEC]
          Prints the registry's counts: enterprises; tech-SME registrations by year; list entries by tier
          and year; the engine's qualified counts by tier and city for a stored screening (the latest,
          or --as-of); and the calibration table against Jiangxi's published counts.
        """;

    public static int Run(string[] argv)
    {
        var a = new Args(argv, new HashSet<string> { "--db", "--as-of" }, new HashSet<string>());
        if (a.Help) return Common.ShowHelp(Help + "\n" + Common.DbHelp);
        if (a.Positional.Count > 0) throw new UsageException($"unexpected argument '{a.Positional[0]}'");
        var db = Common.Db(a);
        Migrator.Migrate(db);
        var registry = new RegistryRepository(db);
        var statistics = new RegistryStatistics(db);
        var parameters = ParameterStore.Default;
        Console.WriteLine($"{db.Description}: {registry.CountEnterprises()} enterprises");

        Console.WriteLine("\n科技型中小企业入库（按年） tech-SME registrations by year");
        foreach (var y in statistics.RegisteredTechSmesByYear()) Console.WriteLine($"  {y.Year}  {y.Count,8}");

        Console.WriteLine("\n有效高新技术企业（年末） valid HNTE certificates at year end");
        var validity = parameters.InForce(TierIds.Hnte, DateOnly.FromDateTime(DateTime.Today))!.Integer("certificateValidityYears");
        foreach (var y in statistics.RegisteredTechSmesByYear().Select(x => x.Year))
            Console.WriteLine($"  {y}  {statistics.ValidHnteCount(new DateOnly(y, 12, 31), validity),8}");

        Console.WriteLine("\n高成长性企业名单（按年、层级） high-growth list entries");
        foreach (var g in statistics.ListEntriesByYear().GroupBy(x => x.Year))
            Console.WriteLine($"  {g.Key}  " + string.Join("  ", g.Select(x => $"{x.Tier} {x.Count}")));

        var dates = statistics.AssessedDates();
        var asOf = a.Has("--as-of") ? a.Date("--as-of", default) : dates.Count > 0 ? dates[^1] : (DateOnly?)null;
        if (asOf is { } d)
        {
            var counts = statistics.EligibleByTierAndCity(d);
            var cities = JiangxiReference.Default.Cities;
            Console.WriteLine($"\n引擎评定合格（{d:yyyy-MM-dd}，按层级、设区市） qualified by tier and city");
            Console.WriteLine("  " + "tier".PadRight(18) + string.Join("", cities.Select(c => c.Name.PadLeft(6))) + "   total");
            foreach (var tier in AssessmentEngine.Tiers)
            {
                var row = cities.Select(c => counts.Where(x => x.Tier == tier && x.City == c.Code).Sum(x => x.Count)).ToArray();
                Console.WriteLine("  " + tier.PadRight(18) + string.Join("", row.Select(n => n.ToString().PadLeft(8))) + row.Sum().ToString().PadLeft(8));
            }
        }
        else Console.WriteLine("\n(no stored screening: run `jxladder screen --as-of YYYY-MM-DD` for the engine's counts)");

        Console.WriteLine("\n校准对照 calibration against Jiangxi's published counts (criteria.md §4)");
        Console.WriteLine("  | year | measure | published | registry (recognised) | deviation | engine (eligible, mid-year) | deviation |");
        Console.WriteLine("  |---|---|---:|---:|---:|---:|---:|");
        foreach (var r in new ProvinceStatistics(statistics, parameters).Calibration())
            Console.WriteLine($"  | {r.Year} | {r.Measure} {r.Note} | {r.Published} | {r.Recognized} | {r.Deviation} | {r.Eligible?.ToString() ?? "—"} | {r.EligibleDeviation} |");
        return 0;
    }
}
