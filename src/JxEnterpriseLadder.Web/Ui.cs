using System.Globalization;
using JxEnterpriseLadder.Services;
using JxEnterpriseLadder.Domain;

namespace JxEnterpriseLadder.Web;

/// <summary>
/// The two languages of the pages: Chinese by default, English after the switch (the culture cookie). Each text is
/// written where it is shown, Chinese first, so a page reads as itself. Legal explanations from the engine stay in
/// Chinese, the language of the law.
/// </summary>
public static class Ui
{
    public static bool English => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    public static string T(string zh, string en) => English ? en : zh;

    /// <summary>
    /// A message the rules write in both languages, "中文 (English)": the part in the page's language. A message in one
    /// language only is shown as it is.
    /// </summary>
    public static string Message(string message)
    {
        var open = message.LastIndexOf(" (", StringComparison.Ordinal);
        if (open <= 0 || !message.EndsWith(')') || !message[..open].Any(c => c >= 0x4E00 && c <= 0x9FFF)) return message;
        return English ? message[(open + 2)..^1] : message[..open];
    }

    /// <summary>A promotion rung (a prediction's transition) by name, and where it leads, in the page's language.</summary>
    public static string Rung(JxEnterpriseLadder.Prediction.Transition t) => T(t.Name, t.Id switch
    {
        "tech-sme-entry" => "Entering the tech-SME database",
        "hnte-entry" => "HNTE recognition",
        "high-growth-entry" => "Onto the gazelle / unicorn lists",
        "specialised-sme-entry" => "Specialised SME recognition",
        "little-giant-entry" => "Little giant recognition",
        _ => t.Id,
    });

    public static string RungPath(JxEnterpriseLadder.Prediction.Transition t) => T($"{t.From} → {t.To}", t.Id switch
    {
        "tech-sme-entry" => "registry firms not yet in the database → tech SMEs",
        "hnte-entry" => "tech SMEs without a valid HNTE certificate → HNTEs",
        "high-growth-entry" => "HNTEs not yet listed → gazelles (incl. potential) / unicorns (incl. potential, seed)",
        "specialised-sme-entry" => "registry firms without a valid specialised or little giant title → specialised SMEs",
        "little-giant-entry" => "specialised SMEs not yet little giants → little giants",
        _ => "",
    });

    /// <summary>An audit-trail entry's subject and action in the page's language ("年度申报 2024 修改").</summary>
    public static string AuditChange(string subject, string key, string action)
    {
        var what = T(JxEnterpriseLadder.Domain.Registry.AuditSubjects.Chinese(subject), subject switch
        {
            "enterprise" => "enterprise details", "filing" => "annual filing", "ip" => "IP", "tech-sme-registration" => "tech-SME registration",
            "hnte-certificate" => "HNTE certificate", "list-entry" => "gazelle/unicorn list entry", "financing" => "financing",
            "clean-record" => "clean record", "location-change" => "moves of city or park", "status" => "status review",
            "parameter" => "parameters", "parameter-draft" => "policy draft", "registry" => "registry", _ => "record",
        });
        var how = action switch
        {
            "insert" => T("新增", "added"), "update" => T("修改", "changed"), "replace" => T("整体替换", "replaced"), "delete" => T("删除", "removed"),
            _ => T("变更", "changed"),
        };
        return subject == "filing" ? $"{what} {key} {how}" : $"{what} {how}";
    }

    /// <summary>A promotion model's learner (<see cref="JxEnterpriseLadder.Prediction.Learner"/>) in the page's language.</summary>
    public static string Learner(string learner) => learner switch
    {
        // Chinese names only in the Chinese pages: the two gradient-boosting libraries by what they are.
        "FastTree" => T("梯度提升决策树", "gradient-boosted trees (FastTree)"),
        "LightGbm" => T("轻量级梯度提升机", "gradient-boosted trees (LightGBM)"),
        "Logistic" => T("逻辑回归", "logistic regression"),
        _ => T("未知方法", "unknown method"),
    };

    /// <summary>Which forecast gave a probability, in words: "rules:hnte-entry/2024" is the rules baseline calibrated on the
    /// entries of 2024, "hnte-entry@f3/2024" the prediction model calibrated on them (feature version 3).</summary>
    public static string ForecastVersion(string version)
    {
        var slash = version.LastIndexOf('/');
        var year = slash > 0 ? version[(slash + 1)..] : "";
        if (version.StartsWith("rules:", StringComparison.Ordinal))
            return T($"规则基准，按 {year} 年的晋级情况校准", $"rules baseline, calibrated on the entries of {year}");
        var at = version.IndexOf("@f", StringComparison.Ordinal);
        var features = at > 0 && slash > at ? version[(at + 2)..slash] : "";
        return T($"预测模型（特征第 {features} 版），按 {year} 年的晋级情况校准", $"prediction model (features version {features}), calibrated on the entries of {year}");
    }

    /// <summary>A probability calibration method (<see cref="JxEnterpriseLadder.Prediction.ProbabilityCalibration"/>).</summary>
    public static string CalibrationMethod(string? method) => method switch
    {
        "isotonic" => T("保序回归校准", "isotonic calibration"),
        "platt" => T("逻辑曲线校准（普拉特法）", "Platt calibration"),
        _ => "—",
    };

    public static string Tier(string tier) => English ? TierNames.English(tier) : TierNames.Of(tier);

    /// <summary>An assessment input's name (a profile path) from the data dictionary.</summary>
    public static string Field(string path) => English ? FieldLabels.English(path) : FieldLabels.For(path);

    public static string Group(string group) => T(TargetProgress.MeasureName(group), group switch
    {
        TierIds.TechSme => "Tech SMEs in the national database",
        TierIds.Hnte => "HNTE certificates issued",
        TierIds.Gazelle => "Gazelles (incl. potential)",
        TierIds.Unicorn => "Unicorns (incl. potential and seed)",
        TierIds.InnovativeSme => "Innovative SMEs (valid at year end)",
        TierIds.SpecialisedSme => "Specialised SMEs (valid at year end)",
        TierIds.LittleGiant => "Little giants (valid at year end)",
        TierIds.InnovationDemo => "National demonstration firms (valid at year end)",
        _ => group,
    });

    /// <summary>A caller's scope as the pages name it: the province, or a city, park or enterprise by its own name.</summary>
    public static string Scope(JxEnterpriseLadder.Domain.Access.AccessScope? scope) =>
        scope is null ? "" : scope.Role is JxEnterpriseLadder.Domain.Access.Roles.Admin or JxEnterpriseLadder.Domain.Access.Roles.ProvinceOfficer
            ? T("全省", "Whole province") : scope.Description;

    /// <summary>"zh-CN" when a scope is named by a city's, park's or enterprise's own (Chinese) name; null for the province.</summary>
    public static string? ScopeLanguage(JxEnterpriseLadder.Domain.Access.AccessScope? scope) =>
        scope is null || scope.Role is JxEnterpriseLadder.Domain.Access.Roles.Admin or JxEnterpriseLadder.Domain.Access.Roles.ProvinceOfficer ? null : "zh-CN";

    /// <summary>A rule version ("hnte@2016-01-01") as people read it: 高新技术企业（2016-01-01 起施行的规定）.</summary>
    public static string RuleVersion(string version)
    {
        var at = version.IndexOf('@');
        if (at <= 0) return version;
        var (set, from) = (version[..at], version[(at + 1)..]);
        var name = set switch
        {
            "exchange-rates" => T("汇率", "exchange rates"), "ladder" => T("梯次顺序", "ladder order"), "high-growth" => T("高成长企业通用条件", "high-growth conditions"),
            "plan-targets" => T("计划目标", "plan targets"), "title-lifecycle" => T("称号年度更新与变化报告", "titles' yearly update and change reports"), _ => Tier(set),
        };
        return T($"{name}（{from} 起施行）", $"{name} (in force from {from})");
    }

    /// <summary>How sure a parameter's source is, as a badge says it (empty when firm).</summary>
    public static string Confidence(string? confidence) => confidence switch
    {
        "unsure" => T("来源不确定", "source uncertain"),
        "default" => T("暂按国家默认", "national default"),
        "likely" => T("较可靠", "likely"),
        _ => "",
    };

    public static string Title(string page) => page + T(" · 江西省科技企业梯次培育", " · Jiangxi tech enterprise ladder");
}
