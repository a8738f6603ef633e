namespace JxEnterpriseLadder.Rules.Engine;

/// <summary>A value of the law as a parameter file states it, with the article it comes from. It reads as its value
/// (<c>int min = law.MinDaysRegistered;</c>); explanations cite <see cref="Citation"/>.</summary>
public sealed class Cited<T>(T value, SourceReference source)
{
    public T Value { get; } = value;
    public SourceReference Source { get; } = source;

    /// <summary>The source as shown in explanations, written once.</summary>
    public string Citation { get; } = source.ToString();

    public static implicit operator T(Cited<T> cited) => cited.Value;

    /// <summary>The value's own text, so that a value written into a sentence reads as the value.</summary>
    public override string ToString() => Value?.ToString() ?? "";
}

/// <summary>
/// One version of a rule set's parameter file bound to its typed record (issue 20): every value the rules read, read
/// and checked once when the file is loaded, so that the rules look nothing up by name. Subclasses list the file's
/// keys as properties (<c>Tiers/Laws.cs</c>).
/// </summary>
public abstract class Law(ParameterSet file)
{
    public ParameterSet File { get; } = file;

    /// <summary>Whether the rules apply this condition whatever its value says: the file states it (with its article, which
    /// explanations cite), but no rule switches on it. A policy draft may not change it.</summary>
    public bool AlwaysApplies(string key) => _alwaysApplied.Contains(key);
    private readonly HashSet<string> _alwaysApplied = new(StringComparer.Ordinal);

    /// <summary>Declares keys the rules cite but never switch on (see <see cref="AlwaysApplies"/>).</summary>
    protected void AlwaysApplied(params string[] keys)
    {
        foreach (var key in keys) _alwaysApplied.Add(key);
    }
    public string Version => File.Version;
    public DateOnly EffectiveFrom => File.EffectiveFrom;

    /// <summary>The versions of this law and the others a tier read with it, in that order, as one list made once per
    /// combination (kept here, so it lives as long as the laws do).</summary>
    internal IReadOnlyList<string> VersionsWith(Law? second, Law? third, Law? fourth) =>
        _versionLists.GetOrAdd((second, third, fourth), static (others, first) =>
            new[] { first, others.Item1, others.Item2, others.Item3 }.OfType<Law>().Select(l => l.Version).ToArray(), this);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(Law?, Law?, Law?), string[]> _versionLists = new();

    protected Cited<decimal> Number(string key) => File.Cite(key, static (f, k) => f.Number(k), "a number");
    protected Cited<int> Integer(string key) => File.Cite(key, static (f, k) => f.Integer(k), "a whole number");
    protected Cited<bool> Flag(string key) => File.Cite(key, static (f, k) => f.Flag(k), "true or false");
    protected Cited<string> Text(string key) => File.Cite(key, static (f, k) => f.Text(k), "a text");
    protected Cited<IReadOnlyList<string>> Strings(string key) => File.Cite(key, static (f, k) => f.Strings(k), "a list of texts");
    protected Cited<IReadOnlyDictionary<string, decimal>> Map(string key) => File.Cite(key, static (f, k) => f.Map(k), "a table of numbers");

    /// <summary>A band table, best band first; at least one band.</summary>
    protected Cited<IReadOnlyList<Band>> Bands(string key) => File.Cite(key, static (f, k) =>
        f.Bands(k) is { Count: > 0 } bands ? bands : throw new FormatException("no band"), "a table of bands with points");

    /// <summary>A look-back window ({"calendarYearsBefore": n}, {"days": n} or {"years": n}).</summary>
    /// <summary>A value's label as the file words it: for a condition whose words carry the law's own numbers ("近五年内"),
    /// so that they are written in the file beside the number and never in code. Required where asked for.</summary>
    protected string Label(string key) => File.Values.TryGetValue(key, out var p) && p.Label is { Length: > 0 } label ? label
        : throw new InvalidDataException($"{File.Origin}: parameter '{key}' needs a label, the condition's words ({Version})");

    protected Cited<CleanRecordFlags> CleanFlags(string key) => File.Cite(key, static (f, k) => new CleanRecordFlags(f.Strings(k)),
        "a list of clean-record flags (" + string.Join(", ", Inputs.CleanFlagNames) + ")");
    protected Cited<LookBack> Window(string key) => File.Cite(key, static (f, k) => LookBack.Of(f.Map(k)), "a look-back window");

    /// <summary>A number that may be written as null: the condition is not in force in this version.</summary>
    protected Cited<decimal?> OptionalNumber(string key) => File.Cite<decimal?>(key, static (f, k) =>
        !f.Has(k) || f.Values[k].Value.ValueKind == System.Text.Json.JsonValueKind.Null ? null : f.Number(k), "a number or null");

}

/// <summary>A rule set's versions, whatever their record.</summary>
public interface IDated
{
    string Set { get; }
    Law? LawAt(DateOnly asOf);
}

/// <summary>The versions of one rule set, each bound to its typed record, newest first: the one in force at a date.</summary>
public sealed class Dated<T> : IDated where T : Law
{
    private readonly T[] _versions;

    public Dated(ParameterStore store, string set, Func<ParameterSet, T> bind)
    {
        Set = set;
        _versions = store.Versions(set).Select(bind).ToArray();
    }

    /// <summary>The parameter set's name (its folder under Parameters/).</summary>
    public string Set { get; }

    public T? At(DateOnly asOf)
    {
        foreach (var v in _versions) if (v.EffectiveFrom <= asOf) return v;
        return null;
    }

    public Law? LawAt(DateOnly asOf) => At(asOf);
}
