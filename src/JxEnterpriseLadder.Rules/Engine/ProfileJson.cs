using System.Text.Json;
using System.Text.Json.Serialization;
using JxEnterpriseLadder.Domain;
using JxEnterpriseLadder.Domain.Profiles;
using JxEnterpriseLadder.Domain.Registry;

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

    /// <summary>Profiles larger than this are refused one by one (the others are still read): a bound on what one
    /// profile may cost in memory, whatever the size of the input.</summary>
    public const int DefaultMaxProfileBytes = 1 << 20;

    /// <summary>Every profile of a text (the CLI's file, the tests).</summary>
    public static IReadOnlyList<Item> Read(string text, DateOnly asOf) =>
        Read(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text)), asOf).ToList();

    /// <summary>The profiles of a stream, one at a time: memory is bounded by the largest profile, not by the input.</summary>
    public static IEnumerable<Item> Read(Stream input, DateOnly asOf, int maxProfileBytes = DefaultMaxProfileBytes)
    {
        var index = 0;
        var any = false;
        foreach (var piece in ProfileSplitter.Split(input, maxProfileBytes))
        {
            any = true;
            yield return piece.Problem is { } problem
                ? new Item(index, null, new ProfileError(index, null, "$", problem))
                : One(piece.Bytes, index, asOf);
            index++;
        }
        if (!any) yield return new Item(0, null, new ProfileError(0, null, "$", "no profile in the input"));
    }

    private static Item One(ReadOnlyMemory<byte> json, int index, DateOnly asOf)
    {
        string? code = null;
        try
        {
            using (var doc = JsonDocument.Parse(json))
                if (doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("creditCode", out var c) && c.ValueKind == JsonValueKind.String)
                    code = c.GetString();
            var profile = JsonSerializer.Deserialize<EnterpriseProfile>(json.Span, Options);
            if (profile is null) return new Item(index, null, new ProfileError(index, code, "$", "null is not a profile"));
            var (read, problem) = Validate(profile, asOf);
            return problem is null ? new Item(index, read, null) : new Item(index, null, new ProfileError(index, code, problem.Value.Field, problem.Value.Message));
        }
        catch (JsonException e)
        {
            var field = string.IsNullOrEmpty(e.Path) ? "$" : e.Path;
            return new Item(index, null, new ProfileError(index, code, field, Short(e.Message)));
        }
    }

    private static string Short(string message) => message.Split(" Path:")[0].Split(" LineNumber:")[0].Trim();

    /// <summary>
    /// The shared validator for a profile: impossible values and dates outside <see cref="InputRanges"/> refuse the
    /// profile, naming the field; coded fields written as a Chinese name (as the importer accepts them) are read as
    /// their code, and an unknown one is refused with the values allowed.
    /// </summary>
    public static (EnterpriseProfile? Profile, (string Field, string Message)? Problem) Validate(EnterpriseProfile p, DateOnly asOf)
    {
        if (Check(p, asOf) is { } problem) return (null, problem);
        var reference = Domain.JiangxiReference.Default;
        var read = p;
        if (p.Industry is { } industry)
        {
            if (reference.IndustryByCodeOrName(industry.Trim()) is not { } i)
                return (null, ("$.industry", $"'{industry}' is not an industry: one of {string.Join(", ", reference.Industries.Select(x => $"{x.Code} ({x.Name})"))}"));
            read = read with { Industry = i.Code };
        }
        if (p.HiTechField is { } field)
        {
            if (reference.HiTechFieldByCodeOrName(field.Trim()) is not { } f)
                return (null, ("$.hiTechField", $"'{field}' is not a hi-tech field: one of {string.Join(", ", reference.HiTechFields.Select(x => $"{x.Code} ({x.Name})"))}"));
            read = read with { HiTechField = f.Code };
        }
        return (read, null);
    }

    /// <summary>Impossible values: the profile is not assessed and the field is named (the first problem).</summary>
    private static (string Field, string Message)? Check(EnterpriseProfile p, DateOnly asOf)
    {
        foreach (var problem in Problems(p, asOf)) return problem;
        return null;
    }

    /// <summary>
    /// Every impossible value of a profile, each naming its field ($.path): the shared validator of the API, the CLI
    /// and the self-check, with the registry's own consistency rules (<see cref="RegistryValidation"/>) and date range
    /// (<see cref="InputRanges"/>). Dates after the evaluation date are lawful here (a certificate or a round that is
    /// not yet in force); a registration after it is not, nor any record dated before the registration.
    /// </summary>
    public static IEnumerable<(string Field, string Message)> Problems(EnterpriseProfile p, DateOnly asOf)
    {
        if (p.RegisteredOn is { } registered)
        {
            if (InputRanges.DateProblem(registered, asOf) is { } r) yield return ("$.registeredOn", r);
            else if (registered > asOf) yield return ("$.registeredOn", $"注册日期 {registered:yyyy-MM-dd} 晚于评价日 {asOf:yyyy-MM-dd} (registered after the evaluation date)");
        }
        if (p.HnteCertificate?.IssuedOn is { } issued)
        {
            if (InputRanges.DateProblem(issued, asOf) is { } c) yield return ("$.hnteCertificate.issuedOn", c);
            else if (p.RegisteredOn is { } reg && issued < reg) yield return ("$.hnteCertificate.issuedOn", $"发证日期早于注册日期 {reg:yyyy-MM-dd} (issued before registration)");
        }
        var seen = new HashSet<int>();
        for (var i = 0; i < p.Years.Count; i++)
        {
            var y = p.Years[i];
            var at = $"$.years[{i}]";
            if (y.Year is < 1900 or > 2100) { yield return ($"{at}.year", $"year {y.Year} is out of range"); continue; }
            if (!seen.Add(y.Year)) { yield return ($"{at}.year", $"year {y.Year} appears twice"); continue; }
            if (p.RegisteredOn is { } reg && y.Year < reg.Year) yield return ($"{at}.year", $"申报年度 {y.Year} 早于注册年度 {reg.Year} (a year before registration)");
            foreach (var (field, message) in RegistryValidation.Consistency(y))
                yield return ($"{at}.{field}", message);
        }
        if (p.Ip is { } ip)
        {
            if (ip.Class1 < 0) yield return ("$.ip.class1", "不能为负数 (must not be negative)");
            if (ip.Class2 < 0) yield return ("$.ip.class2", "不能为负数 (must not be negative)");
        }
        for (var i = 0; i < p.ListEntries.Count; i++)
            if (!RegistryValidation.ListTiers.Contains(p.ListEntries[i].Tier))
                yield return ($"$.listEntries[{i}].tier", $"'{p.ListEntries[i].Tier}' is not a listed tier: one of {string.Join(", ", RegistryValidation.ListTiers)}");
        for (var i = 0; i < (p.CleanRecordEvents?.Count ?? 0); i++)
        {
            var e = p.CleanRecordEvents![i];
            if (!RegistryValidation.CleanRecordFlags.Contains(e.Flag))
                yield return ($"$.cleanRecordEvents[{i}].flag", $"'{e.Flag}' is not a clean-record flag: one of {string.Join(", ", RegistryValidation.CleanRecordFlags)}");
            if (InputRanges.DateProblem(e.OccurredOn, asOf) is { } d) yield return ($"$.cleanRecordEvents[{i}].occurredOn", d);
        }
        for (var i = 0; i < p.Financing.Count; i++)
        {
            var f = p.Financing[i];
            if (f.Currency is { } cur && cur is not ("CNY" or "USD")) yield return ($"$.financing[{i}].currency", $"'{cur}' is not CNY or USD");
            if (f.Amount < 0) yield return ($"$.financing[{i}].amount", "不能为负数 (must not be negative)");
            if (f.PostMoneyValuation < 0) yield return ($"$.financing[{i}].postMoneyValuation", "不能为负数 (must not be negative)");
            if (f.QualifiedPaidIn < 0) yield return ($"$.financing[{i}].qualifiedPaidIn", "不能为负数 (must not be negative)");
            else if (f.QualifiedPaidIn > f.Amount) yield return ($"$.financing[{i}].qualifiedPaidIn", "合格投资者实缴额高于本轮融资金额 (paid in by qualified investors above the round's amount)");
            if (f.Date is { } on)
            {
                if (InputRanges.DateProblem(on, asOf) is { } d) yield return ($"$.financing[{i}].date", d);
                else if (p.RegisteredOn is { } reg && on < reg) yield return ($"$.financing[{i}].date", $"融资日期早于注册日期 {reg:yyyy-MM-dd} (a round before registration)");
            }
        }
        if (p.Expert is { } x)
        {
            string[] grades = ["A", "B", "C", "D", "E"];
            if (x.TechAdvancement is { } t && !grades.Contains(t)) yield return ("$.expert.techAdvancement", $"'{t}' is not a grade A–E");
            if (x.CoreSupport is { } s && !grades.Contains(s)) yield return ("$.expert.coreSupport", $"'{s}' is not a grade A–E");
            if (x.RdManagementPoints is < 0 or > 20) yield return ("$.expert.rdManagementPoints", "must be 0–20");
        }
        if (p.CreditCode is { } code && Domain.UnifiedSocialCreditCode.Validate(code) is { } reason) yield return ("$.creditCode", reason);
        foreach (var problem in SecondLadderProblems(p, asOf)) yield return problem;
    }

    /// <summary>The second ladder's inputs (criteria-quality-sme.md §7): a closed list's value must be one of its ids, a
    /// share a share, a date a date the registry takes.</summary>
    private static IEnumerable<(string Field, string Message)> SecondLadderProblems(EnterpriseProfile p, DateOnly asOf)
    {
        static string OneOf(string value, IReadOnlyList<Term> terms) => $"'{value}' 不是可选值 (not one of: {QualityVocabulary.Ids(terms)})";
        if (p.SizeIndustry is { } size && !QualityVocabulary.Has(QualityVocabulary.SizeIndustries, size))
            yield return ("$.sizeIndustry", OneOf(size, QualityVocabulary.SizeIndustries));
        if (p.MainProduct is { } m)
        {
            if (m.NicheEnteredOn is { } entered && InputRanges.DateProblem(entered, asOf) is { } d) yield return ("$.mainProduct.nicheEnteredOn", d);
            if (m.NationalMarketShare is < 0 or > 1) yield return ("$.mainProduct.nationalMarketShare", "市场占有率应在 0 到 1 之间 (a share from 0 to 1)");
            if (m.ChainRole is { } role && !QualityVocabulary.Has(QualityVocabulary.ChainRoles, role)) yield return ("$.mainProduct.chainRole", OneOf(role, QualityVocabulary.ChainRoles));
        }
        if (p.Management is { } q)
        {
            if (q.DigitalisationLevel is { } level && (level < QualityVocabulary.DigitalisationLowest || level > QualityVocabulary.DigitalisationHighest))
                yield return ("$.management.digitalisationLevel", $"数字化水平应为 {QualityVocabulary.DigitalisationLowest}–{QualityVocabulary.DigitalisationHighest} 级 (a level from {QualityVocabulary.DigitalisationLowest} to {QualityVocabulary.DigitalisationHighest})");
            if (q.CoreBusinessesOnSystems < 0) yield return ("$.management.coreBusinessesOnSystems", "不能为负数 (must not be negative)");
        }
        for (var i = 0; i < (p.IpItems?.Count ?? 0); i++)
        {
            var item = p.IpItems![i];
            if (item.Class is not (1 or 2)) yield return ($"$.ipItems[{i}].class", $"知识产权类别应为 1 或 2，实为 {item.Class} (class must be 1 or 2)");
            if (item.GrantedOn is { } granted && InputRanges.DateProblem(granted, asOf) is { } g) yield return ($"$.ipItems[{i}].grantedOn", g);
            if (item.AcquiredOn is { } acquired && InputRanges.DateProblem(acquired, asOf) is { } a) yield return ($"$.ipItems[{i}].acquiredOn", a);
            else if (item.AcquiredOn is { } on && item.GrantedOn is { } by && on < by) yield return ($"$.ipItems[{i}].acquiredOn", $"受让日期早于授权日期 {by:yyyy-MM-dd} (acquired before it was granted)");
        }
        for (var i = 0; i < (p.RdInstitutions?.Count ?? 0); i++)
        {
            var r = p.RdInstitutions![i];
            if (!QualityVocabulary.Has(QualityVocabulary.InstitutionLevels, r.Level)) yield return ($"$.rdInstitutions[{i}].level", OneOf(r.Level, QualityVocabulary.InstitutionLevels));
            if (r.Kind is { } kind && !QualityVocabulary.Has(QualityVocabulary.InstitutionKinds, kind)) yield return ($"$.rdInstitutions[{i}].kind", OneOf(kind, QualityVocabulary.InstitutionKinds));
            if (r.RecognisedOn is { } on && InputRanges.DateProblem(on, asOf) is { } d) yield return ($"$.rdInstitutions[{i}].recognisedOn", d);
        }
        for (var i = 0; i < (p.Awards?.Count ?? 0); i++)
        {
            var w = p.Awards![i];
            if (!QualityVocabulary.Has(QualityVocabulary.AwardLevels, w.Level)) yield return ($"$.awards[{i}].level", OneOf(w.Level, QualityVocabulary.AwardLevels));
            if (w.Rank < 1) yield return ($"$.awards[{i}].rank", "排名从 1 起 (a rank starts at 1)");
            if (w.AwardedOn is { } on && InputRanges.DateProblem(on, asOf) is { } d) yield return ($"$.awards[{i}].awardedOn", d);
        }
        for (var i = 0; i < (p.ContestResults?.Count ?? 0); i++)
        {
            var c = p.ContestResults![i];
            if (!QualityVocabulary.ContestTops.Contains(c.NationalTop)) yield return ($"$.contestResults[{i}].nationalTop", $"应为 {string.Join(" 或 ", QualityVocabulary.ContestTops)} (one of {string.Join(", ", QualityVocabulary.ContestTops)})");
            if (c.Year is < 1900 or > 2100 || c.Year > asOf.Year) yield return ($"$.contestResults[{i}].year", $"年度 {c.Year} 不在可用范围 (year out of range)");
        }
        for (var i = 0; i < (p.Titles?.Count ?? 0); i++)
        {
            var t = p.Titles![i];
            if (!QualityTitles.All.Contains(t.Title)) yield return ($"$.titles[{i}].title", $"'{t.Title}' 不是可选值 (not one of: {string.Join(", ", QualityTitles.All)})");
            if (t.IssuedOn is { } issued && InputRanges.DateProblem(issued, asOf) is { } d) yield return ($"$.titles[{i}].issuedOn", d);
            else if (t.IssuedOn is { } from && t.ExpiresOn is { } to && to < from) yield return ($"$.titles[{i}].expiresOn", $"有效期止早于发证日期 {from:yyyy-MM-dd} (expires before it was issued)");
        }
    }

    /// <summary>Lawful but unlikely figures: shown to whoever typed them, never a reason to refuse.</summary>
    public static IEnumerable<(string Field, string Message)> Warnings(EnterpriseProfile p)
    {
        for (var i = 0; i < p.Years.Count; i++)
        {
            var y = p.Years[i];
            if (y.RdExpense > y.SalesRevenue && y.SalesRevenue > 0)
                yield return ($"$.years[{i}].rdExpense", "研发费用高于销售收入：初创企业可能如此，请核对 (R&D above sales: possible for a young firm, please check)");
            if (y.Employees == 0 && y.SalesRevenue > 0)
                yield return ($"$.years[{i}].employees", "有销售收入但职工为 0 人，请核对 (sales with no employees: please check)");
        }
    }

    public static string Serialize(AssessmentResult r) => JsonSerializer.Serialize(r, Options);
}
