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
        var held = new List<string>(2);
        ForEachHeld(p, asOf, certificateValidityYears, ref held, static (ref List<string> list, string tier) => list.Add(tier));
        return held;
    }

    /// <summary>The highest tier held at the date on a ladder, without listing them (the engine asks it for every profile).</summary>
    public static string? HighestHeld(Ladder ladder, EnterpriseProfile p, DateOnly asOf, int? certificateValidityYears)
    {
        var best = (Ladder: ladder, Tier: (string?)null, Rank: -1);
        ForEachHeld(p, asOf, certificateValidityYears, ref best, static (ref (Ladder Ladder, string? Tier, int Rank) b, string tier) =>
        {
            var rank = b.Ladder.IndexOf(tier);
            if (rank > b.Rank) (b.Tier, b.Rank) = (tier, rank);
        });
        return best.Tier;
    }

    private delegate void Visit<T>(ref T state, string tier);

    // The one statement of what is held: a tech-SME registration is valid for the calendar year of entry only; an HNTE
    // certificate for its years; a list entry for its year.
    private static void ForEachHeld<T>(EnterpriseProfile p, DateOnly asOf, int? certificateValidityYears, ref T state, Visit<T> visit)
    {
        for (var i = 0; i < p.TechSmeRegistrations.Count; i++)
            if (p.TechSmeRegistrations[i].Year == asOf.Year) { visit(ref state, TierIds.TechSme); break; }
        if (certificateValidityYears is { } years && p.HnteCertificate?.IssuedOn is { } d && LegalTerms.CertificateValid(d, asOf, years))
            visit(ref state, TierIds.Hnte);
        for (var i = 0; i < p.ListEntries.Count; i++)
            if (p.ListEntries[i].Year == asOf.Year) visit(ref state, p.ListEntries[i].Tier);
    }
}
