using JxEnterpriseLadder.Domain;
namespace JxEnterpriseLadder.Rules.Engine;

/// <summary>
/// Three-valued truth with the inputs that would decide an unknown. "All" fails as soon as one part fails
/// (its missing inputs then no longer matter); "Any" passes as soon as one part passes.
/// </summary>
public readonly record struct Verdict(bool? Passed, IReadOnlyList<string> Missing)
{
    public static readonly Verdict Pass = new(true, []);
    public static readonly Verdict Fail = new(false, []);
    public static Verdict Unknown(params string[] missing) => new(null, missing);
    public static Verdict Of(bool passed) => passed ? Pass : Fail;

    public static Verdict All(params ReadOnlySpan<Verdict> parts)
    {
        foreach (var p in parts) if (p.Passed == false) return Fail;
        return Undecided(parts) is { } missing ? new Verdict(null, missing) : Pass;
    }

    public static Verdict Any(params ReadOnlySpan<Verdict> parts)
    {
        foreach (var p in parts) if (p.Passed == true) return Pass;
        return Undecided(parts) is { } missing ? new Verdict(null, missing) : Fail;
    }

    /// <summary>The inputs the undecided parts miss, each once, in the parts' order; null when every part is decided.
    /// One undecided part with distinct inputs gives its own list (no copy): screenings combine verdicts by the million.</summary>
    private static IReadOnlyList<string>? Undecided(ReadOnlySpan<Verdict> parts)
    {
        var count = 0;
        IReadOnlyList<string>? only = null;
        foreach (var p in parts)
            if (p.Passed is null) { count++; only = p.Missing; }
        if (count == 0) return null;
        if (count == 1 && Distinct(only!)) return only;
        var missing = new List<string>();
        foreach (var p in parts)
            if (p.Passed is null)
                for (var i = 0; i < p.Missing.Count; i++)
                    if (!missing.Contains(p.Missing[i])) missing.Add(p.Missing[i]);
        return missing.ToArray();
    }

    private static bool Distinct(IReadOnlyList<string> items)
    {
        for (var i = 1; i < items.Count; i++)
            for (var j = 0; j < i; j++)
                if (items[i] == items[j]) return false;
        return true;
    }

    public Outcome ToOutcome() => Passed switch
    {
        true => Outcome.Qualified,
        false => Outcome.NotQualified,
        null => Outcome.Undetermined,
    };
}
