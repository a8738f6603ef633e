using JxEnterpriseLadder.Domain.Registry;

namespace JxEnterpriseLadder.Domain.Access;

/// <summary>The roles of the app: who signs in, and which enterprises each may see.</summary>
public static class Roles
{
    public const string Admin = "admin";
    public const string ProvinceOfficer = "province-officer";
    public const string CityOfficer = "city-officer";
    public const string ParkManager = "park-manager";
    public const string Enterprise = "enterprise";

    public static readonly IReadOnlyList<string> All = [Admin, ProvinceOfficer, CityOfficer, ParkManager, Enterprise];

    public static string Chinese(string role) => role switch
    {
        Admin => "系统管理员", ProvinceOfficer => "省级科技部门", CityOfficer => "设区市科技部门", ParkManager => "园区管理者", Enterprise => "企业", _ => role,
    };
}

/// <summary>
/// What a signed-in caller may see: the whole province (admin, province officer), one city, one park, or one
/// enterprise. Every service that reads or writes enterprise data takes one and applies it in its query.
/// </summary>
public sealed record AccessScope(string Role, string? CityCode = null, string? ParkCode = null, string? CreditCode = null)
{
    public static readonly AccessScope Province = new(Roles.ProvinceOfficer);

    public bool IsOfficer => Role is Roles.Admin or Roles.ProvinceOfficer or Roles.CityOfficer;

    /// <summary>A province-wide officer working on one city (screening it, reviewing it): that city's officer scope.
    /// Anyone else, or no city, keeps their own scope: a narrower scope can be chosen, never a wider one.</summary>
    public AccessScope NarrowedTo(string? city) =>
        Role is Roles.Admin or Roles.ProvinceOfficer && !string.IsNullOrEmpty(city) ? new AccessScope(Roles.CityOfficer, CityCode: city) : this;

    public bool Allows(Enterprise e) => Role switch
    {
        Roles.Admin or Roles.ProvinceOfficer => true,
        Roles.CityOfficer => e.CityCode == CityCode,
        Roles.ParkManager => e.ParkCode == ParkCode,
        Roles.Enterprise => e.CreditCode == CreditCode,
        _ => false,
    };

    /// <summary>The scope as query parameters: a null restricts nothing (see the repositories' scope clause).</summary>
    public object Parameters => new
    {
        ScopeCity = Role == Roles.CityOfficer ? CityCode : null,
        ScopePark = Role == Roles.ParkManager ? ParkCode : null,
        ScopeCredit = Role == Roles.Enterprise ? CreditCode : null,
    };

    /// <summary>"南昌市", "南昌高新技术产业开发区", an enterprise's code, or "全省".</summary>
    public string Description => Role switch
    {
        Roles.CityOfficer => JiangxiReference.Default.CityByCode(CityCode!)?.Name ?? CityCode!,
        Roles.ParkManager => JiangxiReference.Default.ParkByCode(ParkCode!)?.Name ?? ParkCode!,
        Roles.Enterprise => CreditCode!,
        _ => "全省",
    };
}

/// <summary>A caller asked for an enterprise outside its scope.</summary>
public sealed class OutOfScopeException(string message) : Exception(message);
