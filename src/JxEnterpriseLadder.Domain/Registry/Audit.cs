using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace JxEnterpriseLadder.Domain.Registry;

/// <summary>Who makes a change and why: every write of enterprise data carries one into the audit trail.</summary>
public sealed record AuditStamp(string Actor, string Reason)
{
    public static readonly AuditStamp Cli = new("jxladder", "命令行 jxladder");
}

/// <summary>One appended line of the audit trail (table audit_trail): who, when, what before and after, and why.</summary>
public sealed record AuditEntry(long Id, long ChangedAt, string Actor, string Subject, string? CreditCode, string SubjectKey, string Action,
    string? BeforeValue, string? AfterValue, string Reason)
{
    private AuditEntry() : this(0, 0, "", "", null, "", "", null, null, "") { }
}

/// <summary>A change to be appended: the trail's entry before it has an id, a time and a stamp.</summary>
public sealed record AuditChange(string Subject, string? CreditCode, string SubjectKey, string Action, string? BeforeValue, string? AfterValue);

public static class AuditSubjects
{
    public const string Enterprise = "enterprise", Filing = "filing", Ip = "ip", TechSmeRegistration = "tech-sme-registration",
        HnteCertificate = "hnte-certificate", ListEntry = "list-entry", Financing = "financing", CleanRecord = "clean-record",
        LocationChange = "location-change", QualityTitle = "quality-title", RdInstitution = "rd-institution", Award = "award",
        ContestResult = "contest-result", TitleUpdate = "title-update", ChangeReport = "change-report", Status = "status", Parameter = "parameter", ParameterDraft = "parameter-draft", Registry = "registry";

    public static string Chinese(string subject) => subject switch
    {
        Enterprise => "企业信息", Filing => "年度申报", Ip => "知识产权", TechSmeRegistration => "科技型中小企业入库", HnteCertificate => "高企证书",
        ListEntry => "瞪羚/独角兽名单", Financing => "融资", CleanRecord => "诚信记录", LocationChange => "迁移记录", QualityTitle => "优质中小企业称号", RdInstitution => "研发机构", Award => "科技奖励", ContestResult => "创客中国名次", TitleUpdate => "称号年度更新", ChangeReport => "重大变化报告", Status => "梯次状态审核", Parameter => "参数", ParameterDraft => "政策草案", Registry => "登记库",
        _ => subject,
    };
}

/// <summary>
/// What changes between two versions of one enterprise's record, as audit entries: the enterprise's changed fields, each
/// filing year added, changed or removed, and each other kind of dated record replaced as a set. Value comparison: the
/// same content in any order is no change, so re-importing the same file changes nothing.
/// </summary>
public static class RecordDiff
{
    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        // Chinese, and any text an enterprise wrote, stays readable in the trail; the UI encodes it when it shows it.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static IReadOnlyList<AuditChange> Between(EnterpriseRecord? before, EnterpriseRecord after)
    {
        var code = after.Enterprise.CreditCode;
        var changes = new List<AuditChange>();
        if (before is null)
            changes.Add(new(AuditSubjects.Enterprise, code, code, "insert", null, SerializeEnterprise(after.Enterprise)));
        else if (EnterpriseFields(before.Enterprise, after.Enterprise) is { Count: > 0 } fields)
            changes.Add(EnterpriseUpdate(code, fields));

        var oldFilings = (before?.Filings ?? []).ToDictionary(f => f.Year);
        foreach (var f in after.Filings.OrderBy(f => f.Year))
        {
            if (!oldFilings.Remove(f.Year, out var old)) changes.Add(new(AuditSubjects.Filing, code, Year(f.Year), "insert", null, Serialize(f)));
            else if (old != f) changes.Add(new(AuditSubjects.Filing, code, Year(f.Year), "update", Serialize(old), Serialize(f)));
        }
        foreach (var old in oldFilings.Values.OrderBy(f => f.Year)) changes.Add(new(AuditSubjects.Filing, code, Year(old.Year), "delete", Serialize(old), null));

        Set(changes, AuditSubjects.Ip, code, before?.Ip, after.Ip);
        Set(changes, AuditSubjects.TechSmeRegistration, code, before?.TechSmeRegistrations, after.TechSmeRegistrations);
        Set(changes, AuditSubjects.HnteCertificate, code, before?.HnteCertificates, after.HnteCertificates);
        Set(changes, AuditSubjects.ListEntry, code, before?.ListEntries, after.ListEntries);
        Set(changes, AuditSubjects.Financing, code, before?.Financing, after.Financing);
        Set(changes, AuditSubjects.CleanRecord, code, before?.CleanRecord, after.CleanRecord);
        Set(changes, AuditSubjects.LocationChange, code, before?.LocationChanges, after.LocationChanges);
        Set(changes, AuditSubjects.QualityTitle, code, before?.QualityTitles, after.QualityTitles);
        Set(changes, AuditSubjects.RdInstitution, code, before?.RdInstitutions, after.RdInstitutions);
        Set(changes, AuditSubjects.Award, code, before?.Awards, after.Awards);
        Set(changes, AuditSubjects.ContestResult, code, before?.ContestResults, after.ContestResults);
        Set(changes, AuditSubjects.TitleUpdate, code, before?.TitleUpdates, after.TitleUpdates);
        Set(changes, AuditSubjects.ChangeReport, code, before?.ChangeReports, after.ChangeReports);
        return changes;
    }

    /// <summary>The entry for an edit of the enterprise's own fields: only the changed ones, before and after.</summary>
    public static AuditChange EnterpriseUpdate(string code, IReadOnlyList<(string Name, object? Before, object? After)> fields) =>
        new(AuditSubjects.Enterprise, code, code, "update",
            JsonSerializer.Serialize(fields.ToDictionary(f => f.Name, f => f.Before), Json), JsonSerializer.Serialize(fields.ToDictionary(f => f.Name, f => f.After), Json));

    /// <summary>The kinds of dated record whose set differs (an import replaces those sets whole).</summary>
    public static bool SameSet<T>(IReadOnlyList<T>? a, IReadOnlyList<T> b) =>
        (a?.Count ?? 0) == b.Count && Order(a ?? []).SequenceEqual(Order(b));

    /// <summary>The enterprise's own fields that differ, by their data-dictionary (camelCase) names.</summary>
    public static IReadOnlyList<(string Name, object? Before, object? After)> EnterpriseFields(Enterprise before, Enterprise after)
    {
        var list = new List<(string, object?, object?)>();
        void Field<T>(string name, T a, T b) { if (!EqualityComparer<T>.Default.Equals(a, b)) list.Add((name, a, b)); }
        Field("name", before.Name, after.Name);
        Field("registeredOn", before.RegisteredOn, after.RegisteredOn);
        Field("cityCode", before.CityCode, after.CityCode);
        Field("county", before.County, after.County);
        Field("parkCode", before.ParkCode, after.ParkCode);
        Field("chainCode", before.ChainCode, after.ChainCode);
        Field("industry", before.Industry, after.Industry);
        Field("hiTechField", before.HiTechField, after.HiTechField);
        Field("listed", before.Listed, after.Listed);
        Field("listedOn", before.ListedOn, after.ListedOn);
        Field("resident", before.Resident, after.Resident);
        Field("prohibitedIndustry", before.ProhibitedIndustry, after.ProhibitedIndustry);
        Field("branchOrTradingOnly", before.BranchOrTradingOnly, after.BranchOrTradingOnly);
        Field("nationalAwardYear", before.NationalAwardYear, after.NationalAwardYear);
        Field("rdInstitutionYear", before.RdInstitutionYear, after.RdInstitutionYear);
        Field("ledStandardYear", before.LedStandardYear, after.LedStandardYear);
        Field("hnteTechAdvancement", before.HnteTechAdvancement, after.HnteTechAdvancement);
        Field("hnteCoreSupport", before.HnteCoreSupport, after.HnteCoreSupport);
        Field("hnteRdRulesAndAccounts", before.HnteRdRulesAndAccounts, after.HnteRdRulesAndAccounts);
        Field("hnteRdUnitAndCooperation", before.HnteRdUnitAndCooperation, after.HnteRdUnitAndCooperation);
        Field("hnteCommercializationIncentives", before.HnteCommercializationIncentives, after.HnteCommercializationIncentives);
        Field("hnteTalentRules", before.HnteTalentRules, after.HnteTalentRules);
        Field("hnteJudgedBasis", before.HnteJudgedBasis, after.HnteJudgedBasis);
        Field("hnteJudgedBy", before.HnteJudgedBy, after.HnteJudgedBy);
        Field("hnteJudgedOn", before.HnteJudgedOn, after.HnteJudgedOn);
        Field("sizeIndustry", before.SizeIndustry, after.SizeIndustry);
        Field("nicheEnteredOn", before.NicheEnteredOn, after.NicheEnteredOn);
        Field("strategicEmerging", before.StrategicEmerging, after.StrategicEmerging);
        Field("nicheMarket", before.NicheMarket, after.NicheMarket);
        Field("nationalMarketShare", before.NationalMarketShare, after.NationalMarketShare);
        Field("chineseControlled", before.ChineseControlled, after.ChineseControlled);
        Field("relatedToLittleGiant", before.RelatedToLittleGiant, after.RelatedToLittleGiant);
        Field("digitalisationLevel", before.DigitalisationLevel, after.DigitalisationLevel);
        Field("coreBusinessesOnSystems", before.CoreBusinessesOnSystems, after.CoreBusinessesOnSystems);
        Field("qualityAward", before.QualityAward, after.QualityAward);
        Field("qualitySystemCertificate", before.QualitySystemCertificate, after.QualitySystemCertificate);
        Field("ownBrand", before.OwnBrand, after.OwnBrand);
        Field("standardDrafting", before.StandardDrafting, after.StandardDrafting);
        Field("developedMarketCertification", before.DevelopedMarketCertification, after.DevelopedMarketCertification);
        Field("chainRole", before.ChainRole, after.ChainRole);
        Field("keyChainLink", before.KeyChainLink, after.KeyChainLink);
        Field("priorityField", before.PriorityField, after.PriorityField);
        Field("chainJudgedBy", before.ChainJudgedBy, after.ChainJudgedBy);
        Field("chainJudgedOn", before.ChainJudgedOn, after.ChainJudgedOn);
        return list;
    }

    private static void Set<T>(List<AuditChange> changes, string subject, string code, IReadOnlyList<T>? before, IReadOnlyList<T> after)
    {
        if (SameSet(before, after)) return;
        var action = before is null || before.Count == 0 ? "insert" : after.Count == 0 ? "delete" : "replace";
        changes.Add(new(subject, code, subject, action, before is { Count: > 0 } ? Serialize(Order(before)) : null, after.Count > 0 ? Serialize(Order(after)) : null));
    }

    // A canonical order, so that the same rows in another order are the same set.
    private static IEnumerable<T> Order<T>(IEnumerable<T> rows) => rows.OrderBy(r => Serialize(r), StringComparer.Ordinal);

    private static string Year(int year) => year.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The enterprise without the registry's version counters: what an import compares.</summary>
    public static Enterprise Comparable(Enterprise e) => e with { Version = 0, RecordVersion = 0 };

    /// <summary>The enterprise's fields without its version counters, which are the registry's, not the enterprise's.</summary>
    public static string SerializeEnterprise(Enterprise e)
    {
        var node = JsonSerializer.SerializeToNode(e, Json)!.AsObject();
        node.Remove("version");
        node.Remove("recordVersion");
        return node.ToJsonString(Json);
    }

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Json);
}

/// <summary>One enterprise's record before an import or an edit (null: a new enterprise) and after it.</summary>
public sealed record RecordChange(EnterpriseRecord? Before, EnterpriseRecord After)
{
    public string CreditCode => After.Enterprise.CreditCode;

    /// <summary>What the change is, as the trail records it: computed once, used to decide, count and write.</summary>
    public IReadOnlyList<AuditChange> Audit { get; } = RecordDiff.Between(Before, After);
}

/// <summary>
/// A save or an import found the enterprise changed by someone else since it was read: nothing was written. The
/// message says what changed, so the officer can look before saving again.
/// </summary>
public sealed class ConcurrentChangeException(string creditCode, IReadOnlyList<(string Field, object? Before, object? After)> changed, string? detail = null)
    : Exception(Describe(creditCode, changed, detail))
{
    public string CreditCode { get; } = creditCode;
    public IReadOnlyList<(string Field, object? Before, object? After)> Changed { get; } = changed;

    private static string Describe(string code, IReadOnlyList<(string Field, object? Before, object? After)> changed, string? detail) =>
        $"{code} 已被他人修改，本次未保存" + (changed.Count > 0 ? "：" + string.Join("；", changed.Select(c => $"{c.Field} 由 {c.Before ?? "空"} 改为 {c.After ?? "空"}")) : "")
        + (detail is null ? "" : "（" + detail + "）");
}
