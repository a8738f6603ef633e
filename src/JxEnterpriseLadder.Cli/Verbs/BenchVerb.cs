using JxEnterpriseLadder.Domain;
using System.Diagnostics;
using JxEnterpriseLadder.Data;
using JxEnterpriseLadder.Domain.Profiles;
using JxEnterpriseLadder.Domain.Registry;
using JxEnterpriseLadder.Generator;
using JxEnterpriseLadder.Rules.Engine;
using JxEnterpriseLadder.Rules.Tiers;
using JxEnterpriseLadder.Services;
using JxEnterpriseLadder.Rules;

namespace JxEnterpriseLadder.Cli;

internal static class BenchVerb
{
    private const string Help = """
        jxladder bench engine [--profiles N] [--seconds S] [--seed N] [--db SPEC --as-of YYYY-MM-DD]
          Measures the rules engine alone, on one thread, without I/O: generated profiles (or, with --db, the first N
          of a registry's, as a screening at --as-of reads them) assessed for all seven tiers, verdicts only and with full
          explanations, then each tier alone; after a warm-up, prints profiles per second of this thread's CPU time and
          bytes allocated per profile.
        jxladder bench --scale province|nation [--db SPEC] [--fresh] [--enterprises N] [--changed N] [--runs N] [--models DIR] [--park CODE] [--json FILE]
          The whole pipeline on one database, each stage with its time, its floor (simply reading the same data) and the
          peak memory of the process: generate and bulk-load the province (province: 100,000 enterprises × 5 years;
          nation: 1,000,000 × 3), read it as a screening does, then read and assess it without writing, screen the whole
          registry, score the model for every enterprise, import N revised
          filings (default 300) then screen and score incrementally, and the query latency of `bench queries`.
          The registry must be empty; --fresh empties it first (deletes the SQLite file; drops PostgreSQL's public schema);
          --reuse skips the load when the registry already holds a province (to measure the later stages again).
        jxladder bench queries [--db SPEC] [--runs N] [--park CODE] [--json FILE]
          Measures what the pages ask of an existing, screened and scored registry: the candidate list of one park,
          the enterprise search with filters and sorting, the dashboard aggregates; median and p95 over N runs
          (default 20) beside the floor of a trivial query over the same scope.
        """;

    public static int Run(string[] argv)
    {
        var a = new Args(argv, new HashSet<string> { "--profiles", "--seconds", "--seed", "--db", "--as-of", "--runs", "--park", "--json", "--scale", "--enterprises", "--changed", "--models" },
            new HashSet<string> { "--fresh", "--reuse" });
        if (a.Help) return Common.ShowHelp(Help);
        if (a.Get("--scale") is { } scaleName)
        {
            if (a.Positional.Count > 0) throw new UsageException($"unexpected argument '{a.Positional[0]}' with --scale");
            var scale = PipelineBench.Scale.Parse(scaleName);
            scale = scale with { Enterprises = a.Int("--enterprises", scale.Enterprises, 100, 5_000_000) };
            var db = Common.Db(a);
            if (a.Has("--fresh")) Migrator.DropEverything(db);
            var elapsed = Stopwatch.StartNew();
            var report = PipelineBench.Run(db, scale, a.Get("--models") ?? "models", a.Int("--changed", 300, 1, 100_000), a.Int("--runs", 20, 3, 10_000),
                a.Get("--park") ?? DemoAccounts.DemoPark, a.Has("--reuse"), m => Console.Error.WriteLine($"[{elapsed.Elapsed:hh\\:mm\\:ss}] {m}"));
            PipelineBench.Print(report, a.Get("--json"));
            Console.WriteLine($"bench --scale {scale.Name} took {elapsed.Elapsed.TotalMinutes:0.0} min in all");
            return 0;
        }
        if (a.Positional is ["queries"])
        {
            var db = Common.Db(a);
            QueryBench.Print(db.Description, QueryBench.Run(db, a.Int("--runs", 20, 3, 10_000), a.Get("--park") ?? DemoAccounts.DemoPark), a.Get("--json"));
            return 0;
        }
        if (a.Positional is not ["engine"]) throw new UsageException("expected 'bench engine', 'bench queries' or 'bench --scale province|nation'");
        var count = a.Int("--profiles", 2000, 10, 1_000_000);
        var seconds = a.Int("--seconds", 10, 1, 600);
        var engine = new AssessmentEngine();
        var asOf = a.Date("--as-of", new DateOnly(2024, 6, 30));
        // Generated profiles, or (--db) the first of a registry's, as a screening at the date would build them.
        var records = a.Get("--db") is not null
            ? new RegistryRepository(Common.Db(a)).StreamForAssessment(Domain.Access.AccessScope.Province, asOf).Take(count)
            : new ProvinceGenerator(engine).Generate(new GeneratorOptions { Seed = a.Int("--seed", 7), Enterprises = count });
        Console.Error.WriteLine($"building {count} profiles …");
        var profiles = records.Where(r => r.Enterprise.RegisteredOn <= asOf).Select(r => ProfileBuilder.Build(r, asOf)).ToArray();

        Console.WriteLine($"| engine | profiles | seconds (thread CPU) | profiles/s (1 thread) | bytes allocated/profile |");
        Console.WriteLine($"|---|---:|---:|---:|---:|");
        // Verdicts only (what a screening asks for), then every criterion explained (what the API, the CLI and a page show).
        foreach (var (name, options) in new[] { ($"all {TierIds.All.Count} tiers, verdicts only", EvaluationOptions.VerdictsOnly), ($"all {TierIds.All.Count} tiers, full explanations", EvaluationOptions.Default) })
        {
            var m = Measure(profiles, seconds, p => engine.Assess(p, asOf, options));
            Console.WriteLine($"| {name} | {m.Done} | {m.CpuSeconds:0.0} | {m.Done / m.CpuSeconds:0} | {m.Allocated / m.Done} |");
        }
        // Each tier alone, verdicts only: where a profile's time goes.
        Console.WriteLine();
        Console.WriteLine("| tier, verdicts only | µs/profile | bytes/profile |");
        Console.WriteLine("|---|---:|---:|");
        var before = new TierResult[TierRegistry.All.Count];
        for (var t = 0; t < TierRegistry.All.Count; t++)
        {
            var tier = TierRegistry.All[t];
            var dependent = t == 3; // potential gazelles read the three tiers before them: those are evaluated too, and said so
            var m = Measure(profiles, Math.Max(1, seconds / 4), p =>
            {
                if (dependent) for (var i = 0; i < 3; i++) before[i] = TierRegistry.All[i].Evaluate(p, asOf, engine.Laws, EvaluationOptions.VerdictsOnly, before);
                tier.Evaluate(p, asOf, engine.Laws, EvaluationOptions.VerdictsOnly, before);
            });
            Console.WriteLine($"| {tier.Id}{(dependent ? " (with the three tiers it reads)" : "")} | {m.CpuSeconds * 1e6 / m.Done:0.00} | {m.Allocated / m.Done} |");
        }
        return 0;
    }

    private readonly record struct Measured(long Done, double CpuSeconds, long Allocated);

    /// <summary>Runs <paramref name="body"/> over the profiles for a warm-up (until the JIT's tiers have settled, so that
    /// the first seconds of unoptimised code are not counted), then for <paramref name="seconds"/> of this thread's CPU
    /// time: another process on the machine does not count against the engine.</summary>
    private static Measured Measure(EnterpriseProfile[] profiles, int seconds, Action<EnterpriseProfile> body)
    {
        var warmUp = Stopwatch.StartNew();
        while (warmUp.Elapsed.TotalSeconds < Math.Min(2, seconds)) foreach (var p in profiles) body(p);
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var cpuBefore = ThreadCpuClock.Seconds();
        long done = 0;
        double cpu;
        do
        {
            foreach (var p in profiles) body(p);
            done += profiles.Length;
            cpu = ThreadCpuClock.Seconds() - cpuBefore;
        } while (cpu < seconds);
        return new Measured(done, cpu, GC.GetAllocatedBytesForCurrentThread() - allocatedBefore);
    }
}

/// <summary>The calling thread's CPU time (Linux: CLOCK_THREAD_CPUTIME_ID); elsewhere, wall time.</summary>
internal static class ThreadCpuClock
{
    private static readonly Stopwatch Wall = Stopwatch.StartNew();

    public static double Seconds()
    {
        if (!OperatingSystem.IsLinux()) return Wall.Elapsed.TotalSeconds;
        if (clock_gettime(ThreadCpuTimeId, out var t) != 0) throw new InvalidOperationException("clock_gettime(CLOCK_THREAD_CPUTIME_ID) failed");
        return t.Seconds + t.Nanoseconds / 1e9;
    }

    private const int ThreadCpuTimeId = 3;

    [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [System.Runtime.InteropServices.DllImport("libc", SetLastError = false)]
    private static extern int clock_gettime(int clockId, out Timespec time);
}
