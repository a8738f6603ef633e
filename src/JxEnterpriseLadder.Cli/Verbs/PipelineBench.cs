using JxEnterpriseLadder.Domain;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using JxEnterpriseLadder.Data;
using JxEnterpriseLadder.Domain.Access;
using JxEnterpriseLadder.Domain.Registry;
using JxEnterpriseLadder.Generator;
using JxEnterpriseLadder.Prediction;
using JxEnterpriseLadder.Rules.Engine;
using JxEnterpriseLadder.Services;
using JxEnterpriseLadder.Rules;

namespace JxEnterpriseLadder.Cli;

/// <summary>
/// `jxladder bench --scale province|nation`: the whole pipeline on one database, stage by stage, each with its wall
/// time, the peak memory of this process during it, and its floor (the cost of simply reading the same data), then
/// the latency of the pages' queries (<see cref="QueryBench"/>).
/// </summary>
internal static class PipelineBench
{
    /// <summary>A named scale: enterprises, and the years of filings each has (FromYear..ToYear, no earlier history).</summary>
    public sealed record Scale(string Name, int Enterprises, int FromYear, int ToYear)
    {
        public int Years => ToYear - FromYear + 1;
        public static readonly Scale Province = new("province", 100_000, 2021, 2025);
        public static readonly Scale Nation = new("nation", 1_000_000, 2023, 2025);
        public static Scale Parse(string name) => name switch
        {
            "province" => Province,
            "nation" => Nation,
            _ => throw new UsageException($"--scale must be province or nation, not '{name}'"),
        };
    }

    public sealed record Stage(string Name, double Seconds, long Rows, double? FloorSeconds, double PeakRssMb, string Note);

    public sealed record Report(string Scale, int Enterprises, int Years, string Database, string Date, string Machine,
        IReadOnlyList<Stage> Stages, IReadOnlyList<QueryBench.Measure> Queries);

    public static Report Run(Database db, Scale scale, string models, int changed, int runs, string park, bool reuse, Action<string> say)
    {
        var engine = new AssessmentEngine();
        var registry = new RegistryRepository(db);
        var predictions = new PredictionRepository(db);
        var stages = new List<Stage>();
        var asOf = new DateOnly(scale.ToYear + 1, 6, 30); // mid-year after the last filing year: the yearly screening
        Migrator.Migrate(db);
        registry.SaveReferenceData(Domain.JiangxiReference.Default);

        // 1. Generate and bulk-load, streamed: the generator yields a chunk at a time straight into the one transaction.
        if (reuse && registry.CountEnterprises() > 0)
        {
            say($"--reuse: the registry already holds {registry.CountEnterprises()} enterprises; not loading");
            scale = scale with { Enterprises = registry.CountEnterprises() };
        }
        else
        {
            var writing = TimeSpan.Zero;
            var loaded = Measure("generate and bulk-load", () =>
            {
                var options = new GeneratorOptions { Enterprises = scale.Enterprises, FromYear = scale.FromYear, ToYear = scale.ToYear, HistoryYears = 0 };
                var n = registry.BulkLoad(new ProvinceGenerator(engine).Stream(options, say), writing: (count, t) =>
                {
                    writing += t;
                    if (count % 50_000 == 0) say($"{count} enterprises written");
                });
                registry.Analyze();
                return n;
            });
            stages.Add(loaded with { Note = $"of which writing to the database (COPY / INSERT and commit) {writing.TotalSeconds:0.0} s; the rest is generation (the engine runs each year's recognitions) and ANALYZE" });
        }

        // The floor of every stage that reads the registry: stream every record with its filings, IP, statuses.
        var floor = Measure("floor: read the whole registry", () => registry.StreamAll().LongCount(), "every enterprise with all its rows, nothing computed");
        stages.Add(floor);

        // What a screening reads: the same, with each enterprise's IP counted by the database at the date.
        var assessmentFloor = Measure("floor: read the whole registry as a screening does", () => registry.StreamForAssessment(AccessScope.Province, asOf).LongCount(),
            $"every enterprise with all its rows, its IP counted at {asOf:yyyy-MM-dd} by the database, nothing computed");
        stages.Add(assessmentFloor);

        // The screening without its writes: reading and assessing alone, so the table shows what writing adds.
        stages.Add(Measure("read and assess the whole registry, nothing written", () => RecordPipeline.Map(
                registry.StreamForAssessment(AccessScope.Province, asOf).Where(r => r.Enterprise.RegisteredOn <= asOf),
                r => engine.Verdicts(r, asOf).Results.Count).LongCount(),
            "as the screening below, on every core, results dropped", assessmentFloor.Seconds));

        var screening = new Screening(registry, engine);
        var screened = Measure("screen the whole registry", () => screening.Run(asOf).Enterprises,
            $"{TierIds.All.Count} tiers each at {asOf:yyyy-MM-dd}, results and ladder positions written in one transaction", assessmentFloor.Seconds);
        stages.Add(screened);

        // Issue 21: the officers' overview of the titles' yearly updates and change reports (the dashboard's), against
        // reading what it reads.
        var holdersFloor = Measure("floor: read the title holders' titles, updates and change reports", () => registry.StreamTitleHolders(AccessScope.Province).LongCount(),
            "every enterprise that holds or held a yearly-updated title, with those rows only");
        stages.Add(holdersFloor);
        stages.Add(Measure("the titles' obligations overview", () => new TitleObligations(registry, engine).For(AccessScope.Province, asOf).Rows.Sum(r => (long)r.Held),
            $"each title's holders on {asOf:yyyy-MM-dd}, the year's update by state, the firms to follow up (the dashboard's section, whole province)", holdersFloor.Seconds));

        // Issue 22: the province under a policy draft beside the law (every enterprise assessed twice, nothing written);
        // its floor is the screening's time, the target under twice that.
        var draft = ParameterDrafts.Apply(engine.Parameters.InForce("gazelle", asOf)!,
            new Dictionary<string, System.Text.Json.JsonElement> { ["path1MinRevenueCagr"] = System.Text.Json.JsonDocument.Parse("0.25").RootElement.Clone() }, "bench");
        stages.Add(Measure("what-if: the registry under a draft beside the law", () => new PolicyWhatIf(registry, engine).Run(AccessScope.Province, "bench", draft, asOf).Enterprises,
            $"gazelle revenue CAGR 20% → 25%; {TierIds.All.Count} tiers twice per enterprise, counts by city, park and chain and the movers kept, nothing written; floor = the screening above (target: under 2×)", screened.Seconds));

        var workflow = new PromotionWorkflow(registry, engine, new TrainingSettings(), say);
        stages.Add(Measure("score the model for every enterprise", () => workflow.Predict(models, predictions, modelsOfAnyRegistry: true).Stored.Sum(s => s.Count),
            "a year-end snapshot per enterprise, the shipped models (models/), probabilities and factors written", floor.Seconds));
        registry.Analyze();

        // Incremental: an import of a few hundred revised filings, then only those enterprises reassessed and rescored.
        var revised = Revisions(registry, changed, scale.ToYear);
        IReadOnlyList<string> touched = [];
        stages.Add(Measure($"import {revised.Count} revised filings", () => (touched = new RecordChangeRepository(registry.Database).ReviseFilings(revised)).Count,
            "validated, written in one transaction, record versions moved on"));
        var changedFloor = Measure("floor: read the changed enterprises", () => registry.StreamForAssessment(touched, asOf).LongCount(), "as a screening does");
        stages.Add(changedFloor);
        stages.Add(Measure("incremental screening", () => screening.RunIncremental(asOf).Enterprises,
            "finds the enterprises whose record moved on, reassesses and replaces only theirs", changedFloor.Seconds));
        stages.Add(Measure("incremental scoring", () => workflow.Predict(models, predictions, touched, modelsOfAnyRegistry: true).Stored.Sum(s => s.Count),
            "rescores only the changed enterprises", changedFloor.Seconds));

        say("query latency …");
        var queries = QueryBench.Run(db, runs, park);
        return new Report(scale.Name, scale.Enterprises, scale.Years, db.Description, DateTime.Now.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Machine(), stages, queries);

        Stage Measure(string name, Func<long> work, string note = "", double? floorSeconds = null)
        {
            say(name + " …");
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            ProcessMemory.ResetPeak();
            var clock = Stopwatch.StartNew();
            var rows = work();
            var seconds = clock.Elapsed.TotalSeconds;
            var stage = new Stage(name, seconds, rows, floorSeconds, ProcessMemory.PeakRssMb(), note);
            say($"{name}: {seconds:0.0} s, {rows} rows, peak {stage.PeakRssMb:0} MB");
            return stage;
        }
    }

    /// <summary>Revised filings as an import would bring them: the last year's filing of <paramref name="count"/>
    /// enterprises spread over the registry, with sales and R&amp;D up by a tenth.</summary>
    private static IReadOnlyList<Filing> Revisions(RegistryRepository registry, int count, int year)
    {
        var filed = registry.FiledIn(year);
        var step = Math.Max(1, filed.Count / Math.Max(1, count));
        var codes = filed.Where((_, i) => i % step == 0).Take(count).ToList();
        return registry.Stream(codes).Select(r => r.Filings.Single(f => f.Year == year)).Select(f => f with
        {
            SalesRevenue = f.SalesRevenue * 1.1m, TotalIncome = f.TotalIncome * 1.1m, HiTechIncome = f.HiTechIncome * 1.1m,
            RdExpense = f.RdExpense * 1.1m, RdExpenseDomestic = f.RdExpenseDomestic * 1.1m,
            TotalCostsAndExpenses = f.TotalCostsAndExpenses + (f.RdExpense ?? 0) * 0.1m,
        }).ToList();
    }

    private static string Machine()
    {
        var memory = File.Exists("/proc/meminfo") ? File.ReadLines("/proc/meminfo").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1] : null;
        var gib = memory is null ? "" : $", {long.Parse(memory, CultureInfo.InvariantCulture) / 1048576.0:0} GiB";
        return $"{Environment.ProcessorCount} cores{gib}, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}";
    }

    public static void Print(Report r, string? json)
    {
        Console.WriteLine($"Pipeline at {r.Scale} scale ({r.Enterprises:N0} enterprises × {r.Years} years) on {r.Database}, {r.Date}, {r.Machine}");
        Console.WriteLine("| stage | rows | seconds | floor s | × floor | peak RSS MB | note |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---|");
        foreach (var s in r.Stages)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {s.Name} | {s.Rows:N0} | {s.Seconds:0.00} | {(s.FloorSeconds is { } f ? f.ToString("0.00", CultureInfo.InvariantCulture) : "")} | {(s.FloorSeconds is { } g && g > 0 ? (s.Seconds / g).ToString("0.0", CultureInfo.InvariantCulture) : "")} | {s.PeakRssMb:0} | {s.Note} |"));
        Console.WriteLine();
        QueryBench.Print(r.Database, r.Queries, null);
        if (json is not null)
            File.WriteAllText(json, JsonSerializer.Serialize(r, new JsonSerializerOptions { WriteIndented = true }));
    }
}

/// <summary>The process's resident memory on Linux: the peak (VmHWM) can be reset between stages (clear_refs 5).</summary>
internal static class ProcessMemory
{
    public static void ResetPeak()
    {
        try { File.WriteAllText("/proc/self/clear_refs", "5"); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { } // not Linux: the peak is since start
    }

    public static double PeakRssMb()
    {
        if (File.Exists("/proc/self/status"))
            foreach (var line in File.ReadLines("/proc/self/status"))
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
        return Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0;
    }
}
