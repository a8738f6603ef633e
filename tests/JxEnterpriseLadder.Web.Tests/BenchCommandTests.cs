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
        Assert.Equal(25, stages["import 25 revised filings"].GetProperty("Rows").GetInt64());
        Assert.Equal(25, stages["incremental screening"].GetProperty("Rows").GetInt64());
        Assert.All(stages.Values, s => Assert.True(s.GetProperty("PeakRssMb").GetDouble() > 10));
        Assert.Equal(7, report.RootElement.GetProperty("Queries").GetArrayLength());

        // A second run without --fresh refuses the loaded registry rather than loading it twice.
        var again = await AssessmentDoorsTests.RunCli($"bench --scale province --enterprises 400 --db \"sqlite:{folder}/b.db\" --models \"{models}\"", "");
        Assert.Equal(1, again.exit);
        Assert.Contains("already holds enterprises", again.stderr);
    }
}
