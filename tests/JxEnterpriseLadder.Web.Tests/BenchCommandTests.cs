using System.Text.Json;

namespace JxEnterpriseLadder.Web.Tests;

/// <summary>
/// `jxladder bench --scale` end to end at a tiny size (the real scales take minutes and are run by scripts/bench.sh,
/// not the suite): every stage runs, the figures are written as JSON, and the incremental stages reassess exactly the
/// revised enterprises.
/// </summary>
public sealed class BenchCommandTests
{
    [Fact]
    public async Task ThePipelineBenchRunsEveryStageAndWritesItsFigures()
    {
        var folder = Path.Combine(Path.GetTempPath(), "jxladder-bench-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var json = Path.Combine(folder, "bench.json");
        var models = Path.Combine(AppContext.BaseDirectory, "models");
        var (exit, stdout, stderr) = await AssessmentDoorsTests.RunCli(
            $"bench --scale province --enterprises 400 --changed 25 --runs 3 --db \"sqlite:{folder}/b.db\" --fresh --models \"{models}\" --json \"{json}\"", "");
        Assert.True(exit == 0, stderr);
        Assert.Contains("| screen the whole registry |", stdout);
        Assert.Contains("| dashboard aggregates: one park |", stdout);

        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(json));
        var stages = report.RootElement.GetProperty("Stages").EnumerateArray().ToDictionary(s => s.GetProperty("Name").GetString()!);
        Assert.Equal(400, stages["generate and bulk-load"].GetProperty("Rows").GetInt64());
        Assert.Equal(400, stages["floor: read the whole registry"].GetProperty("Rows").GetInt64());
        Assert.InRange(stages["screen the whole registry"].GetProperty("Rows").GetInt64(), 300, 400); // registered by the date
        Assert.Equal(stages["screen the whole registry"].GetProperty("Rows").GetInt64(), stages["what-if: the registry under a draft beside the law"].GetProperty("Rows").GetInt64());
        Assert.Equal(25, stages["import 25 revised filings"].GetProperty("Rows").GetInt64());
        Assert.Equal(25, stages["incremental screening"].GetProperty("Rows").GetInt64());
        Assert.All(stages.Values, s => Assert.True(s.GetProperty("PeakRssMb").GetDouble() > 10));
        Assert.Equal(7, report.RootElement.GetProperty("Queries").GetArrayLength());

        // The registry under a draft folder (jxladder whatif): the tech-SME head-count ceiling at 50; then a file with a key
        // left out, refused naming it.
        var inForce = JxEnterpriseLadder.Rules.Engine.ParameterStore.Default.InForce("tech-sme", new DateOnly(2025, 6, 30))!;
        string Draft(string name, Func<Dictionary<string, JxEnterpriseLadder.Rules.Engine.Parameter>, Dictionary<string, JxEnterpriseLadder.Rules.Engine.Parameter>> change)
        {
            var dir = Path.Combine(folder, name);
            Directory.CreateDirectory(dir);
            var set = new JxEnterpriseLadder.Rules.Engine.ParameterSet { Set = inForce.Set, EffectiveFrom = inForce.EffectiveFrom, Source = inForce.Source, Values = change(new(inForce.Values)) };
            File.WriteAllText(Path.Combine(dir, "tech-sme.json"), JsonSerializer.Serialize(set));
            return dir;
        }
        var ceiling50 = Draft("ceiling-50", v => { v["maxEmployees"] = new() { Value = JsonDocument.Parse("50").RootElement.Clone(), Label = "职工上限" }; return v; });
        var xlsx = Path.Combine(folder, "whatif.xlsx");
        var whatIf = await AssessmentDoorsTests.RunCli($"whatif --draft \"{ceiling50}\" --as-of 2025-06-30 --db \"sqlite:{folder}/b.db\" --out \"{xlsx}\"", "");
        Assert.True(whatIf.exit == 0, whatIf.stderr);
        Assert.Contains("maxEmployees: 500 人 → 50 人", whatIf.stdout);
        var techSme = whatIf.stdout.Split('\n').Single(l => l.TrimStart().StartsWith("tech-sme ", StringComparison.Ordinal) && !l.Contains("target", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(int.Parse(techSme[5]) > 0 && int.Parse(techSme[2]) == int.Parse(techSme[1]) - int.Parse(techSme[5]), string.Join(" ", techSme));
        Assert.Equal(int.Parse(techSme[5]), MiniExcelLibs.MiniExcel.Query(xlsx, useHeaderRow: true, sheetName: "退出名单").Count());
        var missing = Draft("missing", v => { v.Remove("passScore"); return v; });
        var refused = await AssessmentDoorsTests.RunCli($"whatif --draft \"{missing}\" --as-of 2025-06-30 --db \"sqlite:{folder}/b.db\"", "");
        Assert.Equal(1, refused.exit);
        Assert.Contains("tech-sme.passScore：缺少此参数", refused.stderr);
        // A condition the rules always apply (resident in Jiangxi) cannot be drafted away from the command line either.
        var notResident = Draft("not-resident", v => { v["resident"] = new() { Value = JsonDocument.Parse("false").RootElement.Clone(), Label = "居民企业" }; return v; });
        var fixedRefused = await AssessmentDoorsTests.RunCli($"whatif --draft \"{notResident}\" --as-of 2025-06-30 --db \"sqlite:{folder}/b.db\"", "");
        Assert.Equal(1, fixedRefused.exit);
        Assert.Contains("tech-sme.resident：此条件由规则始终适用", fixedRefused.stderr);

        // A second run without --fresh refuses the loaded registry rather than loading it twice.
        var again = await AssessmentDoorsTests.RunCli($"bench --scale province --enterprises 400 --db \"sqlite:{folder}/b.db\" --models \"{models}\"", "");
        Assert.Equal(1, again.exit);
        Assert.Contains("already holds enterprises", again.stderr);
    }
}
