using JxEnterpriseLadder.Rules.Engine;
using JxEnterpriseLadder.Domain;

namespace JxEnterpriseLadder.Prediction;

/// <summary>
/// How far an enterprise is from a tier's thresholds, from the engine's own result: 0 when qualified; otherwise
/// each quantified gap adds its relative shortfall (capped at 1), each failed condition without a quantity adds 1,
/// A feature of the model and the last key of <see cref="RulesRanking"/>, which puts the outcome first: an undetermined
/// outcome is not a distance (it once added a quarter here, which ranked sure failures above possible passes).
/// </summary>
public static class RulesDistance
{
    public static double To(TierResult result)
    {
        if (result.Outcome == Outcome.Qualified) return 0;
        var distance = 0.0;
        var gapped = new HashSet<string>();
        foreach (var g in result.Gaps)
        {
            gapped.Add(g.Criterion);
            distance += g is { Target: > 0, Change: > 0 } ? Math.Min(1.0, (double)(g.Change.Value / g.Target.Value)) : 1.0;
        }
        foreach (var c in result.Criteria)
            if (c.Passed == false && !gapped.Contains(c.Id) && !result.Gaps.Any(g => g.Criterion.StartsWith(c.Id, StringComparison.Ordinal) || c.Id.StartsWith(g.Criterion, StringComparison.Ordinal)))
                distance += 1.0;
        return distance;
    }
}
