using JxEnterpriseLadder.Domain.Profiles;
using JxEnterpriseLadder.Rules.Tiers;
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

/// <summary>
/// The qualification engine: assesses a profile for all seven tiers at a date, without I/O.
/// One engine, three doors: this library call, `jxladder assess`, and POST /api/assessments.
/// </summary>
public sealed class AssessmentEngine(ParameterStore parameters)
{
    /// <summary>The seven tiers in the engine's order (the one vocabulary, <see cref="TierIds"/>).</summary>
    public static IReadOnlyList<string> Tiers => TierIds.All;

    public AssessmentEngine() : this(ParameterStore.Default) { }

    public ParameterStore Parameters { get; } = parameters;

    /// <summary>A registry record at a date: its profile as it stood then (<see cref="ProfileBuilder"/>), assessed. The one
    /// way screenings, snapshots, the generator and the bench go from a record to a verdict.</summary>
    public AssessmentResult Assess(EnterpriseRecord record, DateOnly asOf) => Assess(ProfileBuilder.Build(record, asOf), asOf);

    /// <summary>A registry record's verdicts at a date: each tier's outcome, score, range, missing inputs and parameter
    /// versions, without a criterion's words or a gap (a screening stores nothing more). Same outcomes as <see cref="Assess(EnterpriseRecord, DateOnly)"/>.</summary>
    public AssessmentResult Verdicts(EnterpriseRecord record, DateOnly asOf) => Assess(ProfileBuilder.Build(record, asOf), asOf, EvaluationOptions.VerdictsOnly);

    public AssessmentResult Assess(EnterpriseProfile profile, DateOnly asOf, EvaluationOptions? options = null)
    {
        options ??= EvaluationOptions.Default;
        var techSme = TechSmeRules.Evaluate(profile, asOf, Parameters, options);
        var hnte = HnteRules.Evaluate(profile, asOf, Parameters, options);
        var gazelle = GazelleRules.Evaluate(profile, asOf, Parameters, options);
        var potentialGazelle = PotentialGazelleRules.Evaluate(profile, asOf, Parameters, options, techSme, hnte, gazelle);
        var unicorn = UnicornRules.EvaluateUnicorn(profile, asOf, Parameters, options);
        var potentialUnicorn = UnicornRules.EvaluatePotential(profile, asOf, Parameters, options);
        var seed = UnicornRules.EvaluateSeed(profile, asOf, Parameters, options);
        TierResult[] results = [techSme, hnte, gazelle, potentialGazelle, unicorn, potentialUnicorn, seed];
        var ladder = Ladder.At(Parameters, asOf);
        return new AssessmentResult
        {
            CreditCode = profile.CreditCode,
            Name = profile.Name,
            AsOf = asOf,
            HighestTier = ladder.Highest(results.Where(r => r.Outcome == Outcome.Qualified).Select(r => r.Tier)),
            HighestRecognizedTier = ladder.Highest(Recognition.TiersHeld(profile, asOf, Parameters)),
            Results = results,
        };
    }
}

/// <summary>The ladder's order, lowest first (parameters/ladder): tech-sme → hnte → high-growth tiers.</summary>
public sealed class Ladder(IReadOnlyList<string> order)
{
    public IReadOnlyList<string> Order { get; } = order;

    public static Ladder At(ParameterStore store, DateOnly asOf) =>
        new(store.InForce("ladder", asOf)?.Strings("order") ?? AssessmentEngine.Tiers);

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
    public static IEnumerable<string> TiersHeld(EnterpriseProfile p, DateOnly asOf, ParameterStore store)
    {
        // A tech-SME registration number is valid for the calendar year of entry only.
        if (p.TechSmeRegistrations.Any(r => r.Year == asOf.Year)) yield return TierIds.TechSme;
        if (store.InForce(TierIds.Hnte, asOf) is { } hnte && p.HnteCertificate?.IssuedOn is { } d &&
            LegalTerms.CertificateValid(d, asOf, hnte.Integer("certificateValidityYears"))) yield return TierIds.Hnte;
        foreach (var e in p.ListEntries.Where(e => e.Year == asOf.Year)) yield return e.Tier;
    }
}
