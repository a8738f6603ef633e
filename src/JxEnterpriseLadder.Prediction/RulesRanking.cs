using JxEnterpriseLadder.Rules.Engine;
using JxEnterpriseLadder.Domain;

namespace JxEnterpriseLadder.Prediction;

/// <summary>
/// The rules baseline, defined once (model cards, the models' comparison, and the stored forecast of a rung without a
/// model): enterprises ranked by the engine's outcome for the next rung — qualified, then undetermined, then not
/// qualified — then by the upper end of the score range where there is one (the HNTE innovation score, the tech-SME
/// points), then by <see cref="RulesDistance"/>, nearest first. The key packs the three into one number that sorts
/// the same way.
/// </summary>
public static class RulesRanking
{
    private const double OutcomeStep = 1e6, ScoreStep = 1e3, DistanceCap = 999;

    public static double Key(TierResult result)
    {
        var outcome = result.Outcome switch { Outcome.Qualified => 2, Outcome.Undetermined => 1, _ => 0 };
        var upper = Math.Clamp(result.ScoreRange?.Max ?? result.Score ?? 0, 0, (int)DistanceCap);
        var distance = Math.Min(RulesDistance.To(result), DistanceCap);
        return outcome * OutcomeStep + upper * ScoreStep + (DistanceCap - distance);
    }

    /// <summary>The best-placed of several tiers (a rung entered through any of them).</summary>
    public static double KeyOfNearest(AssessmentResult assessment, IEnumerable<string> tiers) =>
        tiers.Select(t => assessment.For(t) is { } r ? Key(r) : double.MinValue).Max();

    /// <summary>Of several tiers, the one the rules place the enterprise nearest to.</summary>
    public static string NearestTier(AssessmentResult? assessment, IReadOnlyList<string> tiers) =>
        tiers.MaxBy(t => assessment?.For(t) is { } r ? Key(r) : double.MinValue)!;
}
