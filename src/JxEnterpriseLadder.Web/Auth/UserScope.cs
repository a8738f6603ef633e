using System.Security.Claims;
using JxEnterpriseLadder.Domain.Access;

namespace JxEnterpriseLadder.Web.Auth;

/// <summary>The signed-in caller's scope, carried in the sign-in cookie's claims.</summary>
public static class UserScope
{
    private const string City = "jx:city", Park = "jx:park", Credit = "jx:credit", DisplayName = "jx:display", Stamp = "jx:stamp";

    public static ClaimsPrincipal ToPrincipal(string userName, string displayName, AccessScope scope, string stamp)
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, userName), new(ClaimTypes.Role, scope.Role), new(DisplayName, displayName), new(Stamp, stamp) };
        if (scope.CityCode is { } c) claims.Add(new(City, c));
        if (scope.ParkCode is { } p) claims.Add(new(Park, p));
        if (scope.CreditCode is { } e) claims.Add(new(Credit, e));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, AuthSetup.Scheme, ClaimTypes.Name, ClaimTypes.Role));
    }

    /// <summary>The scope of a signed-in user; null for an anonymous one.</summary>
    public static AccessScope? Of(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && user.FindFirstValue(ClaimTypes.Role) is { } role
            ? new AccessScope(role, user.FindFirstValue(City), user.FindFirstValue(Park), user.FindFirstValue(Credit))
            : null;

    public static string? StampOf(ClaimsPrincipal user) => user.FindFirstValue(Stamp);

    public static string NameOf(ClaimsPrincipal user) => user.FindFirstValue(DisplayName) ?? user.Identity?.Name ?? "";
}
