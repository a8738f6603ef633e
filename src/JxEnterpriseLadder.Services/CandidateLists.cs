using JxEnterpriseLadder.Data;
using JxEnterpriseLadder.Prediction;
using JxEnterpriseLadder.Rules.Engine;

namespace JxEnterpriseLadder.Services;

/// <summary>
/// Park managers' candidate lists: the enterprises of a pool ranked by their stored probability of entering the next
/// rung, each with its top factors and what it still lacks (the engine's gaps for the nearest target tier).
/// </summary>
public sealed class CandidateLists(PredictionRepository predictions, RegistryRepository registry, AssessmentEngine engine)
{
    public sealed record Row(int Rank, PredictionRepository.Candidate Candidate, IReadOnlyList<PredictionFactor> Factors, string NearestTier, TierResult? Assessment);

    /// <summary>The base year of the stored predictions (they predict the year after it), or null before `jxladder ml predict`.</summary>
    public int? BaseYear() => predictions.LatestBaseYear();

    public IReadOnlyList<Row> For(Transition transition, string? park, int limit)
    {
        if (BaseYear() is not { } baseYear) return [];
        var rows = new List<Row>();
        foreach (var c in predictions.Candidates(transition.Id, baseYear, park, limit))
        {
            // What it lacks, as the model saw it: the engine for year t+1 on the record at the end of year t.
            var record = registry.Get(c.CreditCode);
            var snapshot = record is null ? null : YearEndSnapshot.Take(record, baseYear, engine);
            var nearest = transition.TargetTiers.MinBy(t => snapshot?.Assessment.For(t) is { } r ? RulesDistance.To(r) : double.MaxValue)!;
            rows.Add(new Row(rows.Count + 1, c, FactorJson.Read(c.Factors), nearest, snapshot?.Assessment.For(nearest)));
        }
        return rows;
    }
}
