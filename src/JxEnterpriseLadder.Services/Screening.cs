using System.Text.Json;
using JxEnterpriseLadder.Data;
using JxEnterpriseLadder.Domain.Access;
using JxEnterpriseLadder.Domain.Registry;
using JxEnterpriseLadder.Rules.Engine;

namespace JxEnterpriseLadder.Services;

/// <summary>Runs the engine over the registry (or one scope of it) at a date and stores one result per enterprise and
/// tier, and each enterprise's place on the ladder; results of other scopes at that date are kept.</summary>
public sealed class Screening(RegistryRepository registry, AssessmentEngine engine)
{
    public sealed record Summary(DateOnly AsOf, int Enterprises, IReadOnlyDictionary<string, int> QualifiedByTier);

    /// <param name="progress">Called with (screened, total) every hundred enterprises.</param>
    public Summary Run(DateOnly asOf, AccessScope? scope = null, Action<int, int>? progress = null, CancellationToken cancel = default)
    {
        scope ??= AccessScope.Province;
        if (!scope.IsOfficer) throw new OutOfScopeException("只有科技部门可以运行筛查");
        var total = progress is null ? 0 : registry.CountInScope(scope, asOf);
        var counts = AssessmentEngine.Tiers.ToDictionary(t => t, _ => 0);
        var n = 0;
        registry.ReplaceScreening(asOf, scope, Results());
        progress?.Invoke(n, total);
        return new Summary(asOf, n, counts);

        IEnumerable<(IReadOnlyList<RegistryRepository.AssessmentRow>, RegistryRepository.LadderPosition)> Results()
        {
            foreach (var record in registry.Stream(scope))
            {
                // Leaving mid-way throws, which rolls the whole screening back: nothing half-written.
                cancel.ThrowIfCancellationRequested();
                if (record.Enterprise.RegisteredOn > asOf) continue;
                var result = engine.Assess(ProfileBuilder.Build(record, asOf), asOf);
                n++;
                if (n % 100 == 0) progress?.Invoke(n, total);
                var rows = new List<RegistryRepository.AssessmentRow>(result.Results.Count);
                foreach (var r in result.Results)
                {
                    if (r.Outcome == Outcome.Qualified) counts[r.Tier]++;
                    rows.Add(new(record.Enterprise.CreditCode, asOf, r.Tier, OutcomeId(r.Outcome), r.Score, string.Join(";", r.Parameters)));
                }
                yield return (rows, new(record.Enterprise.CreditCode, asOf, result.HighestRecognizedTier, result.HighestTier));
            }
        }
    }

    /// <summary>The outcome as stored ("qualified", "not-qualified", …): the engine's JSON name.</summary>
    public static string OutcomeId(Outcome o) => JsonSerializer.Serialize(o).Trim('"');
}
