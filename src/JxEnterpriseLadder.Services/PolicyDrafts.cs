using System.Globalization;
using System.Text.Json;
using JxEnterpriseLadder.Data;
using JxEnterpriseLadder.Domain;
using JxEnterpriseLadder.Domain.Access;
using JxEnterpriseLadder.Domain.Profiles;
using JxEnterpriseLadder.Domain.Registry;
using JxEnterpriseLadder.Rules.Engine;
using JxEnterpriseLadder.Rules;

namespace JxEnterpriseLadder.Services;

/// <summary>
/// Policy drafts (issue 22, ADR 0017): a province officer or administrator proposes values for one tier's parameter
/// set, starting from the set in force; the draft is checked like a shipped file, stored with who and when, audited,
/// and never in force. A what-if screening (<see cref="PolicyWhatIf"/>) reads it in place of the law at a date.
/// </summary>
public sealed class PolicyDrafts(DraftRepository drafts, UserRepository users, ParameterStore law, TimeProvider clock)
{
    // The typed rule sets, to know which stated conditions the rules always apply (a draft may not change those).
    private readonly Lazy<Rules.LawBook> _laws = new(() => new Rules.LawBook(law));

    internal const string AlwaysAppliedNote = "此条件由规则始终适用，不随此值变化，草案中不可更改";
    /// <summary>The parameter sets a draft may change: those the tiers read (not the ladder, targets or exchange rates).</summary>
    public static readonly IReadOnlyList<string> DraftableSets =
        [TierIds.TechSme, TierIds.Hnte, "high-growth", TierIds.Gazelle, TierIds.PotentialGazelle, TierIds.Unicorn, TierIds.PotentialUnicorn, TierIds.SeedUnicorn];

    public const int MaxNameLength = 60, MaxNoteLength = 500;

    /// <summary>How a value is edited: a number (in its unit), a yes/no, or shown only (lists and tables stay as in force).</summary>
    public enum ValueKind { Number, Integer, Flag, Fixed }

    /// <summary>One value of a set as the draft form shows it.</summary>
    public sealed record Value(string Key, string Label, ParameterUnit Unit, ValueKind Kind, string Source, string? Confidence, string? Note,
        JsonElement InForce, bool Nullable);

    /// <summary>A draft as the pages and the CLI use it: the stored row, the values it changes, and who last changed it
    /// by the name the console shows.</summary>
    public sealed record Draft(DraftRepository.DraftRow Row, IReadOnlyDictionary<string, JsonElement> Changes, string UpdatedBy)
    {
        public string Name => Row.Name;
        public string Set => Row.SetName;
    }

    public sealed record SaveResult(bool Saved, IReadOnlyList<DraftProblem> Problems);

    public static bool MayDraft(AccessScope scope) => scope.Role is Roles.Admin or Roles.ProvinceOfficer;

    /// <summary>Officers see drafts (to compare an enterprise under one); enterprises and parks do not.</summary>
    public IReadOnlyList<Draft> All(AccessScope scope)
    {
        if (!scope.IsOfficer) return [];
        return drafts.All().Select(Read).ToList();
    }

    public Draft? Find(AccessScope scope, string name) =>
        scope.IsOfficer && drafts.Find(name) is { } row ? Read(row) : null;

    /// <summary>The version of a set in force at a date, or null.</summary>
    public ParameterSet? InForce(string set, DateOnly asOf) => law.InForce(set, asOf);

    /// <summary>The values of the set in force at the date, as the draft form lists them.</summary>
    public IReadOnlyList<Value> Values(string set, DateOnly asOf)
    {
        var inForce = law.InForce(set, asOf) ?? throw new ArgumentException($"{asOf:yyyy-MM-dd} 没有现行的 {set} 参数");
        return inForce.Values.Select(kv =>
        {
            var v = kv.Value.Value;
            var unit = ParameterUnit.Of(kv.Key, v);
            var nullable = law.All.Any(s => s.Set == set && s.Values.TryGetValue(kv.Key, out var p) && p.Value.ValueKind == JsonValueKind.Null);
            var kind = _laws.Value.AlwaysApplies(set, asOf, kv.Key) ? ValueKind.Fixed : v.ValueKind switch
            {
                JsonValueKind.True or JsonValueKind.False => ValueKind.Flag,
                JsonValueKind.Number when v.TryGetDecimal(out var d) && d == decimal.Truncate(d) && unit is not { Kind: UnitKind.Ratio or UnitKind.Money } => ValueKind.Integer,
                JsonValueKind.Number => ValueKind.Number,
                JsonValueKind.Null => ValueKind.Number,
                _ => ValueKind.Fixed,
            };
            return new Value(kv.Key, kv.Value.Label ?? kv.Key, unit, kind, kv.Value.Ref ?? inForce.Source.Article ?? "", kv.Value.Confidence,
                kind == ValueKind.Fixed && v.ValueKind is JsonValueKind.True or JsonValueKind.False or JsonValueKind.Number ? AlwaysAppliedNote : kv.Value.Note, v, nullable);
        }).ToList();
    }

    /// <summary>
    /// Saves a draft: its name, the set and the date whose version in force it starts from, and the values it changes
    /// (key → JSON value; values equal to the law are dropped). Refused, with the key named, when a value is missing,
    /// of the wrong kind or unknown, or when nothing changes; refused too when the name is another draft's. Editing a
    /// draft (<paramref name="editing"/>: its name) replaces it, under its new name if it was renamed.
    /// </summary>
    public SaveResult Save(AccessScope scope, string userName, string name, string set, DateOnly basedOnDate,
        IReadOnlyDictionary<string, JsonElement> changes, string? note, string? editing = null)
    {
        if (!MayDraft(scope)) throw new OutOfScopeException("只有省级科技部门和管理员可以起草政策草案");
        var problems = new List<DraftProblem>();
        name = (name ?? "").Trim();
        if (name.Length == 0) problems.Add(new(set, "name", "请填写草案名称"));
        else if (name.Length > MaxNameLength) problems.Add(new(set, "name", $"草案名称不能超过 {MaxNameLength} 个字符"));
        else if (name.Any(char.IsControl)) problems.Add(new(set, "name", "草案名称含有控制字符"));
        if (note is { Length: > MaxNoteLength }) problems.Add(new(set, "note", $"说明不能超过 {MaxNoteLength} 个字符"));
        if (!DraftableSets.Contains(set)) problems.Add(new(set, "set", "此参数集不能起草"));
        if (problems.Count > 0) return new(false, problems);
        var basis = law.InForce(set, basedOnDate);
        if (basis is null) return new(false, [new(set, "set", $"{basedOnDate:yyyy-MM-dd} 没有现行的参数")]);

        var changed = changes.Where(c => !basis.Values.TryGetValue(c.Key, out var p) || !JsonElement.DeepEquals(p.Value, c.Value))
            .ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal);
        problems.AddRange(ParameterDrafts.Check(basis, ParameterDrafts.Apply(basis, changed, name), law));
        foreach (var key in changed.Keys.Where(k => _laws.Value.AlwaysApplies(set, basedOnDate, k)).Order(StringComparer.Ordinal))
            problems.Add(new(set, key, AlwaysAppliedNote));
        if (problems.Count == 0 && changed.Count == 0) problems.Add(new(set, "values", "草案没有改动任何参数"));
        if (problems.Count > 0) return new(false, problems);

        var existing = drafts.Find(name);
        if (existing is not null && existing.Name != editing)
            return new(false, [new(set, "name", "已有同名的草案：请换一个名称，或在草案列表中修改那一份")]);
        var origin = existing ?? (editing is null ? null : drafts.Find(editing));
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        var row = new DraftRepository.DraftRow(name, set, basis.Version, JsonSerializer.Serialize(changed), string.IsNullOrWhiteSpace(note) ? null : note.Trim(),
            origin?.CreatedBy ?? userName, origin?.CreatedAt ?? now, userName, now);
        drafts.Save(row, new AuditStamp(userName, $"保存政策草案「{name}」"), now, renamedFrom: editing);
        return new(true, []);
    }

    public bool Remove(AccessScope scope, string userName, string name)
    {
        if (!MayDraft(scope)) throw new OutOfScopeException("只有省级科技部门和管理员可以删除政策草案");
        return drafts.Remove(name, new AuditStamp(userName, $"删除政策草案「{name}」"), clock.GetUtcNow().ToUnixTimeSeconds());
    }

    /// <summary>The draft's set as it would read at the date: the version in force then, with the draft's values.</summary>
    public ParameterSet SetAt(Draft draft, DateOnly asOf) =>
        ParameterDrafts.Apply(law.InForce(draft.Set, asOf) ?? throw new ArgumentException($"{asOf:yyyy-MM-dd} 没有现行的 {draft.Set} 参数"), draft.Changes, draft.Name);

    /// <summary>
    /// Drafts read from a folder of parameter files (the CLI's --draft FOLDER): each file a whole set, standing in for
    /// the version of its set in force at the date.
    /// </summary>
    public static IReadOnlyList<ParameterSet> FromFolder(string folder) => ParameterStore.FromDirectory(folder).All.ToList();

    /// <summary>A criterion whose reading differs between the law and the draft (null on a side that does not have it).</summary>
    public sealed record CriterionChange(Criterion? UnderLaw, Criterion? UnderDraft);

    /// <summary>A tier as the law and the draft see one enterprise, with the criteria that read differently.</summary>
    public sealed record TierComparison(TierResult UnderLaw, TierResult UnderDraft, IReadOnlyList<CriterionChange> Changed)
    {
        public bool OutcomeChanges => UnderLaw.Outcome != UnderDraft.Outcome;
    }

    /// <summary>One enterprise under the law in force and under a draft at a date (officers only): each tier, and what
    /// changes in it.</summary>
    public IReadOnlyList<TierComparison> Compare(AccessScope scope, Draft draft, EnterpriseProfile profile, DateOnly asOf)
    {
        if (!scope.IsOfficer) throw new OutOfScopeException("只有科技部门可以按草案对比");
        var (store, problems) = ParameterDrafts.InPlaceOfLaw(law, [SetAt(draft, asOf)], asOf);
        if (store is null) throw new DraftRefusedException(problems);
        var underLaw = new AssessmentEngine(law).Assess(profile, asOf);
        var underDraft = new AssessmentEngine(store).Assess(profile, asOf);
        return underLaw.Results.Zip(underDraft.Results, (l, d) =>
        {
            var drafted = d.Criteria.ToDictionary(c => c.Id);
            var changed = new List<CriterionChange>();
            foreach (var c in l.Criteria)
            {
                var other = drafted.GetValueOrDefault(c.Id);
                drafted.Remove(c.Id);
                if (other is null || !SameReading(c, other)) changed.Add(new(c, other));
            }
            changed.AddRange(drafted.Values.Select(c => new CriterionChange(null, c)));
            return new TierComparison(l, d, changed);
        }).ToList();
    }

    private static bool SameReading(Criterion a, Criterion b) =>
        a.Passed == b.Passed && a.Points == b.Points && a.PointsMax == b.PointsMax && a.Threshold == b.Threshold && a.Label == b.Label && a.Actual == b.Actual;

    private Draft Read(DraftRepository.DraftRow row)
    {
        using var doc = JsonDocument.Parse(row.Changes);
        return new Draft(row, doc.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone(), StringComparer.Ordinal),
            users.Find(row.UpdatedBy)?.DisplayName ?? row.UpdatedBy);
    }
}

public enum UnitKind { Money, MoneyUsd, Ratio, Years, Days, People, Points, Count, Year, Flag, Other }

/// <summary>
/// The unit of a parameter as the draft form shows and takes it, read from the key's name (the parameter files name
/// their keys by what they measure: …Revenue in yuan, …Usd in US dollars, …Ratio/…Cagr/…Share as a fraction).
/// A ratio is shown and typed in percent.
/// </summary>
public sealed record ParameterUnit(UnitKind Kind, string Chinese, string English)
{
    public static ParameterUnit Of(string key, JsonElement value)
    {
        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False) return new(UnitKind.Flag, "是/否", "yes/no");
        var k = key.ToLowerInvariant();
        // Most specific first: "cagrYears" counts years, "rdRatioSmallSalesCeiling" is an amount of money.
        if (k.EndsWith("usd", StringComparison.Ordinal)) return new(UnitKind.MoneyUsd, "美元", "US dollars");
        if (k == "targetyear") return new(UnitKind.Year, "年度", "year");
        if (k.Contains("years")) return new(UnitKind.Years, "年", "years");
        if (k.Contains("ceiling")) return new(UnitKind.Money, "元", "yuan");
        if (k.Contains("ratio") || k.Contains("cagr") || k.Contains("share") || k.Contains("growth") || k.Contains("torevenue"))
            return new(UnitKind.Ratio, "%", "%");
        if (k.Contains("revenue") || k.Contains("assets") || k.Contains("investment") || k.EndsWith("cny", StringComparison.Ordinal))
            return new(UnitKind.Money, "元", "yuan");
        if (k.Contains("days")) return new(UnitKind.Days, "天", "days");
        if (k.Contains("employees")) return new(UnitKind.People, "人", "people");
        if (k.Contains("points") || k.Contains("score")) return new(UnitKind.Points, "分", "points");
        if (k.Contains("count")) return new(UnitKind.Count, "件", "items");
        if (k.StartsWith("direct", StringComparison.Ordinal)) return new(UnitKind.Years, "年内", "years");
        return new(UnitKind.Other, "", "");
    }

    /// <summary>A stored value as the form shows it (a ratio in percent), invariant digits.</summary>
    public string Show(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => "",
        JsonValueKind.Number when Kind == UnitKind.Ratio => (value.GetDecimal() * 100m).ToString("0.####", CultureInfo.InvariantCulture),
        JsonValueKind.Number when Kind is UnitKind.Money or UnitKind.MoneyUsd => value.GetDecimal().ToString("#,0.####", CultureInfo.InvariantCulture),
        JsonValueKind.Number => value.GetDecimal().ToString("0.####", CultureInfo.InvariantCulture),
        JsonValueKind.True => "是",
        JsonValueKind.False => "否",
        _ => value.GetRawText(),
    };

    /// <summary>A value as people read it: grouped digits, a ratio in percent, the unit after it.</summary>
    public string Display(JsonElement value, bool english = false) => value.ValueKind switch
    {
        JsonValueKind.Null => english ? "not set" : "不设",
        JsonValueKind.True => english ? "yes" : "是",
        JsonValueKind.False => english ? "no" : "否",
        JsonValueKind.Number when Kind == UnitKind.Ratio => (value.GetDecimal() * 100m).ToString("#,0.##", CultureInfo.InvariantCulture) + "%",
        JsonValueKind.Number => value.GetDecimal().ToString("#,0.####", CultureInfo.InvariantCulture) + (english ? (English.Length > 0 ? " " + English : "") : Chinese is "%" or "" ? Chinese : " " + Chinese),
        _ => Structured(value, english),
    };

    private static readonly Dictionary<string, string> FlagEnglish = new()
    {
        ["majorAccident"] = "major safety or quality accident", ["seriousEnvironmentalViolation"] = "serious environmental violation",
        ["researchMisconduct"] = "serious research misconduct", ["abnormalOperations"] = "listed for abnormal operations",
        ["seriousDishonesty"] = "listed as seriously dishonest",
    };

    private static readonly Dictionary<string, (string Zh, string En)> Items = new()
    {
        ["rdRulesAndAccounts"] = ("研发管理制度与核算", "R&D rules and accounts"),
        ["rdUnitAndCooperation"] = ("研发机构与产学研合作", "R&D unit and cooperation"),
        ["commercializationIncentives"] = ("成果转化激励", "commercialisation incentives"),
        ["talentRules"] = ("人才培养与奖励制度", "talent rules"),
    };

    /// <summary>An item of a list: a clean-record flag, a high-tech field or an industry, by its name.</summary>
    private static string ListItem(string code, bool english)
    {
        if (english) return FlagEnglish.TryGetValue(code, out var flag) ? flag : code.Replace('-', ' ');
        if (CleanRecordFlagNames.Of(code) is var named && named != code) return named;
        return JiangxiReference.Default.HiTechFieldByCodeOrName(code)?.Name ?? JiangxiReference.Default.IndustryByCode(code)?.Name ?? code;
    }

    /// <summary>An item of a table (an expert grade "A", an R&amp;D management item) as people name it.</summary>
    private static string ItemName(string item, bool english) =>
        Items.TryGetValue(item, out var n) ? english ? n.En : n.Zh : item;

    // Tables and lists as people read them: a review window, the clean-record flags, a band table, a grade table.
    private static string Structured(JsonElement value, bool english)
    {
        static string N(JsonElement e) => e.GetDecimal().ToString("#,0.####", CultureInfo.InvariantCulture);
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                return value.GetString() switch
                {
                    "lower" => english ? "the band's lower end" : "取档位下限",
                    "range" => english ? "the band's range" : "显示档位区间",
                    var s => s ?? "",
                };
            case JsonValueKind.Object when value.TryGetProperty("years", out var y):
                return english ? $"the last {N(y)} years" : $"近 {N(y)} 年";
            case JsonValueKind.Object when value.TryGetProperty("days", out var d):
                return english ? $"the last {N(d)} days" : $"近 {N(d)} 天";
            case JsonValueKind.Object when value.TryGetProperty("calendarYearsBefore", out var c):
                return english ? $"this year and the {N(c)} before" : $"当年及上 {N(c)} 年";
            case JsonValueKind.Object:
                return string.Join(" · ", value.EnumerateObject().Select(p => $"{ItemName(p.Name, english)} {(p.Value.ValueKind == JsonValueKind.Number ? N(p.Value) : p.Value.ToString())}"));
            case JsonValueKind.Array when value.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String):
                return string.Join(english ? ", " : "、", value.EnumerateArray().Select(e => ListItem(e.GetString()!, english)));
            case JsonValueKind.Array:
                return string.Join(english ? "; " : "；", value.EnumerateArray().Select(band =>
                {
                    var bound = band.TryGetProperty("atLeast", out var a) ? "≥ " + N(a) : band.TryGetProperty("above", out var b) ? "> " + N(b) : english ? "otherwise" : "其他";
                    var points = band.TryGetProperty("points", out var p) ? p.ValueKind == JsonValueKind.Array ? $"{N(p[0])}–{N(p[1])}" : N(p) : "";
                    return english ? $"{bound}: {points} points" : $"{bound}：{points} 分";
                }));
            default:
                return value.GetRawText();
        }
    }

    /// <summary>What an officer typed, as the value to store; null when it is not a number.</summary>
    public JsonElement? Parse(string? typed)
    {
        if (string.IsNullOrWhiteSpace(typed)) return JsonDocument.Parse("null").RootElement.Clone();
        if (!decimal.TryParse(typed.Trim().TrimEnd('%').Replace(",", "", StringComparison.Ordinal), NumberStyles.Number, CultureInfo.InvariantCulture, out var d)) return null;
        if (Kind == UnitKind.Ratio) d /= 100m;
        return JsonDocument.Parse(d.ToString(CultureInfo.InvariantCulture)).RootElement.Clone();
    }
}
