using System.Text.Json.Nodes;
using JxEnterpriseLadder.Domain;

namespace JxEnterpriseLadder.Prediction;

/// <summary>Chinese names of the model's features, from data-dictionary/fields.json ("features"); city, park and
/// chain indicators are named from the reference data ("园区：南昌高新技术产业开发区").</summary>
public static class FeatureLabels
{
    private static readonly Lazy<JsonObject> Entries = new(() =>
    {
        using var s = typeof(FeatureLabels).Assembly.GetManifestResourceStream("fields.json")
            ?? throw new InvalidOperationException("embedded fields.json is missing");
        return JsonNode.Parse(s)!["features"]!.AsObject();
    });

    public static IEnumerable<string> Documented => Entries.Value.Select(e => e.Key);

    public static string Chinese(string feature) => Name(feature, "zh");

    /// <summary>The feature's unit in the data dictionary ("比例", "0/1", "ln 元", "0/½/1" …); null when not documented.</summary>
    public static string? Unit(string feature)
    {
        var colon = feature.IndexOf(':');
        var key = colon > 0 ? feature[..colon] + ":*" : feature;
        return Entries.Value[key]?["unit"]?.GetValue<string>();
    }

    /// <summary>The English name (reference names of cities, parks and chains stay Chinese: they are proper names).</summary>
    public static string English(string feature) => Name(feature, "en");

    private static string Name(string feature, string language)
    {
        var reference = JiangxiReference.Default;
        var colon = feature.IndexOf(':');
        if (colon > 0)
        {
            var code = feature[(colon + 1)..];
            var kind = feature[..colon];
            var name = kind switch
            {
                "city" => reference.CityByCode(code)?.Name,
                "park" => reference.ParkByCode(code)?.Name,
                "chain" => reference.ChainByCode(code)?.Name,
                _ => null,
            };
            return Entries.Value[kind + ":*"]?[language]?.GetValue<string>() is { } prefix
                ? language == "zh" ? $"{prefix}：{name ?? code}" : $"{prefix}: {name ?? code}"
                : feature;
        }
        return Entries.Value[feature]?[language]?.GetValue<string>() ?? feature;
    }

    /// <summary>An indicator feature ("park:nc-hitech") as its kind in the given language ("园区" / "Park indicator (one per
    /// park)") and the reference's own name, which is Chinese in either language; null for any other feature.</summary>
    public static (string Kind, string Name)? Indicator(string feature, string language)
    {
        var colon = feature.IndexOf(':');
        if (colon <= 0) return null;
        var (kind, code) = (feature[..colon], feature[(colon + 1)..]);
        var reference = JiangxiReference.Default;
        var name = kind switch
        {
            "city" => reference.CityByCode(code)?.Name,
            "park" => reference.ParkByCode(code)?.Name,
            "chain" => reference.ChainByCode(code)?.Name,
            _ => null,
        };
        return Entries.Value[kind + ":*"]?[language]?.GetValue<string>() is { } prefix ? (prefix, name ?? code) : null;
    }

    /// <summary>The dictionary entry that documents a feature ("park:nc-hitech" → "park:*").</summary>
    public static string EntryOf(string feature) => feature.IndexOf(':') is > 0 and var i ? feature[..i] + ":*" : feature;
}
