using JxEnterpriseLadder.Domain.Registry;
using JxEnterpriseLadder.Rules.Engine;
using JxEnterpriseLadder.Rules;

namespace JxEnterpriseLadder.Prediction;

/// <summary>One enterprise in one transition's pool at the end of year <see cref="BaseYear"/>.</summary>
public sealed record PromotionExample(
    string CreditCode, string CityCode, string? ParkCode, string? ChainCode, int BaseYear, float[] Features,
    bool Entered, double RulesScore, string TargetGroup);

/// <summary>
/// Turns the registry into examples: for every enterprise and base year, one year-end snapshot (one engine run),
/// then a row in the pool of every transition it belongs to, labelled with what happened in the next year.
/// The registry is streamed; only pool rows are kept.
/// </summary>
public sealed class PromotionDataset(AssessmentEngine engine, PromotionFeatures features)
{
    public IReadOnlyDictionary<Transition, List<PromotionExample>> Build(IEnumerable<EnterpriseRecord> records, int fromBaseYear, int toBaseYear,
        IReadOnlyCollection<Transition>? transitions = null)
    {
        transitions ??= Transition.All;
        var rows = transitions.ToDictionary(t => t, _ => new List<PromotionExample>());
        foreach (var record in records)
        {
            for (var year = Math.Max(fromBaseYear, record.Enterprise.RegisteredOn.Year); year <= toBaseYear; year++)
            {
                if (!record.Filings.Any(f => f.Year == year)) continue; // not active in the base year: in no pool
                var snapshot = YearEndSnapshot.Take(record, year, engine);
                float[]? vector = null;
                foreach (var t in transitions)
                {
                    if (!t.InPool(snapshot, engine)) continue;
                    vector ??= features.Compute(snapshot);
                    var e = snapshot.Known.Enterprise; // city and park as they were at the year end
                    rows[t].Add(new PromotionExample(e.CreditCode, e.CityCode, e.ParkCode, e.ChainCode, year, vector,
                        t.Entered(record, year + 1), t.RulesScore(snapshot), t.TargetGroupOf(snapshot, engine)));
                }
            }
        }
        return rows;
    }
}
