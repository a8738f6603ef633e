using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using JxEnterpriseLadder.Domain.Profiles;
using JxEnterpriseLadder.Rules.Engine;

namespace JxEnterpriseLadder.Rules.Tests;

/// <summary>
/// Issue 20: how the engine builds its explanations may change (formatted only when read); what `jxladder assess` and
/// POST /api/assessments print may not. Every conformance case's whole result, serialized as the CLI and the API
/// serialize it, is pinned by its SHA-256 (taken on 2026-12-02 from the engine whose explanations were all built
/// eagerly). A failure names the case files whose output moved. The 20,000 generated profiles are pinned through the
/// CLI in the web tests (ExplanationsPinnedTests there).
/// </summary>
public sealed class ExplanationsPinnedTests
{
    private static readonly Dictionary<string, string> Pinned = new()
    {
        // file → SHA-256 of its cases' serialized results, one line each, in file order
        ["clean-record-windows.json"] = "53c73443ae8783b0aee79b3883fd20113a2a51b245608870358642df3a9e6ccc",
        ["high-growth.json"] = "eef16bd8b822d74b8ff6c311e929365c8be1ee7d2047112885b8b29298938a69",
        // The second ladder's files, pinned whole on 2026-12-02 when its tiers were added (issue 21).
        ["quality-innovation-demo.json"] = "e217eeab9a546db051f034b15bd209db5c3b30d6bd11d743df48d17bd89c7459",
        ["quality-innovative-sme.json"] = "3690668d6a908bb955d96c86450d1aebc6a6e27c869f0ba3e27618ba9a5c56af",
        ["quality-little-giant.json"] = "afbf0d2911fd3b15fdc854413ea8057a5c9623357bce0cbf665b8e8bf4423d9a",
        ["quality-specialised-sme.json"] = "0b6c94d837a5ffc08b9dddeccddd02a34b00fd6577f4527489a47640f936318b",
        ["hnte.json"] = "dc36f82d3b39b4f30d0db8b5bcbc22491e6c312f456f26a74d19ca8bf0ebb7f3",
        ["tech-sme-bands.json"] = "7eb1bffc040d8e7f467346ced5f13499d781c2a50b3fb5eb6a63251e7df699b4",
        ["tech-sme-basics.json"] = "8d72bdc5224d7db156ea2e371f0e092124a3b70044e0aff7b57d495a7dfb0929",
    };

    /// <summary>The result as the engine wrote it before the second ladder (ADR 0023): the first ladder's seven tiers. The
    /// second ladder's tiers are pinned by their own conformance cases.</summary>
    public static AssessmentResult FirstLadderOnly(AssessmentResult result) =>
        result with { Results = result.Results.Where(r => Domain.TierIds.TechLadder.Contains(r.Tier)).ToArray(), HighestQualityTier = null };

    [Fact]
    public void EveryConformanceCaseSerializesByteForByteAsBefore()
    {
        var engine = new AssessmentEngine();
        var folder = Path.Combine(AppContext.BaseDirectory, "Cases");
        var found = new Dictionary<string, string>();
        foreach (var file in Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            var doc = JsonNode.Parse(File.ReadAllText(file), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })!.AsObject();
            var text = new StringBuilder();
            foreach (var c in doc["cases"]!.AsArray())
            {
                var profile = ConformanceCases.BuildProfile(doc["base"]?.AsObject(), c!.AsObject()).Deserialize<EnterpriseProfile>(ConformanceCases.Json)!;
                var asOf = DateOnly.Parse((c["asOf"] ?? doc["asOf"])!.GetValue<string>());
                var result = engine.Assess(profile, asOf);
                // The first ladder's files were pinned before the second ladder: their seven tiers' bytes. The second
                // ladder's files (quality-*) are pinned whole.
                text.Append(ProfileJson.Serialize(Path.GetFileName(file).StartsWith("quality-", StringComparison.Ordinal) ? result : FirstLadderOnly(result))).Append('\n');
            }
            found[Path.GetFileName(file)] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
        }
        var moved = found.Where(f => Pinned.GetValueOrDefault(f.Key) != f.Value).Select(f => $"{f.Key}: {f.Value}").ToList();
        Assert.True(moved.Count == 0, "output moved (or not pinned yet):\n" + string.Join("\n", moved));
        Assert.Equal(Pinned.Keys.Order(StringComparer.Ordinal), found.Keys.Order(StringComparer.Ordinal));
    }
}
