using JxEnterpriseLadder.Domain;
using JxEnterpriseLadder.Domain.Profiles;
using JxEnterpriseLadder.Domain.Registry;
using JxEnterpriseLadder.Rules.Engine;
using JxEnterpriseLadder.Rules.Tiers;

namespace JxEnterpriseLadder.Rules;

/// <summary>
/// The qualification engine: assesses a profile for every tier of both ladders at a date, without I/O. It sits above the rules'
/// building blocks (<c>Engine</c>) and the tiers (<c>Tiers</c>, registered in <see cref="TierRegistry"/>), which
/// depend on the blocks and never on it.
/// One engine, three doors: this library call, `jxladder assess`, and POST /api/assessments.
/// </summary>
public sealed class AssessmentEngine(ParameterStore parameters)
{
    /// <summary>The tiers in the engine's order (the one vocabulary, <see cref="TierIds"/>).</summary>
    public static IReadOnlyList<string> Tiers => TierIds.All;

    public AssessmentEngine() : this(ParameterStore.Default) { }

    public ParameterStore Parameters { get; } = parameters;

    /// <summary>The parameter files bound to their typed records, checked when the engine is made.</summary>
    public LawBook Laws { get; } = parameters == ParameterStore.Default ? DefaultLaws.Value : new LawBook(parameters);
    private static readonly Lazy<LawBook> DefaultLaws = new(() => new LawBook(ParameterStore.Default));

    /// <summary>A registry record at a date: its profile as it stood then (<see cref="ProfileBuilder"/>), assessed. The one
    /// way screenings, snapshots, the generator and the bench go from a record to a verdict.</summary>
    public AssessmentResult Assess(EnterpriseRecord record, DateOnly asOf) => Assess(ProfileBuilder.Build(record, asOf), asOf);

    /// <summary>A registry record's verdicts at a date: each tier's outcome, score, range, missing inputs and parameter
    /// versions, without a criterion's words or a gap (a screening stores nothing more). Same outcomes as <see cref="Assess(EnterpriseRecord, DateOnly)"/>.</summary>
    public AssessmentResult Verdicts(EnterpriseRecord record, DateOnly asOf) => Assess(ProfileBuilder.Build(record, asOf), asOf, EvaluationOptions.VerdictsOnly);

    public AssessmentResult Assess(EnterpriseProfile profile, DateOnly asOf, EvaluationOptions? options = null)
    {
        options ??= EvaluationOptions.Default;
        // Each tier in the registry's order; a later tier may read the results before it (potential gazelles do).
        var results = new TierResult[TierRegistry.All.Count];
        for (var i = 0; i < results.Length; i++) results[i] = TierRegistry.All[i].Evaluate(profile, asOf, Laws, options, results);
        var ladder = Laws.LadderAt(asOf);
        return new AssessmentResult
        {
            CreditCode = profile.CreditCode,
            Name = profile.Name,
            AsOf = asOf,
            HighestTier = ladder.Highest(results),
            HighestQualityTier = Laws.QualityLadderAt(asOf)?.Highest(results),
            HighestRecognizedTier = Recognition.HighestHeld(ladder, profile, asOf, Laws.CertificateValidityYears(asOf)),
            Results = results,
        };
    }
}
