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
/// </summary>
public sealed class ExplanationsPinnedTests
{
    private static readonly string[] Pinned =
    [
        "fc924941ecbd6c0949f33fa020f54d6151834762b7d0603775318fa2ef518f9e",
        "74f0630c711e62e21638deab6259834d55155b87d6137919b0ade4116fd0dd51",
        "5f11878aca475c6e3d3fee4e30bff3b674e28227e0e002bd00aa69c344a1af0f",
        "dc8592fec62517e6f2d83ba70463b8188650853b46454059e37d143404f6f8fd",
        "345fb4f49be42a383d8578ab5191900e4d12f170082a624dfc66810fa000e729",
        "f9c97b73cbb8e6f3de3c08162d4f6bf524a9307aaff0c472c7c718202d6a931a",
        "0ef5b03519684816ee2fd07a62dce6ee1bc8f5ac0270dbe1a65390ecf8265bb8",
        "fba1f11756e2c53e61290753a94774af147df157fbf1b4b042c271ce07aad3bc",
        "33b1f8a6663072d0ce3a0b4f2d5a95c90fa466efb937abcd99bc639c22a90d24",
        "aafd93e6eaad962f74a7dfc00c0da03d9ce5097302f40f13a5e38102e6e9b053",
    ];

    [Fact]
    public async Task TwentyThousandGeneratedProfilesAreExplainedByteForByteAsBefore()
    {
        var asOf = new DateOnly(2024, 6, 30);
        var records = new ProvinceGenerator(new AssessmentEngine()).Generate(new GeneratorOptions { Seed = 7, Enterprises = 24_000 });
        var profiles = records.Where(r => r.Enterprise.RegisteredOn <= asOf).Take(20_000).Select(r => ProfileBuilder.Build(r, asOf)).ToList();
        Assert.Equal(20_000, profiles.Count);
        var input = string.Join('\n', profiles.Select(p => System.Text.Json.JsonSerializer.Serialize(p, ProfileJson.Options)));
        var (exit, stdout, stderr) = await AssessmentDoorsTests.RunCli($"assess --as-of {asOf:yyyy-MM-dd}", input);
        Assert.True(exit == 0, stderr);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(20_000, lines.Length);
        var found = lines.Chunk(2_000).Select(block => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', block))))).ToArray();
        var moved = found.Select((h, i) => (h, i)).Where(x => x.i >= Pinned.Length || Pinned[x.i] != x.h).Select(x => $"profiles {x.i * 2000 + 1}–{x.i * 2000 + 2000}: \"{x.h}\",").ToList();
        Assert.True(moved.Count == 0, "output moved (or not pinned yet):\n" + string.Join("\n", moved));

        // A screening's verdicts (nothing explained) are the explained results' outcomes, scores, ranges, missing
        // inputs, parameter versions and confirming paths, profile for profile.
        var engine = new AssessmentEngine();
        var differ = profiles.Select((p, i) => (i, Explained: Verdict(engine.Assess(p, asOf)), Verdicts: Verdict(engine.Assess(p, asOf, EvaluationOptions.VerdictsOnly))))
            .Where(x => x.Explained != x.Verdicts).Select(x => $"profile {x.i + 1}: {x.Explained} ≠ {x.Verdicts}").Take(5).ToList();
        Assert.True(differ.Count == 0, string.Join("\n", differ));
        Assert.All(profiles.Take(200), p => Assert.All(engine.Assess(p, asOf, EvaluationOptions.VerdictsOnly).Results, r => Assert.Empty(r.Criteria)));
    }

    private static string Verdict(AssessmentResult r) =>
        $"{r.HighestTier}|{r.HighestRecognizedTier}|" + string.Join(";", r.Results.Select(t =>
            $"{t.Tier}:{t.Outcome}:{t.Score}:{t.ScoreRange}:{string.Join(",", t.Parameters)}:{string.Join(",", t.Missing)}:{t.ConfirmedBy}:{string.Join(",", t.Labels)}"));
}
