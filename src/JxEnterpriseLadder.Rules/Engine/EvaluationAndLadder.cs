using JxEnterpriseLadder.Domain.Profiles;
using JxEnterpriseLadder.Domain;
using JxEnterpriseLadder.Domain.Registry;

namespace JxEnterpriseLadder.Rules.Engine;

public sealed record EvaluationOptions
{
    /// <summary>Overrides the parameter file's band policy: Range for a self-check that shows "7–8".</summary>
    public BandPointsMode? BandPoints { get; init; }

    /// <summary>Whether each criterion's words and the gaps are written (the API, the CLI, a page). A screening asks for
    /// verdicts only: outcomes, scores, ranges, missing inputs and parameter versions, without a word formatted.</summary>
    public bool Explain { get; init; } = true;

    public static readonly EvaluationOptions Default = new();

    /// <summary>Verdicts without explanations, for screenings.</summary>
    public static readonly EvaluationOptions VerdictsOnly = new() { Explain = false };
}

/// <summary>The ladder's order, lowest first (parameters/ladder): tech-sme → hnte → high-growth tiers.</summary>
public sealed class Ladder(IReadOnlyList<string> order)
{
    public IReadOnlyList<string> Order { get; } = order;

    public string? Highest(IReadOnlyList<TierResult> results)
    {
        string? best = null;
        var bestRank = -1;
        for (var i = 0; i < results.Count; i++)
        {
            var r = results[i];
            if (r.Outcome != Outcome.Qualified) continue;
            var rank = IndexOf(r.Tier);
            if (rank > bestRank) { best = r.Tier; bestRank = rank; }
        }
        return best;
    }

    public string? Highest(IEnumerable<string> tiers)
    {
        string? best = null;
        var bestRank = -1;
        foreach (var t in tiers)
        {
            var r = IndexOf(t);
            if (r > bestRank) { best = t; bestRank = r; }
        }
        return best;
    }

    public int IndexOf(string tier)
    {
        for (var i = 0; i < Order.Count; i++) if (Order[i] == tier) return i;
        return -1;
    }
}

/// <summary>Recognition status (registered, certified, listed) as held at a date: kept apart from eligibility.</summary>
public static class Recognition
{
    /// <summary>The tiers held at a date, given how many years an HNTE certificate is valid then (null: none counts).</summary>
    public static IEnumerable<string> TiersHeld(EnterpriseProfile p, DateOnly asOf, int? certificateValidityYears)
    {
        // A tech-SME registration number is valid for the calendar year of entry only.
        if (p.TechSmeRegistrations.Any(r => r.Year == asOf.Year)) yield return TierIds.TechSme;
        if (certificateValidityYears is { } years && p.HnteCertificate?.IssuedOn is { } d &&
            LegalTerms.CertificateValid(d, asOf, years)) yield return TierIds.Hnte;
        foreach (var e in p.ListEntries.Where(e => e.Year == asOf.Year)) yield return e.Tier;
    }
}
