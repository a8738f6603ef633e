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
        List<string>? missing = null;
        foreach (var p in parts)
        {
            if (p.Passed == false) return Fail;
            if (p.Passed is null) (missing ??= []).AddRange(p.Missing);
        }
        return missing is null ? Pass : new Verdict(null, missing.Distinct().ToArray());
    }

    public static Verdict Any(params ReadOnlySpan<Verdict> parts)
    {
        List<string>? missing = null;
        foreach (var p in parts)
        {
            if (p.Passed == true) return Pass;
            if (p.Passed is null) (missing ??= []).AddRange(p.Missing);
        }
        return missing is null ? Fail : new Verdict(null, missing.Distinct().ToArray());
    }

    public Outcome ToOutcome() => Passed switch
    {
        true => Outcome.Qualified,
        false => Outcome.NotQualified,
        null => Outcome.Undetermined,
    };
}
