using JxEnterpriseLadder.Data;
using JxEnterpriseLadder.Rules.Engine;

namespace JxEnterpriseLadder.Services;

/// <summary>
/// Progress toward the plan's targets (parameters plan-targets): what the registry recognised in a year, and the
/// entries the stored predictions expect in the next one, with a 95% interval.
/// </summary>
public sealed class TargetProgress(RegistryRepository registry, PredictionRepository predictions, ParameterStore parameters)
{
    public sealed record Row(string Group, int Target, int TargetYear, int Recognized, int RecognizedYear,
        double? ExpectedNext, double? Low, double? High, int? Pool);

    /// <summary>Recognised in <paramref name="year"/>: tech SMEs registered that year; gazelle and unicorn groups: entries
    /// on that year's lists of the tiers that count toward each (ladder.targetGroups).</summary>
    public IReadOnlyList<Row> For(int year)
    {
        var asOf = new DateOnly(year, 12, 31);
        var plan = parameters.InForce("plan-targets", asOf) ?? parameters.All.Where(s => s.Set == "plan-targets").OrderBy(s => s.EffectiveFrom).First();
        var groups = parameters.InForce("ladder", asOf)!.TextMap("targetGroups");
        var registered = registry.RegisteredTechSmesByYear().FirstOrDefault(y => y.Year == year)?.Count ?? 0;
        var lists = registry.ListEntriesByYear().Where(l => l.Year == year).ToList();
        var expected = predictions.Expected(year).ToDictionary(e => e.TargetGroup);
        return plan.Map("targets").Select(target =>
        {
            var recognized = target.Key == "tech-sme" ? registered
                : lists.Where(l => groups.TryGetValue(l.Tier, out var g) && g == target.Key).Sum(l => l.Count);
            var e = expected.GetValueOrDefault(target.Key);
            // Independent enterprises: the count is a sum of Bernoulli draws; normal approximation for the interval.
            var half = e is null ? (double?)null : 1.96 * Math.Sqrt(e.Variance);
            return new Row(target.Key, (int)target.Value, plan.Integer("targetYear"), recognized, year,
                e?.Expected, e is null ? null : Math.Max(0, e.Expected - half!.Value), e is null ? null : e.Expected + half, e?.Pool);
        }).ToList();
    }

    public string CountingRule => "科技型中小企业按当年入库数计；瞪羚含潜在瞪羚、独角兽含潜在和种子独角兽，按当年名单计（层级归属见参数 ladder.targetGroups）。" +
        "下一年预计新增 = 各企业晋级概率之和（95% 区间按企业相互独立估计）。";
}
