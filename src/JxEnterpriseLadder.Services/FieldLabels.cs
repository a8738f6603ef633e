using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace JxEnterpriseLadder.Services;

/// <summary>Chinese names of the assessment inputs from data-dictionary/fields.json, for "still missing" prompts.</summary>
public static partial class FieldLabels
{
    private static readonly Lazy<IReadOnlyDictionary<string, string>> Labels = new(Load);

    /// <summary>"years[2025].employees" → "2025年 职工总数"; unknown paths are shown as they are.</summary>
    public static string For(string path)
    {
        var m = YearPath().Match(path);
        if (m.Success)
            return Labels.Value.TryGetValue("years[]." + m.Groups[2].Value, out var y) ? $"{m.Groups[1].Value}年 {y}" : path;
        var generic = IndexPath().Replace(path, "[]");
        return Labels.Value.TryGetValue(generic, out var label) ? label : path;
    }

    private static IReadOnlyDictionary<string, string> Load()
    {
        using var s = typeof(FieldLabels).Assembly.GetManifestResourceStream("fields.json")!;
        var profile = JsonNode.Parse(s)!["profile"]!.AsObject();
        return profile.ToDictionary(p => p.Key, p => p.Value!["zh"]!.GetValue<string>());
    }

    [GeneratedRegex(@"^years\[(\d{4})\]\.(\w+)$")]
    private static partial Regex YearPath();

    [GeneratedRegex(@"\[\d+\]")]
    private static partial Regex IndexPath();
}
