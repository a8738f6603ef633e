using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace JxEnterpriseLadder.Services;

/// <summary>Names of the assessment inputs from data-dictionary/fields.json, in Chinese or English, for "still missing" prompts.</summary>
public static partial class FieldLabels
{
    private static readonly Lazy<IReadOnlyDictionary<string, (string Zh, string En)>> Labels = new(Load);

    /// <summary>"years[2025].employees" → "2025年 职工总数"; unknown paths are shown as they are.</summary>
    public static string For(string path) => Label(path, english: false);

    /// <summary>"years[2025].employees" → "2025 Total employees".</summary>
    public static string English(string path) => Label(path, english: true);

    private static string Label(string path, bool english)
    {
        var m = YearPath().Match(path);
        if (m.Success)
            return Labels.Value.TryGetValue("years[]." + m.Groups[2].Value, out var y)
                ? english ? $"{m.Groups[1].Value} {y.En}" : $"{m.Groups[1].Value}年 {y.Zh}"
                : path;
        var generic = IndexPath().Replace(path, "[]");
        return Labels.Value.TryGetValue(generic, out var label) ? english ? label.En : label.Zh : path;
    }

    private static IReadOnlyDictionary<string, (string, string)> Load()
    {
        using var s = typeof(FieldLabels).Assembly.GetManifestResourceStream("fields.json")!;
        var profile = JsonNode.Parse(s)!["profile"]!.AsObject();
        return profile.ToDictionary(p => p.Key, p => (p.Value!["zh"]!.GetValue<string>(), p.Value!["en"]!.GetValue<string>()));
    }

    [GeneratedRegex(@"^years\[(\d{4})\]\.(\w+)$")]
    private static partial Regex YearPath();

    [GeneratedRegex(@"\[\d+\]")]
    private static partial Regex IndexPath();
}
