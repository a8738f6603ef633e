using System.Diagnostics;
using System.Text.Json;
using Dapper;
using JxEnterpriseLadder.Data;
using JxEnterpriseLadder.Domain.Access;
using JxEnterpriseLadder.Prediction;
using JxEnterpriseLadder.Rules.Engine;
using JxEnterpriseLadder.Services;
using JxEnterpriseLadder.Domain;
using JxEnterpriseLadder.Rules;

namespace JxEnterpriseLadder.Cli;

/// <summary>
/// `jxladder bench queries`: the latency of what the web pages ask the registry, on an existing database, median and
/// p95 over repeated runs after a warm-up, each beside its floor (the round trip of a trivial query that reads the
/// same scope), so the ratio to that floor shows.
/// </summary>
internal static class QueryBench
{
    public sealed record Measure(string Query, int Runs, double MedianMs, double P95Ms, int Rows, double FloorMedianMs);

    public static IReadOnlyList<Measure> Run(Database db, int runs, string park)
    {
        var directory = new DirectoryRepository(db);
        var registry = new RegistryRepository(db);
        var predictions = new PredictionRepository(db);
        var engine = new AssessmentEngine();
        var lists = new CandidateLists(predictions, registry, engine);
        var parkScope = new AccessScope(Roles.ParkManager, ParkCode: park);
        var baseYear = predictions.LatestBaseYear() ?? throw new InvalidOperationException("no predictions: run jxladder ml predict first");
        var city = registry.Get(directory.Search(parkScope, new DirectoryRepository.Filter(), DirectoryRepository.SortBy.CreditCode, false, 0, 1).Rows.Single().CreditCode)!.Enterprise.CityCode;

        int Floor(AccessScope scope)
        {
            using var c = db.Open();
            return c.ExecuteScalar<int>("SELECT COUNT(*) FROM enterprises WHERE (@ScopePark IS NULL OR park_code = @ScopePark) AND (@ScopeCity IS NULL OR city_code = @ScopeCity) AND (@ScopeCredit IS NULL OR credit_code = @ScopeCredit)", scope.Parameters);
        }

        var cases = new (string Name, AccessScope Scope, Func<int> Query)[]
        {
            ("candidate list of one park, SQL (hnte-entry, top 50)", parkScope,
                () => predictions.Candidates(parkScope, Transition.HnteEntry.Id, baseYear, null, null, null, 50).Count),
            ("candidate list of one park with gaps (hnte-entry, top 50)", parkScope,
                () => lists.For(parkScope, new CandidateLists.Query(Transition.HnteEntry, Limit: 50)).Count),
            ("search: province, sorted by probability, page 1", AccessScope.Province,
                () => directory.Search(AccessScope.Province, new DirectoryRepository.Filter(), DirectoryRepository.SortBy.Probability, true, 0, 25).Rows.Count),
            ("search: one city, tech-SME qualified, by name, page 3", AccessScope.Province,
                () => directory.Search(AccessScope.Province, new DirectoryRepository.Filter(City: city, OutcomeTier: TierIds.TechSme, Outcome: Outcomes.Qualified), DirectoryRepository.SortBy.Name, false, 50, 25).Rows.Count),
            ("search: name contains 科技, province", AccessScope.Province,
                () => directory.Search(AccessScope.Province, new DirectoryRepository.Filter(Text: "科技"), DirectoryRepository.SortBy.CreditCode, false, 0, 25).Rows.Count),
            ("dashboard aggregates: province (recognitions, expected, screening counts)", AccessScope.Province,
                () => directory.Recognitions(AccessScope.Province).Count + directory.Expected(AccessScope.Province, baseYear).Count + directory.ScreeningCounts(AccessScope.Province).Count),
            ("dashboard aggregates: one park", parkScope,
                () => directory.Recognitions(parkScope).Count + directory.Expected(parkScope, baseYear).Count + directory.ScreeningCounts(parkScope).Count),
        };

        var results = new List<Measure>();
        foreach (var (name, scope, query) in cases)
        {
            var (median, p95, rows) = Time(query, runs);
            var (floor, _, _) = Time(() => Floor(scope), runs);
            results.Add(new Measure(name, runs, median, p95, rows, floor));
        }
        return results;
    }

    private static (double Median, double P95, int Rows) Time(Func<int> query, int runs)
    {
        var rows = query(); // warm-up: JIT, connection pool, the database's own caches
        query();
        var times = new double[runs];
        for (var i = 0; i < runs; i++)
        {
            var clock = Stopwatch.StartNew();
            rows = query();
            times[i] = clock.Elapsed.TotalMilliseconds;
        }
        Array.Sort(times);
        return (times[runs / 2], times[Math.Min(runs - 1, (int)Math.Ceiling(runs * 0.95) - 1)], rows);
    }

    public static void Print(string database, IReadOnlyList<Measure> results, string? json)
    {
        Console.WriteLine($"Query latency on {database}, {DateTime.Now:yyyy-MM-dd}, {Environment.ProcessorCount} cores");
        Console.WriteLine("| query | rows | median ms | p95 ms | floor median ms | × floor |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (var m in results)
            Console.WriteLine($"| {m.Query} | {m.Rows} | {m.MedianMs:0.0} | {m.P95Ms:0.0} | {m.FloorMedianMs:0.0} | {m.MedianMs / Math.Max(0.01, m.FloorMedianMs):0} |");
        if (json is not null)
            File.WriteAllText(json, JsonSerializer.Serialize(new { database, date = DateTime.Now.ToString("O"), cores = Environment.ProcessorCount, results },
                new JsonSerializerOptions { WriteIndented = true }));
    }
}
