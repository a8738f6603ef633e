using System.Diagnostics;
using System.Globalization;
using JxEnterpriseLadder.Data;
using JxEnterpriseLadder.Domain;
using JxEnterpriseLadder.Domain.Access;
using JxEnterpriseLadder.Rules.Engine;
using JxEnterpriseLadder.Services;
using JxEnterpriseLadder.Rules;

namespace JxEnterpriseLadder.Cli;

/// <summary>jxladder whatif: the registry under a policy draft beside the law, as the 政策模拟 page shows it (issue 22).</summary>
internal static class WhatIfVerb
{
    private const string Help = """
        jxladder whatif --draft FOLDER|NAME [--as-of YYYY-MM-DD] [--city CODE] [--out FILE.xlsx] [--db SPEC]
          Screens the registry (or one city) at the date twice, under the law in force and under a policy
          draft, and prints each tier's qualified enterprises under both, the difference, who enters and
          leaves, and the plan targets' completion under both. Nothing is written to the registry.
          --draft  a folder of parameter files (each a whole set, standing in for the version of its set
                   in force at the date), or the name of a draft saved on the 政策模拟 page
          --out    also writes the comparison, with the lists of who enters and leaves, as .xlsx
        """;

    public static int Run(string[] argv)
    {
        var a = new Args(argv, new HashSet<string> { "--db", "--as-of", "--draft", "--city", "--out" }, new HashSet<string>());
        if (a.Help) return Common.ShowHelp(Help + "\n" + Common.DbHelp);
        if (a.Positional.Count > 0) throw new UsageException($"unexpected argument '{a.Positional[0]}'");
        var draftArg = a.Get("--draft") ?? throw new UsageException("--draft is required: a folder of parameter files, or a saved draft's name");
        var asOf = a.Date("--as-of", DateOnly.FromDateTime(DateTime.Today));
        var city = a.Get("--city");
        if (city is not null && JiangxiReference.Default.CityByCode(city) is null)
            throw new UsageException($"--city: no city '{city}' (one of {string.Join(", ", JiangxiReference.Default.Cities.Select(c => c.Code))})");
        var db = Common.Db(a);
        Migrator.Migrate(db);
        var engine = new AssessmentEngine();
        var drafts = new PolicyDrafts(new DraftRepository(db), new UserRepository(db), engine.Parameters, TimeProvider.System);

        var (name, sets) = Directory.Exists(draftArg)
            ? (Path.GetFileName(Path.TrimEndingDirectorySeparator(draftArg)), PolicyDrafts.FromFolder(draftArg))
            : drafts.Find(AccessScope.Province, draftArg) is { } saved
                ? (saved.Name, (IReadOnlyList<ParameterSet>)[drafts.SetAt(saved, asOf)])
                : throw new UsageException($"--draft: '{draftArg}' is neither a folder nor a saved draft's name");
        if (sets.Count != 1) throw new UsageException($"--draft: the folder holds {sets.Count} parameter files; a draft changes one set, so put one file in it");

        var clock = Stopwatch.StartNew();
        PolicyWhatIf.Result r;
        try
        {
            r = new PolicyWhatIf(new RegistryRepository(db), engine).Run(AccessScope.Province.NarrowedTo(city), name, sets[0], asOf,
                (n, total) => { if (n % 20_000 == 0 || n == total) Console.Error.WriteLine($"  {n}/{total} assessed"); });
        }
        catch (DraftRefusedException e)
        {
            foreach (var p in e.Problems) Console.Error.WriteLine($"jxladder whatif: {p}");
            return 1;
        }

        Console.WriteLine($"what-if {r.DraftName} at {asOf:yyyy-MM-dd}, {r.ScopeDescription}: {r.Enterprises:N0} enterprises in {clock.Elapsed.TotalSeconds:0.0} s (nothing written)");
        foreach (var c in r.ChangedValues) Console.WriteLine($"  {c.Key}: {c.InForce} → {c.Proposed}   ({c.Label})");
        Console.WriteLine($"\n  {"tier",-18} {"law",8} {"draft",8} {"change",8} {"enter",8} {"leave",8}");
        for (var t = 0; t < TierIds.All.Count; t++)
        {
            var tier = TierIds.All[t];
            Console.WriteLine($"  {tier,-18} {r.Total.UnderLaw[t],8} {r.Total.UnderDraft[t],8} {Signed(r.Total.Difference(t)),8} " +
                $"{r.Movers.Count(m => m.Tier == tier && m.Enters),8} {r.Movers.Count(m => m.Tier == tier && !m.Enters),8}");
        }
        Console.WriteLine("\n  plan targets (qualified enterprises ÷ the province's target)");
        foreach (var t in r.Targets)
            Console.WriteLine($"  {t.Group,-18} target {t.Target,6} ({t.TargetYear})   law {t.UnderLaw,6} {t.LawRate.ToString("P1", CultureInfo.InvariantCulture),8}   draft {t.UnderDraft,6} {t.DraftRate.ToString("P1", CultureInfo.InvariantCulture),8}");
        var changed = Enumerable.Range(0, TierIds.All.Count).Where(t => r.Total.Difference(t) != 0 || r.Movers.Any(m => m.Tier == TierIds.All[t])).ToList();
        if (changed.Count > 0)
        {
            Console.WriteLine("\n  by city (law → draft)");
            foreach (var c in r.ByCity.Where(c => c.Changed))
                Console.WriteLine($"  {c.Key,-18} " + string.Join("  ", changed.Select(t => $"{TierIds.All[t]} {c.UnderLaw[t]} → {c.UnderDraft[t]}")));
        }
        if (a.Get("--out") is { } outPath)
        {
            using (var file = File.Create(outPath)) PolicyWhatIf.Export(r, file);
            Console.WriteLine($"\nwrote {outPath}: {r.Movers.Count(m => m.Enters):N0} entering, {r.Movers.Count(m => !m.Enters):N0} leaving");
        }
        return 0;
    }

    private static string Signed(int n) => n > 0 ? "+" + n.ToString(CultureInfo.InvariantCulture) : n.ToString(CultureInfo.InvariantCulture);
}
