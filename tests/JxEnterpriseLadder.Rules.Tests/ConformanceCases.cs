using System.Text.Json;
using System.Text.Json.Nodes;
using JxEnterpriseLadder.Domain.Profiles;
using JxEnterpriseLadder.Rules.Engine;

namespace JxEnterpriseLadder.Rules.Tests;

/// <summary>
/// Runs the conformance cases in Cases/*.json: readable files with a base profile, per-case changes,
/// the evaluation date and the expected outcome, points, missing inputs and gaps per tier.
/// </summary>
public sealed class ConformanceCases
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private static readonly AssessmentEngine Engine = new();

    public static IEnumerable<object[]> All()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "Cases");
        foreach (var file in Directory.EnumerateFiles(folder, "*.json").Order())
        {
            var doc = Load(file);
            foreach (var c in doc["cases"]!.AsArray())
                yield return [Path.GetFileName(file), c!["name"]!.GetValue<string>()];
        }
    }

    private static JsonObject Load(string file) =>
        JsonNode.Parse(File.ReadAllText(file), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })!.AsObject();

    [Theory]
    [MemberData(nameof(All))]
    public void Case(string file, string name)
    {
        var doc = Load(Path.Combine(AppContext.BaseDirectory, "Cases", file));
        var c = doc["cases"]!.AsArray().Single(x => x!["name"]!.GetValue<string>() == name)!.AsObject();
        var profileJson = BuildProfile(doc["base"]?.AsObject(), c);
        var profile = profileJson.Deserialize<EnterpriseProfile>(Json)!;
        var asOf = DateOnly.Parse((c["asOf"] ?? doc["asOf"])!.GetValue<string>());
        var result = Engine.Assess(profile, asOf);
        var failures = new List<string>();
        foreach (var (key, expected) in c["expect"]!.AsObject())
        {
            if (key == "highestTier") Compare(failures, "highestTier", expected?.GetValue<string>(), result.HighestTier);
            else if (key == "highestQualityTier") Compare(failures, "highestQualityTier", expected?.GetValue<string>(), result.HighestQualityTier);
            else if (key == "highestRecognizedTier") Compare(failures, "highestRecognizedTier", expected?.GetValue<string>(), result.HighestRecognizedTier);
            else CheckTier(failures, result.For(key) ?? throw new InvalidDataException($"unknown tier '{key}'"), expected!.AsObject());
        }
        Assert.True(failures.Count == 0, $"{file} / {name}:\n  " + string.Join("\n  ", failures) + "\n\n" + Describe(result));
    }

    public static JsonObject BuildProfile(JsonObject? baseProfile, JsonObject c)
    {
        var profile = (baseProfile?.DeepClone() ?? new JsonObject()).AsObject();
        if (c["profile"] is JsonObject whole) profile = whole.DeepClone().AsObject();
        if (c["change"] is JsonObject change) MergePatch(profile, change);
        if (c["yearChanges"] is JsonObject yearChanges)
        {
            var years = profile["years"] as JsonArray ?? [];
            profile["years"] = years;
            foreach (var (year, patch) in yearChanges)
            {
                var y = years.FirstOrDefault(x => x!["year"]!.GetValue<int>().ToString() == year)?.AsObject();
                if (patch is null) { if (y is not null) years.Remove(y); continue; }
                if (y is null) { y = new JsonObject { ["year"] = int.Parse(year) }; years.Add(y); }
                MergePatch(y, patch.AsObject());
            }
        }
        return profile;
    }

    /// <summary>RFC 7386 merge patch: objects merge, null removes, anything else replaces.</summary>
    private static void MergePatch(JsonObject target, JsonObject patch)
    {
        foreach (var (key, value) in patch.ToList())
        {
            if (value is null) target.Remove(key);
            else if (value is JsonObject po && target[key] is JsonObject to) MergePatch(to, po);
            else target[key] = value.DeepClone();
        }
    }

    private static void CheckTier(List<string> failures, TierResult r, JsonObject expected)
    {
        foreach (var (key, value) in expected)
        {
            var where = $"{r.Tier}.{key}";
            switch (key)
            {
                case "outcome":
                    Compare(failures, where, value!.GetValue<string>(), JsonSerializer.Serialize(r.Outcome).Trim('"'));
                    break;
                case "score":
                    Compare(failures, where, value?.GetValue<int>().ToString(), r.Score?.ToString());
                    break;
                case "scoreRange":
                    Compare(failures, where, $"{value![0]}–{value[1]}", r.ScoreRange is { } sr ? $"{sr.Min}–{sr.Max}" : null);
                    break;
                case "confirmedBy":
                    Compare(failures, where, value?.GetValue<string>(), r.ConfirmedBy);
                    break;
                case "missing":
                    Compare(failures, where, string.Join(", ", value!.AsArray().Select(x => x!.GetValue<string>()).Order()),
                        string.Join(", ", r.Missing.Order()));
                    break;
                case "missingIncludes":
                    foreach (var m in value!.AsArray().Select(x => x!.GetValue<string>()))
                        if (!r.Missing.Contains(m)) failures.Add($"{where}: '{m}' not in [{string.Join(", ", r.Missing)}]");
                    break;
                case "gaps":
                    foreach (var g in value!.AsArray().Select(x => x!.GetValue<string>()))
                        if (!r.Gaps.Any(x => x.Message.Contains(g, StringComparison.Ordinal)))
                            failures.Add($"{where}: no gap contains '{g}' (gaps: {string.Join(" | ", r.Gaps.Select(x => x.Message))})");
                    break;
                case "parameters":
                    foreach (var pv in value!.AsArray().Select(x => x!.GetValue<string>()))
                        if (!r.Parameters.Contains(pv)) failures.Add($"{where}: '{pv}' not in [{string.Join(", ", r.Parameters)}]");
                    break;
                case "labels":
                    Compare(failures, where, string.Join(",", value!.AsArray().Select(x => x!.GetValue<string>())), string.Join(",", r.Labels));
                    break;
                case "criteria":
                    foreach (var (id, exp) in value!.AsObject())
                    {
                        var crit = r.Criteria.FirstOrDefault(x => x.Id == id);
                        if (crit is null) { failures.Add($"{where}: no criterion '{id}'"); continue; }
                        if (exp is JsonValue v && v.TryGetValue<bool>(out var passed)) Compare(failures, id + ".passed", passed.ToString(), crit.Passed?.ToString());
                        else if (exp is null) Compare(failures, id + ".passed", null, crit.Passed?.ToString());
                        else
                            foreach (var (prop, pv) in exp.AsObject())
                                Compare(failures, $"{id}.{prop}", pv?.ToString(), prop switch
                                {
                                    "passed" => crit.Passed?.ToString().ToLowerInvariant(),
                                    "points" => crit.Points?.ToString(),
                                    "pointsMax" => crit.PointsMax?.ToString(),
                                    "actual" => crit.Actual,
                                    _ => throw new InvalidDataException($"unknown criterion property '{prop}'"),
                                });
                    }
                    break;
                default:
                    throw new InvalidDataException($"unknown expectation '{key}'");
            }
        }
    }

    private static void Compare(List<string> failures, string where, string? expected, string? actual)
    {
        if (!string.Equals(expected, actual, StringComparison.Ordinal))
            failures.Add($"{where}: expected {expected ?? "null"}, got {actual ?? "null"}");
    }

    private static string Describe(AssessmentResult result) => string.Join("\n", result.Results.Select(r =>
        $"[{r.Tier}] {r.Outcome} score={r.Score} range={r.ScoreRange?.Min}-{r.ScoreRange?.Max} missing=[{string.Join(",", r.Missing)}] confirmedBy={r.ConfirmedBy}\n" +
        string.Join("\n", r.Criteria.Select(c => $"    {c.Id}: {c.Passed} pts={c.Points}/{c.PointsMax} actual={c.Actual}")) +
        (r.Gaps.Count > 0 ? "\n    gaps: " + string.Join(" | ", r.Gaps.Select(g => g.Message)) : "")));
}
