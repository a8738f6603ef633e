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
    // Verified when the name is unknown, so a wrong name costs the same time as a wrong password.
    private static readonly string UnknownUserHash = Hasher.HashPassword("", Guid.NewGuid().ToString());

    public sealed record SignedIn(string UserName, string DisplayName, AccessScope Scope, string Stamp);

    public enum Failure { UnknownOrWrongPassword, LockedOut }

    /// <summary>The account and its scope, or why not. An unknown name and a wrong password read the same to the caller.</summary>
    public (SignedIn? User, Failure? Failure) SignIn(string userName, string password)
    {
        var user = users.Find(userName.Trim());
        if (user is null)
        {
            Hasher.VerifyHashedPassword("", UnknownUserHash, password);
            return (null, Failure.UnknownOrWrongPassword);
        }
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        if (user.LockedUntil is { } until && until > now) return (null, Failure.LockedOut);
        var verdict = Hasher.VerifyHashedPassword(user.UserName, user.PasswordHash, password);
        if (verdict == PasswordVerificationResult.Failed)
        {
            // A lock that has run out starts the count again.
            var failures = (user.LockedUntil is not null ? 0 : user.FailedAttempts) + 1;
            users.RecordFailure(user.UserName, failures, failures >= lockout.MaxFailures ? now + lockout.LockMinutes * 60L : null);
            return (null, failures >= lockout.MaxFailures ? Failure.LockedOut : Failure.UnknownOrWrongPassword);
        }
        var hash = user.PasswordHash;
        if (verdict == PasswordVerificationResult.SuccessRehashNeeded || user.FailedAttempts > 0 || user.LockedUntil is not null)
        {
            // Written only when something changed: a sign-in does not wait on a long screening's write.
            hash = verdict == PasswordVerificationResult.SuccessRehashNeeded ? Hasher.HashPassword(user.UserName, password) : hash;
            users.RecordSuccess(user.UserName, hash);
        }
        return (new SignedIn(user.UserName, user.DisplayName, ScopeOf(user), StampOf(hash)), null);
    }

    /// <summary>
    /// Whether a signed-in session still stands: the account exists, is not locked, has the same scope, and the same
    /// password (the stamp). A deleted, locked, re-scoped or re-passworded account, or a cookie from another database
    /// with an account of the same name, is signed out at its next request.
    /// </summary>
    public bool StillValid(string userName, AccessScope scope, string? stamp)
    {
        var user = users.Find(userName);
        return user is not null && stamp is not null && StampOf(user.PasswordHash) == stamp && ScopeOf(user) == scope
            && !(user.LockedUntil is { } until && until > clock.GetUtcNow().ToUnixTimeSeconds());
    }

    public void Create(string userName, string displayName, string password, AccessScope scope) =>
        users.Add(new UserRepository.UserRow(userName, displayName, Hasher.HashPassword(userName, password), scope.Role,
            scope.Role == Roles.CityOfficer ? scope.CityCode : null, scope.Role == Roles.ParkManager ? scope.ParkCode : null,
            scope.Role == Roles.Enterprise ? scope.CreditCode : null, 0, null));

    private static AccessScope ScopeOf(UserRepository.UserRow user) => new(user.Role, user.CityCode, user.ParkCode, user.CreditCode);

    /// <summary>A digest of the password hash (itself salted): changes whenever the password does, reveals nothing of it.</summary>
    private static string StampOf(string passwordHash) =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(passwordHash)))[..16];
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
