using JxEnterpriseLadder.Data;
using JxEnterpriseLadder.Domain.Access;
using Microsoft.AspNetCore.Identity;

namespace JxEnterpriseLadder.Services;

/// <summary>Lockout policy: after this many failed sign-ins in a row the account is locked for a while.</summary>
public sealed record LockoutPolicy(int MaxFailures = 5, int LockMinutes = 15);

/// <summary>Sign-in against the users table: ASP.NET Core's PasswordHasher, lockout after repeated failures.</summary>
public sealed class Accounts(UserRepository users, LockoutPolicy lockout, TimeProvider clock)
{
    private static readonly PasswordHasher<string> Hasher = new();

    public sealed record SignedIn(string UserName, string DisplayName, AccessScope Scope);

    public enum Failure { UnknownOrWrongPassword, LockedOut }

    /// <summary>The account and its scope, or why not. An unknown name and a wrong password read the same to the caller.</summary>
    public (SignedIn? User, Failure? Failure) SignIn(string userName, string password)
    {
        var user = users.Find(userName.Trim());
        if (user is null) return (null, Failure.UnknownOrWrongPassword);
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        if (user.LockedUntil is { } until && until > now) return (null, Failure.LockedOut);
        var verdict = Hasher.VerifyHashedPassword(user.UserName, user.PasswordHash, password);
        if (verdict == PasswordVerificationResult.Failed)
        {
            users.RecordFailure(user.UserName, lockout.MaxFailures, now + lockout.LockMinutes * 60L);
            return (null, user.FailedAttempts + 1 >= lockout.MaxFailures ? Failure.LockedOut : Failure.UnknownOrWrongPassword);
        }
        users.RecordSuccess(user.UserName, verdict == PasswordVerificationResult.SuccessRehashNeeded ? Hasher.HashPassword(user.UserName, password) : user.PasswordHash);
        return (new SignedIn(user.UserName, user.DisplayName, new AccessScope(user.Role, user.CityCode, user.ParkCode, user.CreditCode)), null);
    }

    public void Create(string userName, string displayName, string password, AccessScope scope) =>
        users.Add(new UserRepository.UserRow(userName, displayName, Hasher.HashPassword(userName, password), scope.Role,
            scope.Role == Roles.CityOfficer ? scope.CityCode : null, scope.Role == Roles.ParkManager ? scope.ParkCode : null,
            scope.Role == Roles.Enterprise ? scope.CreditCode : null, 0, null));
}

/// <summary>
/// The accounts of the embedded demo registry, one per role, all with <see cref="Password"/> (listed in the README and
/// on the sign-in page). Never created in the Production environment, where <see cref="RemoveFrom"/> deletes them.
/// </summary>
public static class DemoAccounts
{
    public const string Password = "jxdemo2023";
    public const string DemoCity = "nanchang";
    public const string DemoPark = "nc-hitech";

    public static readonly IReadOnlyList<string> UserNames = ["admin", "province", "nanchang", "park", "enterprise"];

    /// <summary>Creates the demo accounts when the registry has no account yet; the enterprise account is the first enterprise
    /// of the demo park by credit code.</summary>
    public static IReadOnlyList<(string UserName, AccessScope Scope)> EnsureCreated(Accounts accounts, UserRepository users, string? demoEnterprise)
    {
        if (users.Count() > 0) return [];
        var created = new List<(string, AccessScope)>
        {
            ("admin", new AccessScope(Roles.Admin)),
            ("province", new AccessScope(Roles.ProvinceOfficer)),
            ("nanchang", new AccessScope(Roles.CityOfficer, CityCode: DemoCity)),
            ("park", new AccessScope(Roles.ParkManager, ParkCode: DemoPark)),
        };
        if (demoEnterprise is not null) created.Add(("enterprise", new AccessScope(Roles.Enterprise, CreditCode: demoEnterprise)));
        foreach (var (name, scope) in created)
            accounts.Create(name, $"演示{Roles.Chinese(scope.Role)}（{scope.Description}）", Password, scope);
        return created;
    }

    public static int RemoveFrom(UserRepository users) => users.Delete(UserNames);
}
