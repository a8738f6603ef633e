using JxEnterpriseLadder.Data;
using JxEnterpriseLadder.Domain.Access;
using JxEnterpriseLadder.Domain;
using JxEnterpriseLadder.Rules.Engine;
using MiniExcelLibs;

namespace JxEnterpriseLadder.Services;

/// <summary>
/// Progress toward the plan's targets (parameters plan-targets) within a caller's scope: what the registry recognised
/// in a year, the trend over the years, breakdowns by city, park and industry chain, and the entries the stored
/// predictions expect in the next year with a 95% interval.
/// </summary>
public sealed class TargetProgress(DirectoryRepository directory, PredictionRepository predictions, ParameterStore parameters)
{
    /// <summary>The HNTE innovation score that qualifies today (the dashboard's counting rule names it).</summary>
    public int HnteScoreToQualify => LawShown.HnteScoreToQualify(parameters, DateOnly.FromDateTime(DateTime.Today));

    /// <summary>What the dashboard opens with: the scope's enterprises, the year shown (the latest year predicted from,
    /// else last year), its progress, and the latest screening's counts.</summary>
    public sealed record Dashboard(int Enterprises, int Year, int? PredictedYear, Overview Overview, DateOnly? ScreenedAt,
        IReadOnlyList<DirectoryRepository.ScreeningCount> Screening);

    public Dashboard Opening(AccessScope scope, int today)
    {
        var predicted = predictions.LatestBaseYear();
        var year = predicted ?? today - 1;
        var latest = directory.LatestScreening();
        return new Dashboard(directory.CountInScope(scope), year, predicted, For(scope, year), latest,
            latest is not null ? directory.ScreeningCounts(scope) : []);
    }

    /// <summary>The measures the dashboard counts: the plan's six targets and, beside them, HNTE certificates and
    /// 创新型 titles (the two ladders' steps without a target of their own).</summary>
    public static readonly IReadOnlyList<string> Measures = [TierIds.TechSme, TierIds.Hnte, TierIds.Gazelle, TierIds.Unicorn,
        TierIds.InnovativeSme, TierIds.SpecialisedSme, TierIds.LittleGiant, TierIds.InnovationDemo];

    public sealed record Row(string Group, int? Target, int TargetYear, int Recognized, int RecognizedYear,
        double? ExpectedNext, double? Low, double? High, int? Pool);

    /// <summary>Counts per measure for one key (a year, a city, a park, a chain).</summary>
    public sealed record Line(string Key, IReadOnlyDictionary<string, int> Counts)
    {
        public int this[string measure] => Counts.GetValueOrDefault(measure);
    }

    public sealed record Overview(int Year, int? BaseYear, IReadOnlyList<Row> Progress, IReadOnlyList<Line> Trend,
        IReadOnlyList<Line> ByCity, IReadOnlyList<Line> ByPark, IReadOnlyList<Line> ByChain, IReadOnlyList<int> Years);

    /// <summary>The key of the park (or chain) line that counts the firms outside every park (or chain).</summary>
    public const string None = "";

    public Overview For(AccessScope scope, int year)
    {
        var asOf = new DateOnly(year, 12, 31);
        var plan = parameters.InForce("plan-targets", asOf) ?? parameters.All.Where(s => s.Set == "plan-targets").OrderBy(s => s.EffectiveFrom).First();
        var groups = parameters.InForce("ladder", asOf)!.TextMap("targetGroups");
        var counted = Recognitions(scope)
            .Select(b => b with { Measure = groups.GetValueOrDefault(b.Measure, b.Measure) })
            .Where(b => Measures.Contains(b.Measure)).ToList();
        // A title is counted at each year's end it is valid to, which may be years ahead: only the years the registry's
        // other recognitions reach (or this year, for a registry of titles alone) are counted.
        var horizon = Math.Min(DateTime.Today.Year, counted.Where(b => !TierIds.QualityLadder.Contains(b.Measure)).Select(b => b.Year).DefaultIfEmpty(DateTime.Today.Year).Max());
        counted.RemoveAll(b => b.Year > horizon);
        // Whether the plan's 专精特新 target counts the "小巨人" too is not stated: a parameter says (marked unsure).
        if (plan.Has("specialisedIncludesLittleGiant") && plan.Flag("specialisedIncludesLittleGiant"))
            counted.AddRange(counted.Where(b => b.Measure == TierIds.LittleGiant).Select(b => b with { Measure = TierIds.SpecialisedSme }).ToList());
        var expected = directory.Expected(scope, year).ToDictionary(e => e.TargetGroup);
        var baseYear = expected.Count > 0 ? year : (int?)null;
        var targets = plan.Map("targets");
        var inYear = counted.Where(b => b.Year == year).ToList();

        var progress = Measures.Select(group =>
        {
            var e = expected.GetValueOrDefault(group);
            // Independent enterprises: the count is a sum of Bernoulli draws; normal approximation for the interval.
            var half = e is null ? 0 : 1.96 * Math.Sqrt(e.Variance);
            return new Row(group, targets.TryGetValue(group, out var t) ? (int)t : null, plan.Integer("targetYear"),
                inYear.Where(b => b.Measure == group).Sum(b => b.Count), year,
                e?.Expected, e is null ? null : Math.Max(0, e.Expected - half), e is null ? null : e.Expected + half, e?.Pool);
        }).ToList();

        return new Overview(year, baseYear, progress,
            Lines(counted, b => b.Year.ToString(System.Globalization.CultureInfo.InvariantCulture)).OrderBy(l => l.Key, StringComparer.Ordinal).ToList(),
            Lines(inYear, b => b.CityCode).OrderByDescending(l => l[TierIds.TechSme]).ToList(),
            // Firms outside every park (or chain) are a line of their own, last, so that the lines add up to the scope's count.
            Lines(inYear, b => b.ParkCode ?? None).OrderBy(l => l.Key == None).ThenByDescending(l => l[TierIds.TechSme]).ToList(),
            Lines(inYear, b => b.ChainCode ?? None).OrderBy(l => l.Key == None).ThenByDescending(l => l[TierIds.TechSme]).ToList(),
            counted.Select(b => b.Year).Distinct().Order().ToList());
    }

    // Recognitions change only on import or seeding; a dashboard switching years or breakdowns reuses them for a while.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<AccessScope, (DateTime At, IReadOnlyList<DirectoryRepository.Breakdown> Rows)> _recent = new();
    private static readonly TimeSpan Fresh = TimeSpan.FromSeconds(30);

    private IReadOnlyList<DirectoryRepository.Breakdown> Recognitions(AccessScope scope)
    {
        if (_recent.TryGetValue(scope, out var hit) && DateTime.UtcNow - hit.At < Fresh) return hit.Rows;
        var rows = directory.Recognitions(scope);
        _recent[scope] = (DateTime.UtcNow, rows);
        return rows;
    }

    /// <summary>Progress toward the targets in the year, province-wide (the CLI and the model's tests).</summary>
    public IReadOnlyList<Row> For(int year) => For(AccessScope.Province, year).Progress.Where(r => r.Target is not null).ToList();

    /// <summary>A measure's name in Chinese, as the dashboard and its export head it.</summary>
    public static string MeasureName(string measure) => measure switch
    {
        TierIds.TechSme => "入国家库科技型中小企业",
        TierIds.Hnte => "高新技术企业（当年发证）",
        TierIds.Gazelle => "瞪羚企业（含潜在）",
        TierIds.Unicorn => "独角兽企业（含潜在、种子）",
        TierIds.InnovativeSme => "创新型中小企业（年末有效）",
        TierIds.SpecialisedSme => "专精特新中小企业（年末有效）",
        TierIds.LittleGiant => "专精特新“小巨人”企业（年末有效）",
        TierIds.InnovationDemo => "国家技术创新示范企业（年末有效）",
        _ => measure,
    };

    /// <summary>The dashboard's tables for the year as an .xlsx workbook with Chinese headers, one sheet each: progress
    /// toward the targets, the trend over the years, and the breakdowns by city, park and industry chain.</summary>
    public void Export(AccessScope scope, int year, Stream output)
    {
        var o = For(scope, year);
        var reference = JiangxiReference.Default;
        IEnumerable<Dictionary<string, object?>> Counts(IEnumerable<Line> lines, string keyHeader, Func<string, string> name) =>
            SpreadsheetText.ForPeople(lines.Select(l =>
            {
                var row = new Dictionary<string, object?> { [keyHeader] = name(l.Key) };
                foreach (var m in Measures) row[MeasureName(m)] = l[m];
                return row;
            }));
        var sheets = new Dictionary<string, object>
        {
            ["目标进度"] = o.Progress.Select(r => new Dictionary<string, object?>
            {
                ["指标"] = MeasureName(r.Group),
                ["计划目标（全省）"] = r.Target,
                ["目标年度"] = r.Target is null ? null : r.TargetYear,
                [$"{o.Year} 年"] = r.Recognized,
                [$"{o.Year + 1} 年预计新增"] = r.ExpectedNext is { } x ? Math.Round(x, 1) : null,
                ["95% 区间下限"] = r.Low is { } lo ? Math.Round(lo) : null,
                ["95% 区间上限"] = r.High is { } hi ? Math.Round(hi) : null,
                ["候选企业"] = r.Pool,
            }).ToList(),
            ["历年趋势"] = Counts(o.Trend, "年度", k => k).ToList(),
            ["按设区市"] = Counts(o.ByCity, "设区市", k => reference.CityByCode(k)?.Name ?? k).ToList(),
            ["按园区"] = Counts(o.ByPark, "园区", k => k == None ? "（园区外）" : reference.ParkByCode(k)?.Name ?? k).ToList(),
            ["按产业链"] = Counts(o.ByChain, "产业链", k => k == None ? "（未归入产业链）" : reference.ChainByCode(k)?.Name ?? k).ToList(),
            ["计数规则"] = SpreadsheetText.ForPeople([new Dictionary<string, object?> { ["范围"] = scope.Description, ["年度"] = o.Year, ["计数规则"] = CountingRule }]).ToList(),
        };
        output.SaveAs(sheets);
    }

    private static IEnumerable<Line> Lines(IEnumerable<DirectoryRepository.Breakdown> rows, Func<DirectoryRepository.Breakdown, string> key) =>
        rows.GroupBy(key).Select(g => new Line(g.Key, g.GroupBy(b => b.Measure).ToDictionary(m => m.Key, m => m.Sum(b => b.Count))));

    public string CountingRule => "科技型中小企业按当年入库数计；高新技术企业按当年发证数计（证书有效期三年）；瞪羚含潜在瞪羚、独角兽含潜在和种子独角兽，按当年名单计" +
        "；创新型、专精特新、“小巨人”、国家技术创新示范企业按年末有效称号计（复核通过的续计，撤销的不计）" +
        "。下一年预计新增 = 各企业晋级概率之和（95% 区间按企业相互独立估计），只计当年尚未处于该层级的企业。";

    public string CountingRuleEnglish => "Tech SMEs: entries in the national database in the year; HNTEs: certificates issued in the year (valid three years); " +
        "gazelles include potential gazelles, unicorns include potential and seed unicorns, counted on the year's lists; " +
        "innovative SMEs, specialised SMEs, little giants and national demonstration firms: titles valid at the year's end (a passed review continues, a withdrawn title does not count). " +
        "Expected entries next year = the sum of each enterprise's promotion probability (95% interval assuming independent enterprises), counting only enterprises not yet at that tier.";
}
