using System.Security.Cryptography;
using System.Text;
using JxEnterpriseLadder.Domain.Registry;
using JxEnterpriseLadder.Generator;
using JxEnterpriseLadder.Rules.Engine;
using JxEnterpriseLadder.Rules;

namespace JxEnterpriseLadder.Web.Tests;

/// <summary>
/// Issue 20: `jxladder assess` prints, byte for byte, what it printed when every explanation was built eagerly, for
/// 20,000 generated profiles (seed 7, as `jxladder bench engine` builds them, at 2024-06-30). The output is pinned by
/// its SHA-256 per block of 2,000 profiles, taken on 2026-12-02; a failure names the blocks that moved. The HTTP door
/// prints the same bytes as the CLI (AssessmentDoorsTests); the conformance cases are pinned in the rules' tests.
/// The profiles are the generator's: when a generator revision changes them, the engine of the day is first run on the
/// previous revision's profiles and must give the previous pin (done for revision 3: all ten blocks equal), and only
/// then is the pin taken again on the new profiles. Revision 4 added the second ladder's titles only: the first
/// ladder's bytes, which the pin holds, did not move on its profiles (the same ten blocks), so the pin stands.
/// </summary>
public sealed class ExplanationsPinnedTests
{
    private static readonly string[] Pinned =
    [
        "b01113d8f3e9975e4de8b78002d634598a05a7147a8019a7bffe0e40e43bb923",
        "1434fcc7eaf4977d1ab3e14238619609e7ecda956d192f308abce120fcda8f86",
        "034a7f1ada183f1a2d340a0ef7e9cc04ebcc68e6127eacb0e837db6696a7dd21",
        "ede3822b66e2862488ae657ddd5d245abd871fd1d73e5cd991458d4c7c112b6f",
        "61ad7ee9731721a8128968935fbcfae4291b60216b2fbe004a9be9d308db01c9",
        "d51696b1d16d404310772b0fc09b979191bf5b5ab00e6c3d8e3c322d9f650d2d",
        "a2b1a2eccdd59d6bbeb7d5e20120eefd1b3a739e00f6aa190b90dba000495803",
        "76c9e46896c87c7971d0091e3977042e11d071ef8096d52fc782a46d302c1896",
        "5bae4dfd54747764fd3fd00a9a3ba290df2d6f1cb0b5081c89b943bccc83b5c4",
        "98d54802920d1b119426a523dcdb2f249faebf316800123d3490ffc5deb15690",
    ];

    [Fact]
    public async Task TwentyThousandGeneratedProfilesAreExplainedByteForByteAsBefore()
    {
        Assert.True(GeneratorOptions.Revision == 6, "the pin holds on generator revision 6's profiles: check the engine on them, then re-pin");
        var asOf = new DateOnly(2024, 6, 30);
        var records = new ProvinceGenerator(new AssessmentEngine()).Generate(new GeneratorOptions { Seed = 7, Enterprises = 24_000 });
        var profiles = records.Where(r => r.Enterprise.RegisteredOn <= asOf).Take(20_000).Select(r => ProfileBuilder.Build(r, asOf)).ToList();
        Assert.Equal(20_000, profiles.Count);
        var input = string.Join('\n', profiles.Select(p => System.Text.Json.JsonSerializer.Serialize(p, ProfileJson.Options)));
        var (exit, stdout, stderr) = await AssessmentDoorsTests.RunCli($"assess --as-of {asOf:yyyy-MM-dd}", input);
        Assert.True(exit == 0, stderr);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(20_000, lines.Length);
        // The CLI prints the engine's result, every tier of both ladders; the pin holds the first ladder's seven tiers,
        // as printed before the second ladder was added (ADR 0023), so the bytes pinned are the engine's result without it.
        var engine = new AssessmentEngine();
        var cliDiffers = profiles.Select((p, i) => (i, Same: ProfileJson.Serialize(engine.Assess(p, asOf)) == lines[i])).Where(x => !x.Same).Take(3).ToList();
        Assert.True(cliDiffers.Count == 0, "the CLI printed otherwise than the engine for profiles " + string.Join(", ", cliDiffers.Select(x => x.i + 1)));
        var firstLadder = profiles.Select(p => engine.Assess(p, asOf)).Select(r => ProfileJson.Serialize(r with
        {
            Results = r.Results.Where(t => Domain.TierIds.TechLadder.Contains(t.Tier)).ToArray(), HighestQualityTier = null,
        })).ToArray();
        var found = firstLadder.Chunk(2_000).Select(block => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', block))))).ToArray();
        var moved = found.Select((h, i) => (h, i)).Where(x => x.i >= Pinned.Length || Pinned[x.i] != x.h).Select(x => $"profiles {x.i * 2000 + 1}–{x.i * 2000 + 2000}: \"{x.h}\",").ToList();
        Assert.True(moved.Count == 0, "output moved (or not pinned yet):\n" + string.Join("\n", moved));

        // A screening's verdicts (nothing explained) are the explained results' outcomes, scores, ranges, missing
        // inputs, parameter versions and confirming paths, profile for profile.
        var differ = profiles.Select((p, i) => (i, Explained: Verdict(engine.Assess(p, asOf)), Verdicts: Verdict(engine.Assess(p, asOf, EvaluationOptions.VerdictsOnly))))
            .Where(x => x.Explained != x.Verdicts).Select(x => $"profile {x.i + 1}: {x.Explained} ≠ {x.Verdicts}").Take(5).ToList();
        Assert.True(differ.Count == 0, string.Join("\n", differ));
        Assert.All(profiles.Take(200), p => Assert.All(engine.Assess(p, asOf, EvaluationOptions.VerdictsOnly).Results, r => Assert.Empty(r.Criteria)));
    }

    private static string Verdict(AssessmentResult r) =>
        $"{r.HighestTier}|{r.HighestRecognizedTier}|" + string.Join(";", r.Results.Select(t =>
            $"{t.Tier}:{t.Outcome}:{t.Score}:{t.ScoreRange}:{string.Join(",", t.Parameters)}:{string.Join(",", t.Missing)}:{t.ConfirmedBy}:{string.Join(",", t.Labels)}"));
}
