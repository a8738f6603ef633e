using System.Text.Json;

namespace JxEnterpriseLadder.Rules.Engine;

/// <summary>What is wrong with one value of a draft: the key it concerns and why, in words.</summary>
public sealed record DraftProblem(string Set, string Key, string Message)
{
    public override string ToString() => $"{Set}.{Key}：{Message}";
}

/// <summary>
/// A proposed rule set (OpenFisca calls it a reform): the values of one parameter set as an officer would change them.
/// A draft is never in force. It is evaluated in place of the version in force at a date, next to the law, so the
/// two screenings differ only by the draft's values (ADR 0017).
/// </summary>
public static class ParameterDrafts
{
    /// <summary>The set as it would read with <paramref name="changes"/> (key → JSON value) in place of its values.</summary>
    public static ParameterSet Apply(ParameterSet basis, IReadOnlyDictionary<string, JsonElement> changes, string draftName)
    {
        var values = new Dictionary<string, Parameter>(basis.Values, StringComparer.Ordinal);
        foreach (var (key, value) in changes)
        {
            var old = basis.Values.GetValueOrDefault(key);
            values[key] = new Parameter { Value = value.Clone(), Ref = old?.Ref, Label = old?.Label, Note = old?.Note, Confidence = "draft" };
        }
        return new ParameterSet
        {
            Set = basis.Set,
            EffectiveFrom = basis.EffectiveFrom,
            Source = new SourceReference($"政策草案「{draftName}」（未生效，基于 {basis.Version}）", null, "draft"),
            Values = values,
        };
    }

    /// <summary>
    /// Whether a draft can stand in for <paramref name="basis"/>: every key of the basis present, no key the rules do
    /// not read, each value of the kind the rules read (a number where a number is, an integer where an integer is,
    /// bands shaped as bands), no negative threshold. The same checks a shipped file passes by being read by the rules.
    /// </summary>
    public static IReadOnlyList<DraftProblem> Check(ParameterSet basis, ParameterSet draft, ParameterStore? law = null)
    {
        var problems = new List<DraftProblem>();
        if (draft.Set != basis.Set) problems.Add(new(draft.Set, "set", $"草案的参数集为 {draft.Set}，应为 {basis.Set}"));
        foreach (var (key, b) in basis.Values)
        {
            if (!draft.Values.TryGetValue(key, out var d)) { problems.Add(new(basis.Set, key, "缺少此参数")); continue; }
            var nullable = law is not null && law.All.Any(s => s.Set == basis.Set && s.Values.TryGetValue(key, out var p) && p.Value.ValueKind == JsonValueKind.Null);
            if (Mismatch(b.Value, d.Value, nullable) is { } why) problems.Add(new(basis.Set, key, why));
        }
        foreach (var key in draft.Values.Keys.Where(k => !basis.Values.ContainsKey(k)).Order(StringComparer.Ordinal))
            problems.Add(new(basis.Set, key, "规则中没有此参数（名称是否写错？）"));
        return problems;
    }

    /// <summary>
    /// The law with each draft set standing in for the version in force at <paramref name="asOf"/>; problems name
    /// the set and key (none: the store is ready). A draft set no version of which is in force at the date is refused.
    /// </summary>
    public static (ParameterStore? Store, IReadOnlyList<DraftProblem> Problems) InPlaceOfLaw(ParameterStore law, IEnumerable<ParameterSet> drafts, DateOnly asOf)
    {
        var problems = new List<DraftProblem>();
        var replacements = new List<ParameterSet>();
        foreach (var draft in drafts)
        {
            if (law.InForce(draft.Set, asOf) is not { } inForce)
            {
                problems.Add(new(draft.Set, "set", $"{asOf:yyyy-MM-dd} 没有现行的 {draft.Set} 参数，草案无处替换"));
                continue;
            }
            var found = Check(inForce, draft, law);
            problems.AddRange(found);
            if (found.Count == 0)
                replacements.Add(new ParameterSet { Set = draft.Set, EffectiveFrom = inForce.EffectiveFrom, Source = draft.Source, Values = draft.Values });
        }
        return problems.Count > 0 ? (null, problems) : (law.With(replacements), problems);
    }

    /// <summary>The keys whose values differ between the law and a draft, in the file's order.</summary>
    public static IReadOnlyList<string> ChangedKeys(ParameterSet basis, ParameterSet draft) =>
        basis.Values.Keys.Where(k => draft.Values.TryGetValue(k, out var d) && !JsonElement.DeepEquals(basis.Values[k].Value, d.Value)).ToList();

    private static string? Mismatch(JsonElement basis, JsonElement draft, bool nullable)
    {
        if (draft.ValueKind == JsonValueKind.Null) return basis.ValueKind == JsonValueKind.Null || nullable ? null : "不能为空";
        switch (basis.ValueKind)
        {
            case JsonValueKind.Null:
                return draft.ValueKind == JsonValueKind.Number ? NonNegative(draft) : "应为数值或空";
            case JsonValueKind.Number:
                if (draft.ValueKind != JsonValueKind.Number) return "应为数值";
                if (IsInteger(basis) && !IsInteger(draft)) return "应为整数";
                return NonNegative(draft);
            case JsonValueKind.True or JsonValueKind.False:
                return draft.ValueKind is JsonValueKind.True or JsonValueKind.False ? null : "应为是或否";
            case JsonValueKind.String:
                return draft.ValueKind == JsonValueKind.String ? null : "应为文本";
            case JsonValueKind.Array:
                if (draft.ValueKind != JsonValueKind.Array) return "应为列表";
                var shapes = basis.EnumerateArray().ToList();
                if (shapes.Count == 0) return null;
                var i = 0;
                foreach (var item in draft.EnumerateArray())
                {
                    i++;
                    // An item may take the shape of any of the basis's items (a band with a bound, or the last band
                    // without one); when it fits none, it is told what the item in its place looks like.
                    if (shapes.Any(s => Mismatch(s, item, false) is null)) continue;
                    return $"第 {i} 项{Mismatch(shapes[Math.Min(i, shapes.Count) - 1], item, false) ?? "与规则读取的格式不符"}";
                }
                return null;
            case JsonValueKind.Object:
                if (draft.ValueKind != JsonValueKind.Object) return "应为对象";
                foreach (var p in basis.EnumerateObject())
                    if (!draft.TryGetProperty(p.Name, out var v)) return $"缺少 {p.Name}";
                    else if (Mismatch(p.Value, v, false) is { } why) return $"{p.Name} {why}";
                foreach (var p in draft.EnumerateObject())
                    if (!basis.TryGetProperty(p.Name, out _)) return $"多出 {p.Name}";
                return null;
            default:
                return null;
        }
    }

    private static bool IsInteger(JsonElement number) => number.TryGetDecimal(out var d) && d == decimal.Truncate(d);

    private static string? NonNegative(JsonElement number) =>
        !number.TryGetDecimal(out var d) ? "不是有效的数值" : d < 0 ? "不能为负数" : null;
}
