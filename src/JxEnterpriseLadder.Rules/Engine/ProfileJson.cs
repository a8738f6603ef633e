using System.Text.Json;
using System.Text.Json.Serialization;
using JxEnterpriseLadder.Domain.Profiles;

namespace JxEnterpriseLadder.Rules.Engine;

/// <summary>
/// Reads profiles the way both the CLI and the HTTP endpoint accept them: one JSON object, a JSON array of
/// objects, or NDJSON. Each profile is read on its own, so one bad profile does not stop the others.
/// </summary>
public static class ProfileJson
{
    public static readonly JsonSerializerOptions Options = Create();

    private static JsonSerializerOptions Create()
    {
        var o = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
            WriteIndented = false,
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        return o;
    }

    /// <summary>One input item: a profile, or the reason it could not be read.</summary>
    public sealed record Item(int Index, EnterpriseProfile? Profile, ProfileError? Error);

    public sealed record ProfileError(int Index, string? CreditCode, string Field, string Message)
    {
        public override string ToString() => $"profile #{Index + 1}{(CreditCode is null ? "" : $" ({CreditCode})")}: {Field}: {Message}";
    }

    public static IReadOnlyList<Item> Read(string text)
    {
        var trimmed = text.TrimStart();
        if (trimmed.Length == 0) return [new Item(0, null, new ProfileError(0, null, "$", "no profile in the input"))];
        if (trimmed[0] == '[')
        {
            try
            {
                using var doc = JsonDocument.Parse(trimmed);
                return doc.RootElement.EnumerateArray().Select((e, i) => One(e.GetRawText(), i)).ToList();
            }
            catch (JsonException e)
            {
                return [new Item(0, null, new ProfileError(0, null, e.Path ?? $"line {e.LineNumber + 1}", "malformed JSON: " + Short(e.Message)))];
            }
        }
        // A single (possibly pretty-printed) object, or NDJSON: one object per line.
        if (IsSingleDocument(trimmed)) return [One(trimmed, 0)];
        return trimmed.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).Select((l, i) => One(l, i)).ToList();
    }

    private static bool IsSingleDocument(string text)
    {
        try
        {
            var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(text));
            if (!JsonDocument.TryParseValue(ref reader, out var doc)) return false;
            doc.Dispose();
            return !reader.Read();
        }
        catch (JsonException)
        {
            return !text.Contains('\n');
        }
    }

    private static Item One(string json, int index)
    {
        string? code = null;
        try
        {
            using (var doc = JsonDocument.Parse(json))
                if (doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("creditCode", out var c) && c.ValueKind == JsonValueKind.String)
                    code = c.GetString();
            var profile = JsonSerializer.Deserialize<EnterpriseProfile>(json, Options);
            if (profile is null) return new Item(index, null, new ProfileError(index, code, "$", "null is not a profile"));
            var problem = Check(profile);
            return problem is null ? new Item(index, profile, null) : new Item(index, null, new ProfileError(index, code, problem.Value.field, problem.Value.message));
        }
        catch (JsonException e)
        {
            var field = string.IsNullOrEmpty(e.Path) ? "$" : e.Path;
            return new Item(index, null, new ProfileError(index, code, field, Short(e.Message)));
        }
    }

    private static string Short(string message) => message.Split(" Path:")[0].Split(" LineNumber:")[0].Trim();

    /// <summary>Impossible values: the profile is not assessed and the field is named.</summary>
    public static (string field, string message)? Check(EnterpriseProfile p)
    {
        var seen = new HashSet<int>();
        for (var i = 0; i < p.Years.Count; i++)
        {
            var y = p.Years[i];
            var at = $"$.years[{i}]";
            if (y.Year is < 1900 or > 2100) return ($"{at}.year", $"year {y.Year} is out of range");
            if (!seen.Add(y.Year)) return ($"{at}.year", $"year {y.Year} appears twice");
            foreach (var (field, message) in Domain.Registry.RegistryValidation.Consistency(y))
                return ($"{at}.{field}", message);
        }
        if (p.Ip is { } ip)
        {
            if (ip.Class1 < 0) return ("$.ip.class1", "must not be negative");
            if (ip.Class2 < 0) return ("$.ip.class2", "must not be negative");
        }
        for (var i = 0; i < p.Financing.Count; i++)
        {
            var f = p.Financing[i];
            if (f.Currency is { } c && c is not ("CNY" or "USD")) return ($"$.financing[{i}].currency", $"'{c}' is not CNY or USD");
            if (f.Amount < 0) return ($"$.financing[{i}].amount", "must not be negative");
            if (f.PostMoneyValuation < 0) return ($"$.financing[{i}].postMoneyValuation", "must not be negative");
        }
        if (p.Expert is { } x)
        {
            string[] grades = ["A", "B", "C", "D", "E"];
            if (x.TechAdvancement is { } t && !grades.Contains(t)) return ("$.expert.techAdvancement", $"'{t}' is not a grade A–E");
            if (x.CoreSupport is { } s && !grades.Contains(s)) return ("$.expert.coreSupport", $"'{s}' is not a grade A–E");
            if (x.RdManagementPoints is < 0 or > 20) return ("$.expert.rdManagementPoints", "must be 0–20");
        }
        if (p.CreditCode is { } code && Domain.UnifiedSocialCreditCode.Validate(code) is { } reason) return ("$.creditCode", reason);
        return null;
    }

    public static string Serialize(AssessmentResult r) => JsonSerializer.Serialize(r, Options);
}
