using System.Text.Json;
using JxEnterpriseLadder.Data;
using JxEnterpriseLadder.Domain.Access;
using JxEnterpriseLadder.Domain.Registry;
using JxEnterpriseLadder.Rules.Engine;
using JxEnterpriseLadder.Domain;
using JxEnterpriseLadder.Rules;

namespace JxEnterpriseLadder.Services;

/// <summary>Runs the engine over the registry (or one scope of it) at a date and stores each enterprise's place on the
/// ladder with its seven tiers' outcomes, scores and parameter versions (ADR 0010); results of other scopes at that date
/// are kept.</summary>
public sealed class Screening(RegistryRepository registry, AssessmentEngine engine)
{
    private ScreeningResultRepository Results => new(registry.Database);

    public sealed record Summary(DateOnly AsOf, int Enterprises, IReadOnlyDictionary<string, int> QualifiedByTier);

    /// <param name="progress">Called with (screened, total) every hundred enterprises.</param>
    public Summary Run(DateOnly asOf, AccessScope? scope = null, Action<int, int>? progress = null, CancellationToken cancel = default)
    {
        scope ??= AccessScope.Province;
        if (!scope.IsOfficer) throw new OutOfScopeException("只有科技部门可以运行筛查");
        var total = progress is null ? 0 : registry.CountInScope(scope, asOf);
        var tally = new Tally(asOf, total, progress);
        // The assessments run ahead of the writer, which waits on the database after each batch it sends.
        Results.ReplaceScreening(asOf, scope, RecordPipeline.Ahead(Assess(registry.StreamForAssessment(scope, asOf), asOf, tally, cancel), 10_000, cancel));
        return tally.Finish();
    }

    /// <summary>
    /// Reassesses only the enterprises of the scope whose record changed since their stored position at the date was
    /// assessed (or that have none yet), and replaces just their results: after an import of a few hundred revised
    /// filings, a few hundred assessments instead of the whole registry.
    /// </summary>
    public Summary RunIncremental(DateOnly asOf, AccessScope? scope = null, Action<int, int>? progress = null, CancellationToken cancel = default)
    {
        scope ??= AccessScope.Province;
        if (!scope.IsOfficer) throw new OutOfScopeException("只有科技部门可以运行筛查");
        var stale = Results.StaleAt(asOf, scope);
        var tally = new Tally(asOf, stale.Count, progress);
        if (stale.Count > 0) Results.ReplaceScreeningOf(asOf, stale, Assess(registry.StreamForAssessment(stale, asOf), asOf, tally, cancel));
        return tally.Finish();
    }

    private IEnumerable<(IReadOnlyList<AssessmentRow>, LadderPosition)> Assess(
        IEnumerable<EnterpriseRecord> records, DateOnly asOf, Tally tally, CancellationToken cancel)
    {
        // The engine runs on every core while the next page is read; leaving mid-way (a cancel) throws, which rolls the
        // whole screening back: nothing half-written.
        var results = RecordPipeline.Map(records.Where(r => r.Enterprise.RegisteredOn <= asOf), record =>
        {
            var result = engine.Verdicts(record, asOf);
            var rows = new AssessmentRow[result.Results.Count];
            for (var i = 0; i < rows.Length; i++)
            {
                var r = result.Results[i];
                rows[i] = new(record.Enterprise.CreditCode, asOf, r.Tier, OutcomeId(r.Outcome), r.Score, string.Join(";", r.Parameters));
            }
            return ((IReadOnlyList<AssessmentRow>)rows,
                new LadderPosition(record.Enterprise.CreditCode, asOf, result.HighestRecognizedTier, result.HighestTier, record.Enterprise.RecordVersion));
        }, cancel: cancel);
        foreach (var (rows, position) in results)
        {
            tally.Add(rows);
            yield return (rows, position);
        }
    }

    private sealed class Tally(DateOnly asOf, int total, Action<int, int>? progress)
    {
        private readonly Dictionary<string, int> _qualified = AssessmentEngine.Tiers.ToDictionary(t => t, _ => 0);
        private int _n;

        public void Add(IReadOnlyList<AssessmentRow> rows)
        {
            foreach (var r in rows)
                if (r.Outcome == QualifiedId) _qualified[r.Tier]++;
            if (++_n % 100 == 0) progress?.Invoke(_n, total);
        }

        public Summary Finish()
        {
            progress?.Invoke(_n, total);
            return new Summary(asOf, _n, _qualified);
        }
    }

    private static readonly string QualifiedId = OutcomeId(Outcome.Qualified);

    /// <summary>The outcome as stored ("qualified", "not-qualified", …): the engine's JSON name.</summary>
    public static string OutcomeId(Outcome o) => Outcomes.Id(o);
}
