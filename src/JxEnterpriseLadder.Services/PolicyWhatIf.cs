using JxEnterpriseLadder.Data;
using JxEnterpriseLadder.Domain;
using JxEnterpriseLadder.Domain.Access;
using JxEnterpriseLadder.Rules.Engine;
using MiniExcelLibs;
using JxEnterpriseLadder.Rules;

namespace JxEnterpriseLadder.Services;

/// <summary>
/// A what-if screening (issue 22, ADR 0017): the registry of a scope assessed at a date twice, under the law in force
/// and under a draft standing in for it, side by side. Nothing is written: stored screenings, positions and reviews
/// stay as they are. The result counts each tier's qualified enterprises by city, park and industry chain under both,
/// lists the enterprises that enter or leave a tier, and the plan targets' completion under both.
/// </summary>
public sealed class PolicyWhatIf(RegistryRepository registry, AssessmentEngine law)
{
    /// <summary>An enterprise whose outcome for a tier differs between the law and the draft.</summary>
    public sealed record Mover(string CreditCode, string Name, string CityCode, string? ParkCode, string? ChainCode, string Tier, Outcome UnderLaw, Outcome UnderDraft)
    {
        /// <summary>Qualified under the draft and not under the law.</summary>
        public bool Enters => UnderDraft == Outcome.Qualified;
    }

    /// <summary>Qualified enterprises per tier (in <see cref="TierIds.All"/> order) under the law and under the draft, for one key.</summary>
    public sealed record Counts(string Key, int[] UnderLaw, int[] UnderDraft)
    {
        public int Difference(int tier) => UnderDraft[tier] - UnderLaw[tier];
        public bool Changed => !UnderLaw.AsSpan().SequenceEqual(UnderDraft);
    }

    /// <summary>A plan target and the enterprises that qualify for its group under both (distinct enterprises).</summary>
    public sealed record TargetLine(string Group, int Target, int TargetYear, int UnderLaw, int UnderDraft)
    {
        public double LawRate => Target == 0 ? 0 : (double)UnderLaw / Target;
        public double DraftRate => Target == 0 ? 0 : (double)UnderDraft / Target;
    }

    public sealed record ChangedValue(string Key, string Label, string InForce, string Proposed);

    public sealed record Result(string DraftName, DateOnly AsOf, string ScopeDescription, string LawVersion, string DraftBasedOn,
        IReadOnlyList<ChangedValue> ChangedValues, int Enterprises, Counts Total, IReadOnlyList<Counts> ByCity, IReadOnlyList<Counts> ByPark,
        IReadOnlyList<Counts> ByChain, IReadOnlyList<Mover> Movers, IReadOnlyList<TargetLine> Targets);

    /// <summary>
    /// Runs the scope at the date under the law and under <paramref name="draft"/> (the draft's set at that date, see
    /// <see cref="PolicyDrafts.SetAt"/>). Refused with the set and key named when the draft cannot stand in for the law.
    /// </summary>
    /// <param name="progress">Called with (assessed, total) every thousand enterprises.</param>
    public Result Run(AccessScope scope, string draftName, ParameterSet draft, DateOnly asOf,
        Action<int, int>? progress = null, CancellationToken cancel = default)
    {
        if (!scope.IsOfficer) throw new OutOfScopeException("只有科技部门可以运行政策模拟");
        var (store, problems) = ParameterDrafts.InPlaceOfLaw(law.Parameters, [draft], asOf);
        if (store is null) throw new DraftRefusedException(problems);
        var inForce = law.Parameters.InForce(draft.Set, asOf)!;
        // A condition the rules always apply cannot be drafted away, whichever door the draft came in by (a saved draft is
        // refused when saved; a folder of files from the CLI only here).
        var fixedKeys = ParameterDrafts.ChangedKeys(inForce, draft).Where(k => law.Laws.AlwaysApplies(draft.Set, asOf, k)).Order(StringComparer.Ordinal).ToList();
        if (fixedKeys.Count > 0) throw new DraftRefusedException(fixedKeys.Select(k => new DraftProblem(draft.Set, k, PolicyDrafts.AlwaysAppliedNote)).ToList());
        var underDraft = new AssessmentEngine(store);
        var changed = ParameterDrafts.ChangedKeys(inForce, draft).Select(k =>
        {
            var (was, proposed) = (inForce.Values[k].Value, draft.Values[k].Value);
            return new ChangedValue(k, inForce.Values[k].Label ?? k, ParameterUnit.Of(k, was).Display(was), ParameterUnit.Of(k, was).Display(proposed));
        }).ToList();

        var tiers = TierIds.All;
        var total = progress is null ? 0 : registry.CountInScope(scope, asOf);
        var all = new Tally("all", tiers.Count);
        var byCity = new Dictionary<string, Tally>(StringComparer.Ordinal);
        var byPark = new Dictionary<string, Tally>(StringComparer.Ordinal);
        var byChain = new Dictionary<string, Tally>(StringComparer.Ordinal);
        var movers = new List<Mover>();
        var groups = law.Parameters.InForce("ladder", asOf)?.TextMap("targetGroups") ?? new Dictionary<string, string>();
        var plan = law.Parameters.InForce("plan-targets", asOf) ?? law.Parameters.All.Where(s => s.Set == "plan-targets").OrderBy(s => s.EffectiveFrom).First();
        var targets = plan.Map("targets");
        // Which tiers count toward each target, worked out once: the loop below runs for every enterprise, twice.
        var targetGroups = targets.Keys.ToArray();
        var tiersOf = targetGroups.Select(g => Enumerable.Range(0, tiers.Count).Where(t => groups.GetValueOrDefault(tiers[t], tiers[t]) == g).ToArray()).ToArray();
        var lawGroup = new int[targetGroups.Length];
        var draftGroup = new int[targetGroups.Length];
        var n = 0;

        var assessed = RecordPipeline.Map(registry.StreamForAssessment(scope, asOf).Where(r => r.Enterprise.RegisteredOn <= asOf), record =>
            (Enterprise: record.Enterprise, At: record.EnterpriseOn(asOf), Law: Outcomes(law.Verdicts(record, asOf)), Draft: Outcomes(underDraft.Verdicts(record, asOf))),
            cancel: cancel);
        foreach (var (enterprise, at, lawOutcomes, draftOutcomes) in assessed)
        {
            all.Add(lawOutcomes, draftOutcomes);
            Of(byCity, at.CityCode).Add(lawOutcomes, draftOutcomes);
            if (at.ParkCode is { } park) Of(byPark, park).Add(lawOutcomes, draftOutcomes);
            if (enterprise.ChainCode is { } chain) Of(byChain, chain).Add(lawOutcomes, draftOutcomes);
            for (var t = 0; t < tiers.Count; t++)
                if ((lawOutcomes[t] == Outcome.Qualified) != (draftOutcomes[t] == Outcome.Qualified))
                    movers.Add(new(enterprise.CreditCode, enterprise.Name, at.CityCode, at.ParkCode, enterprise.ChainCode, tiers[t], lawOutcomes[t], draftOutcomes[t]));
            CountGroups(lawOutcomes, lawGroup);
            CountGroups(draftOutcomes, draftGroup);
            if (++n % 1000 == 0) progress?.Invoke(n, total);
        }
        progress?.Invoke(n, n);

        return new Result(draftName, asOf, scope.Description, inForce.Version, draft.Source.ToString(), changed, n, all.Counts(),
            Ordered(byCity), Ordered(byPark), Ordered(byChain),
            movers.OrderBy(m => TierIds.IndexOf(m.Tier)).ThenByDescending(m => m.Enters).ThenBy(m => m.CityCode, StringComparer.Ordinal).ThenBy(m => m.CreditCode, StringComparer.Ordinal).ToList(),
            targetGroups.Select((g, i) => new TargetLine(g, (int)targets[g], plan.Integer("targetYear"), lawGroup[i], draftGroup[i])).ToList());

        void CountGroups(Outcome[] outcomes, int[] counted)
        {
            // An enterprise counts once toward a target, however many of the group's tiers it qualifies for.
            for (var g = 0; g < tiersOf.Length; g++)
                foreach (var t in tiersOf[g])
                    if (outcomes[t] == Outcome.Qualified) { counted[g]++; break; }
        }
    }

    private static Outcome[] Outcomes(AssessmentResult result)
    {
        var outcomes = new Outcome[result.Results.Count];
        for (var i = 0; i < outcomes.Length; i++) outcomes[i] = result.Results[i].Outcome;
        return outcomes;
    }

    private static Tally Of(Dictionary<string, Tally> tallies, string key)
    {
        if (!tallies.TryGetValue(key, out var t)) tallies[key] = t = new Tally(key, TierIds.All.Count);
        return t;
    }

    private static List<Counts> Ordered(Dictionary<string, Tally> tallies) =>
        tallies.Values.Select(t => t.Counts()).OrderByDescending(c => c.Changed).ThenByDescending(c => c.UnderLaw.Sum()).ThenBy(c => c.Key, StringComparer.Ordinal).ToList();

    private sealed class Tally(string key, int tiers)
    {
        private readonly int[] _law = new int[tiers], _draft = new int[tiers];

        public void Add(Outcome[] law, Outcome[] draft)
        {
            for (var t = 0; t < _law.Length; t++)
            {
                if (law[t] == Outcome.Qualified) _law[t]++;
                if (draft[t] == Outcome.Qualified) _draft[t]++;
            }
        }

        public Counts Counts() => new(key, _law, _draft);
    }

    /// <summary>
    /// The comparison as an .xlsx workbook with Chinese headers: the summary, the targets' completion under both,
    /// counts by city, park and chain, who enters and who leaves, and what the draft changes.
    /// </summary>
    public static void Export(Result r, Stream output)
    {
        var reference = JiangxiReference.Default;
        var tiers = TierIds.All;
        List<Dictionary<string, object?>> CountRows(IEnumerable<Counts> lines, string header, Func<string, string> name) =>
            SpreadsheetText.ForPeople(lines.Select(c =>
            {
                var row = new Dictionary<string, object?> { [header] = name(c.Key) };
                for (var t = 0; t < tiers.Count; t++)
                {
                    row[$"{TierNames.Of(tiers[t])}（现行）"] = c.UnderLaw[t];
                    row[$"{TierNames.Of(tiers[t])}（草案）"] = c.UnderDraft[t];
                    row[$"{TierNames.Of(tiers[t])}（增减）"] = c.Difference(t);
                }
                return row;
            })).ToList();
        List<Dictionary<string, object?>> MoverRows(bool enters) => SpreadsheetText.ForPeople(r.Movers.Where(m => m.Enters == enters).Select(m => new Dictionary<string, object?>
        {
            ["统一社会信用代码"] = m.CreditCode,
            ["企业名称"] = m.Name,
            ["层级"] = TierNames.Of(m.Tier),
            ["设区市"] = reference.CityByCode(m.CityCode)?.Name ?? m.CityCode,
            ["园区"] = m.ParkCode is null ? null : reference.ParkByCode(m.ParkCode)?.Name ?? m.ParkCode,
            ["产业链"] = m.ChainCode is null ? null : reference.ChainByCode(m.ChainCode)?.Name ?? m.ChainCode,
            ["现行规则下"] = OutcomeName(m.UnderLaw),
            ["草案下"] = OutcomeName(m.UnderDraft),
        })).ToList();

        var sheets = new Dictionary<string, object>
        {
            ["汇总"] = tiers.Select((tier, t) => new Dictionary<string, object?>
            {
                ["层级"] = TierNames.Of(tier), ["现行规则符合条件"] = r.Total.UnderLaw[t], ["草案下符合条件"] = r.Total.UnderDraft[t], ["增减"] = r.Total.Difference(t),
                ["进入"] = r.Movers.Count(m => m.Tier == tier && m.Enters), ["退出"] = r.Movers.Count(m => m.Tier == tier && !m.Enters),
            }).ToList(),
            ["目标完成率"] = r.Targets.Select(t => new Dictionary<string, object?>
            {
                ["目标"] = TargetProgress.MeasureName(t.Group), ["计划目标（全省）"] = t.Target, ["目标年度"] = t.TargetYear,
                ["现行规则符合条件（家）"] = t.UnderLaw, ["现行规则完成率"] = Percent(t.LawRate),
                ["草案下符合条件（家）"] = t.UnderDraft, ["草案下完成率"] = Percent(t.DraftRate),
            }).ToList(),
            ["按设区市"] = CountRows(r.ByCity, "设区市", k => reference.CityByCode(k)?.Name ?? k),
            ["按园区"] = CountRows(r.ByPark, "园区", k => reference.ParkByCode(k)?.Name ?? k),
            ["按产业链"] = CountRows(r.ByChain, "产业链", k => reference.ChainByCode(k)?.Name ?? k),
            ["进入名单"] = Headed(MoverRows(enters: true)),
            ["退出名单"] = Headed(MoverRows(enters: false)),
            ["草案说明"] = SpreadsheetText.ForPeople(r.ChangedValues.Select(v => new Dictionary<string, object?>
            {
                ["参数"] = v.Label, ["现行值"] = v.InForce, ["草案值"] = v.Proposed,
                ["草案"] = r.DraftName, ["评估日期"] = r.AsOf.ToString("yyyy-MM-dd"), ["范围"] = r.ScopeDescription, ["现行参数版本"] = r.LawVersion,
            })).ToList(),
        };
        output.SaveAs(sheets);
    }

    private static readonly string[] MoverHeaders = ["统一社会信用代码", "企业名称", "层级", "设区市", "园区", "产业链", "现行规则下", "草案下"];

    // An empty list still shows its headers, so a reader sees "nobody", not a broken sheet.
    private static object Headed(List<Dictionary<string, object?>> rows) =>
        rows.Count > 0 ? rows : [MoverHeaders.ToDictionary(h => h, _ => (object?)null)];

    private static string Percent(double rate) => (rate * 100).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + "%";

    public static string OutcomeName(Outcome o) => o switch
    {
        Outcome.Qualified => "符合",
        Outcome.NotQualified => "不符合",
        Outcome.Undetermined => "待定（缺数据）",
        _ => o.ToString(),
    };
}

/// <summary>A draft that cannot stand in for the law: each problem names the set and the key.</summary>
public sealed class DraftRefusedException(IReadOnlyList<DraftProblem> problems)
    : Exception("草案不能用于模拟：" + string.Join("；", problems.Select(p => p.ToString())))
{
    public IReadOnlyList<DraftProblem> Problems { get; } = problems;
}
