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

    private long passwordsChecked;

    /// <summary>How many passwords were checked against an account's hash (not the decoy checks of unknown or locked
    /// names): the lockout's bound is on this number.</summary>
    public long PasswordsChecked => Interlocked.Read(ref passwordsChecked);

    /// <summary>
    /// The account and its scope, or why not. Each attempt is claimed in the database before its password is checked
    /// (<see cref="UserRepository.ClaimAttempt"/>), so concurrent attempts check at most the allowed number of
    /// passwords. An unknown name, a locked account and a wrong password each cost one password check, and the sign-in
    /// page answers all three with the same words.
    /// </summary>
    public (SignedIn? User, Failure? Failure) SignIn(string userName, string password)
    {
        var name = userName.Trim();
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        var user = users.ClaimAttempt(name, now, lockout.MaxFailures, now + lockout.LockMinutes * 60L);
        if (user is null)
        {
            Hasher.VerifyHashedPassword("", UnknownUserHash, password);
            return (null, users.Find(name) is null ? Failure.UnknownOrWrongPassword : Failure.LockedOut);
        }
        Interlocked.Increment(ref passwordsChecked);
        var verdict = Hasher.VerifyHashedPassword(user.UserName, user.PasswordHash, password);
        if (verdict == PasswordVerificationResult.Failed)
        {
            if (user.LockedUntil is null) return (null, Failure.UnknownOrWrongPassword);
            users.RemoveSessionsOf(user.UserName); // a lock ends the account's sessions everywhere
            return (null, Failure.LockedOut);
        }
        var hash = verdict == PasswordVerificationResult.SuccessRehashNeeded ? Hasher.HashPassword(user.UserName, password) : user.PasswordHash;
        // Other attempts claimed meanwhile keep their count; if they locked the account, this sign-in is refused too.
        if (!users.RecordSuccess(user.UserName, user.FailedAttempts, hash) && users.Find(user.UserName) is { LockedUntil: { } until } && until > now)
        {
            users.RemoveSessionsOf(user.UserName);
            return (null, Failure.LockedOut);
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

    /// <summary>The name people read for an account ("演示省级科技部门（全省）"), or the name as given when it is no account
    /// (an importing user of another registry).</summary>
    public string DisplayNameOf(string userName) => users.Find(userName)?.DisplayName ?? userName;

    public void Create(string userName, string displayName, string password, AccessScope scope) =>
        users.Add(new UserRepository.UserRow(userName, displayName, Hasher.HashPassword(userName, password), scope.Role,
            scope.Role == Roles.CityOfficer ? scope.CityCode : null, scope.Role == Roles.ParkManager ? scope.ParkCode : null,
            scope.Role == Roles.Enterprise ? scope.CreditCode : null, 0, null));

    internal static bool IsPassword(UserRepository.UserRow user, string password) =>
        Hasher.VerifyHashedPassword(user.UserName, user.PasswordHash, password) != PasswordVerificationResult.Failed;

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

    /// <summary>Deletes the demo accounts that exist: those of a demo name that still open with the demo password. An
    /// account of the same name with a real password (an earlier deployment's administrator) is kept.</summary>
    public static int RemoveFrom(UserRepository users) =>
        users.Delete(UserNames.Where(name => users.Find(name) is { } user && Accounts.IsPassword(user, Password)).ToList());
}
