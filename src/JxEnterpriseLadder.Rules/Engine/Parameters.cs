using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace JxEnterpriseLadder.Rules.Engine;

/// <summary>Where a number comes from: the legal or reference document and its article.</summary>
public sealed record SourceReference(string Document, string? Article = null, string? Confidence = null)
{
    public override string ToString() => Article is null ? Document : $"{Document} {Article}";
}

/// <summary>One band of a score or threshold table: the value must be at least (or above) the bound, or, where less is
/// better (a debt ratio), at most the bound.</summary>
public sealed record Band(decimal? AtLeast, decimal? Above, int PointsMin, int PointsMax, decimal? AtMost = null)
{
    public bool Admits(decimal value) =>
        (AtLeast is null || value >= AtLeast) && (Above is null || value > Above) && (AtMost is null || value <= AtMost);

    internal bool Admits(Ratio value) =>
        (AtLeast is not { } least || value.AtLeast(least)) && (Above is not { } above || value.Above(above))
        && (AtMost is not { } most || value.CompareTo(most) <= 0);

    public decimal? Bound => AtLeast ?? Above;
    public string BoundText(Func<decimal, string> format) =>
        AtLeast is { } a ? "≥ " + format(a) : Above is { } b ? "> " + format(b) : AtMost is { } m ? "≤ " + format(m) : "其他";
    public string PointsText => PointsMin == PointsMax ? PointsMin.ToString(CultureInfo.InvariantCulture) : $"{PointsMin}–{PointsMax}";
}

public sealed class Parameter
{
    [JsonPropertyName("value")] public JsonElement Value { get; init; }
    [JsonPropertyName("ref")] public string? Ref { get; init; }
    [JsonPropertyName("label")] public string? Label { get; init; }
    [JsonPropertyName("note")] public string? Note { get; init; }
    /// <summary>firm, likely or unsure, where one value is less certain than its file's source.</summary>
    [JsonPropertyName("confidence")] public string? Confidence { get; init; }
}

/// <summary>
/// A dated parameter file: the values of one rule set in force from <see cref="EffectiveFrom"/>,
/// with the source document. Versions are named "tier@yyyy-MM-dd".
/// </summary>
public sealed class ParameterSet
{
    [JsonPropertyName("set")] public required string Set { get; init; }
    [JsonPropertyName("effectiveFrom")] public required DateOnly EffectiveFrom { get; init; }
    [JsonPropertyName("source")] public required SourceReference Source { get; init; }
    [JsonPropertyName("values")] public required Dictionary<string, Parameter> Values { get; init; }

    public string Version => _version ??= $"{Set}@{EffectiveFrom:yyyy-MM-dd}";
    private string? _version;

    /// <summary>Where the file was read from (its path or resource name), named in every error about its values.</summary>
    [JsonIgnore] public string Origin { get => _origin ?? Version; set => _origin = value; }
    private string? _origin;

    // Read once, then served lock-free: the engine asks for the same values for every profile.
    private readonly ConcurrentDictionary<string, object> _values = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SourceReference> _refs = new(StringComparer.Ordinal);

    private Parameter Get(string key) =>
        Values.TryGetValue(key, out var p) ? p : throw new InvalidDataException($"{Origin}: parameter '{key}' is missing ({Version})");

    /// <summary>A value of this file with its citation, read once when the file is bound to its rule set's typed record
    /// (<see cref="Law"/>): a missing or mistyped value names the file and the key.</summary>
    public Cited<T> Cite<T>(string key, Func<ParameterSet, string, T> read, string type)
    {
        try
        {
            return new Cited<T>(read(this, key), Ref(key));
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or OverflowException or KeyNotFoundException or IndexOutOfRangeException)
        {
            throw new InvalidDataException($"{Origin}: parameter '{key}' should be {type} ({Version}): {Get(key).Value.GetRawText()}", e);
        }
    }

    public SourceReference Ref(string key) =>
        _refs.GetOrAdd(key, static (k, self) => self.Source with { Article = self.Get(k).Ref ?? self.Source.Article }, this);

    public decimal Number(string key) => Cached(key, static p => p.Value.GetDecimal());
    public int Integer(string key) => Cached(key, static p => p.Value.GetInt32());
    public bool Flag(string key) => Cached(key, static p => p.Value.GetBoolean());
    public string Text(string key) => Cached(key, static p => p.Value.GetString() ?? "");
    public bool Has(string key) => Values.ContainsKey(key);

    public IReadOnlyList<string> Strings(string key) =>
        Cached<IReadOnlyList<string>>(key, static p => p.Value.EnumerateArray().Select(e => e.GetString() ?? "").ToArray());

    public IReadOnlyDictionary<string, decimal> Map(string key) =>
        Cached<IReadOnlyDictionary<string, decimal>>(key, static p =>
            p.Value.EnumerateObject().ToDictionary(o => o.Name, o => o.Value.GetDecimal()));

    public IReadOnlyDictionary<string, string> TextMap(string key) =>
        Cached<IReadOnlyDictionary<string, string>>(key, static p =>
            p.Value.EnumerateObject().ToDictionary(o => o.Name, o => o.Value.GetString() ?? ""));

    /// <summary>Bands ordered best first, as written in the file; the last should admit everything.</summary>
    public IReadOnlyList<Band> Bands(string key) => Cached<IReadOnlyList<Band>>(key, static p =>
        p.Value.EnumerateArray().Select(ParseBand).ToArray());

    private static Band ParseBand(JsonElement e)
    {
        decimal? atLeast = e.TryGetProperty("atLeast", out var a) ? a.GetDecimal() : null;
        decimal? above = e.TryGetProperty("above", out var b) ? b.GetDecimal() : null;
        decimal? atMost = e.TryGetProperty("atMost", out var m) ? m.GetDecimal() : null;
        int min, max;
        var pts = e.GetProperty("points");
        if (pts.ValueKind == JsonValueKind.Array) { min = pts[0].GetInt32(); max = pts[1].GetInt32(); }
        else min = max = pts.GetInt32();
        return new Band(atLeast, above, min, max, atMost);
    }

    // A value read as two types (a number as decimal here, as int there) is cached as the first and read afresh as the other.
    private T Cached<T>(string key, Func<Parameter, T> read) where T : notnull =>
        _values.TryGetValue(key, out var v) ? v is T t ? t : read(Get(key)) : _values.GetOrAdd(key, read(Get(key))) is T first ? first : read(Get(key));
}

/// <summary>All parameter files, by set; picks the version in force at an evaluation date.</summary>
public sealed class ParameterStore
{
    private static readonly JsonSerializerOptions Json = new()
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        PropertyNameCaseInsensitive = true,
    };

    private readonly Dictionary<string, ParameterSet[]> _bySet;

    public ParameterStore(IEnumerable<ParameterSet> sets)
    {
        _bySet = sets.GroupBy(s => s.Set)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(s => s.EffectiveFrom).ToArray());
        foreach (var (set, versions) in _bySet)
            if (versions.Select(v => v.EffectiveFrom).Distinct().Count() != versions.Length)
                throw new InvalidDataException($"parameter set '{set}' has two files with the same effective date");
    }

    private static readonly Lazy<ParameterStore> Embedded = new(LoadEmbedded);
    /// <summary>The parameter files shipped with the engine (src/JxEnterpriseLadder.Rules/Parameters).</summary>
    public static ParameterStore Default => Embedded.Value;

    public IEnumerable<ParameterSet> All => _bySet.Values.SelectMany(v => v);

    /// <summary>Every version of one set, newest first (none when the set is unknown).</summary>
    public IReadOnlyList<ParameterSet> Versions(string set) => _bySet.TryGetValue(set, out var v) ? v : [];

    /// <summary>The version in force at <paramref name="asOf"/>, or null when none is.</summary>
    public ParameterSet? InForce(string set, DateOnly asOf)
    {
        if (!_bySet.TryGetValue(set, out var versions)) return null;
        foreach (var v in versions) if (v.EffectiveFrom <= asOf) return v;
        return null;
    }

    public static ParameterSet Parse(Stream json, string origin)
    {
        try
        {
            var set = JsonSerializer.Deserialize<ParameterSet>(json, Json)
                      ?? throw new InvalidDataException($"{origin}: empty parameter file");
            set.Origin = origin;
            return set;
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{origin}: {e.Message}", e);
        }
    }

    /// <summary>Loads every *.json below a folder: an officer's own parameter files.</summary>
    public static ParameterStore FromDirectory(string folder) =>
        new(Directory.EnumerateFiles(folder, "*.json", SearchOption.AllDirectories)
            .Select(f => { using var s = File.OpenRead(f); return Parse(s, f); }));

    /// <summary>Shipped files plus an override folder; a file in the folder replaces the shipped one of the same version.</summary>
    public ParameterStore With(IEnumerable<ParameterSet> overrides)
    {
        var merged = All.ToDictionary(s => s.Version);
        foreach (var o in overrides) merged[o.Version] = o;
        return new ParameterStore(merged.Values);
    }

    private static ParameterStore LoadEmbedded()
    {
        var asm = typeof(ParameterStore).Assembly;
        var sets = new List<ParameterSet>();
        foreach (var name in asm.GetManifestResourceNames().Where(n => n.StartsWith("parameters/", StringComparison.Ordinal)))
        {
            using var s = asm.GetManifestResourceStream(name)!;
            sets.Add(Parse(s, name));
        }
        return new ParameterStore(sets);
    }
}
