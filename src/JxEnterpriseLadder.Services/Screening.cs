using System.Text.Json;
using JxEnterpriseLadder.Data;
using JxEnterpriseLadder.Domain.Registry;
using JxEnterpriseLadder.Rules.Engine;

namespace JxEnterpriseLadder.Services;

/// <summary>Runs the engine over the whole registry at a date and stores one result per enterprise and tier.</summary>
public sealed class Screening(RegistryRepository registry, AssessmentEngine engine)
{
    public sealed record Summary(DateOnly AsOf, int Enterprises, IReadOnlyDictionary<string, int> QualifiedByTier);

    public Summary Run(DateOnly asOf, Action<int>? progress = null)
    {
        var counts = AssessmentEngine.Tiers.ToDictionary(t => t, _ => 0);
        var n = 0;
        registry.ReplaceAssessments(asOf, Rows());
        return new Summary(asOf, n, counts);

        IEnumerable<RegistryRepository.AssessmentRow> Rows()
        {
            foreach (var record in registry.StreamAll())
            {
                if (record.Enterprise.RegisteredOn > asOf) continue;
                var result = engine.Assess(ProfileBuilder.Build(record, asOf), asOf);
                n++;
                if (n % 5000 == 0) progress?.Invoke(n);
                foreach (var r in result.Results)
                {
                    if (r.Outcome == Outcome.Qualified) counts[r.Tier]++;
                    yield return new(record.Enterprise.CreditCode, asOf, r.Tier, Json(r.Outcome), r.Score, string.Join(";", r.Parameters));
                }
            }
        }
    }

    private static string Json(Outcome o) => JsonSerializer.Serialize(o).Trim('"');
}
