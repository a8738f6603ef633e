using JxEnterpriseLadder.Rules.Engine;

namespace JxEnterpriseLadder.Prediction;

/// <summary>
/// How far an enterprise is from a tier's thresholds, from the engine's own result: 0 when qualified; otherwise
/// each quantified gap adds its relative shortfall (capped at 1), each failed condition without a quantity adds 1,
/// and an undetermined outcome (inputs missing, or the HNTE score straddling the pass mark) adds a quarter.
/// This is the "rules alone" baseline and a feature of the model.
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
        if (result.Outcome == Outcome.Undetermined) distance += 0.25;
        return distance;
    }

    /// <summary>The nearest of several tiers (a transition into any of them).</summary>
    public static double ToNearest(AssessmentResult assessment, IEnumerable<string> tiers) =>
        tiers.Select(t => assessment.For(t) is { } r ? To(r) : double.MaxValue).Min();
}
