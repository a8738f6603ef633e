using JxEnterpriseLadder.Domain.Profiles;

namespace JxEnterpriseLadder.Rules.Engine;

/// <summary>Names of profile inputs as reported in "missing" (the paths of data-dictionary/fields.json).</summary>
internal static class Inputs
{
    /// <summary>A year's field, e.g. "years[2024].salesRevenue". The paths of the years a screening meets are made once per
    /// field, and found by the field's name without hashing it: a boundary-heavy screening names millions of them.</summary>
    public static string Year(int year, string field)
    {
        if (year is < CachedFrom or > CachedUntil) return $"years[{year}].{field}";
        var paths = PathsOf(field);
        return paths[year - CachedFrom] ??= $"years[{year}].{field}";
    }

    // Bounded: only these years are kept, for the fields the rules name (a dozen names, all written in the tiers).
    private const int CachedFrom = 1990, CachedUntil = 2100;
    private static (string Field, string?[] Paths)[] _yearPaths = [];
    private static readonly Lock YearPathsGrowing = new();

    private static string?[] PathsOf(string field)
    {
        var known = _yearPaths;
        // The tiers pass literals, so the same reference comes back; an equal string made elsewhere is found second.
        for (var i = 0; i < known.Length; i++) if (ReferenceEquals(known[i].Field, field)) return known[i].Paths;
        for (var i = 0; i < known.Length; i++) if (known[i].Field == field) return known[i].Paths;
        lock (YearPathsGrowing)
        {
            foreach (var (f, paths) in _yearPaths) if (f == field) return paths;
            var added = new string?[CachedUntil - CachedFrom + 1];
            _yearPaths = [.. _yearPaths, (field, added)];
            return added;
        }
    }

    public const string RegisteredOn = "registeredOn";
    public const string Listed = "listed";
    public const string Industry = "industry";
    public const string HiTechField = "hiTechField";
    public const string BranchOrTradingOnly = "branchOrTradingOnly";
    public const string IpClass1 = "ip.class1";
    public const string IpClass2 = "ip.class2";
    public const string IpOwnRd = "ip.ownRd";
    public const string CertificateIssuedOn = "hnteCertificate.issuedOn";
    public const string ExpertTechAdvancement = "expert.techAdvancement";
    public const string ExpertCoreSupport = "expert.coreSupport";
    public const string ExpertRdManagement = "expert.rdManagementPoints";
    public static string ExpertRdManagementFact(string fact) => "expert.rdManagement." + fact;

    public static string Clean(string flag) => "cleanRecord." + flag;
    public static string Direct(string flag) => "directQualifiers." + flag;

    /// <summary>The clean-record flags' names; a flag's position here is its kind (<see cref="CleanFlag(EnterpriseProfile, int)"/>).</summary>
    public static readonly string[] CleanFlagNames = ["majorAccident", "seriousEnvironmentalViolation", "researchMisconduct", "abnormalOperations", "seriousDishonesty"];

    /// <summary>A clean-record flag by kind, with the profile's value (null = not known).</summary>
    public static bool? CleanFlag(EnterpriseProfile p, int kind) => p.CleanRecord is not { } c ? null : kind switch
    {
        0 => c.MajorAccident,
        1 => c.SeriousEnvironmentalViolation,
        2 => c.ResearchMisconduct,
        3 => c.AbnormalOperations,
        4 => c.SeriousDishonesty,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown clean-record flag"),
    };

    /// <summary>Each flag's input path, by kind ("cleanRecord.majorAccident").</summary>
    public static readonly string[] CleanPaths = CleanFlagNames.Select(Clean).ToArray();

    public static readonly IReadOnlyDictionary<string, string> CleanLabels = new Dictionary<string, string>
    {
        ["majorAccident"] = "重大安全、质量事故",
        ["seriousEnvironmentalViolation"] = "严重环境违法行为",
        ["researchMisconduct"] = "科研严重失信行为",
        ["abnormalOperations"] = "列入经营异常名录",
        ["seriousDishonesty"] = "列入严重违法失信名单",
    };
}

/// <summary>The clean-record flags' Chinese names, as the explanations name them (for pages that list a rule's flags).</summary>
public static class CleanRecordFlagNames
{
    public static string Of(string flag) => Inputs.CleanLabels.GetValueOrDefault(flag, flag);
}
