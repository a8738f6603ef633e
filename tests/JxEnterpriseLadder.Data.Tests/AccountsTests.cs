using JxEnterpriseLadder.Data;
using JxEnterpriseLadder.Domain.Access;
using JxEnterpriseLadder.Services;

namespace JxEnterpriseLadder.Data.Tests;

/// <summary>Sign-in on both databases: hashed passwords, lockout and its end, and sessions that end with the account.</summary>
public sealed class AccountsTests
{
    private sealed class Clock(DateTimeOffset start) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = start;
        public override DateTimeOffset GetUtcNow() => Now;
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public void ALockEndsAfterItsTimeAndTheCountStartsAgain(string provider)
    {
        var db = Providers.Fresh(provider);
        new RegistryRepository(db).SaveReferenceData(JxEnterpriseLadder.Domain.JiangxiReference.Default);
        var users = new UserRepository(db);
        var clock = new Clock(new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero));
        var accounts = new Accounts(users, new LockoutPolicy(MaxFailures: 3, LockMinutes: 15), clock);
        accounts.Create("li", "李科长", "a long enough secret", new AccessScope(Roles.CityOfficer, CityCode: "nanchang"));

        Assert.Equal(Accounts.Failure.UnknownOrWrongPassword, accounts.SignIn("li", "x").Failure);
        Assert.Equal(Accounts.Failure.UnknownOrWrongPassword, accounts.SignIn("li", "x").Failure);
        Assert.Equal(Accounts.Failure.LockedOut, accounts.SignIn("li", "x").Failure);
        Assert.Equal(Accounts.Failure.LockedOut, accounts.SignIn("li", "a long enough secret").Failure);

        clock.Now = clock.Now.AddMinutes(16);
        // After the lock, one wrong try does not lock again at once.
        Assert.Equal(Accounts.Failure.UnknownOrWrongPassword, accounts.SignIn("li", "x").Failure);
        var (user, failure) = accounts.SignIn("li", "a long enough secret");
        Assert.Null(failure);
        Assert.Equal(new AccessScope(Roles.CityOfficer, CityCode: "nanchang"), user!.Scope);
        Assert.Equal(0, users.Find("li")!.FailedAttempts);
        Assert.Equal(Accounts.Failure.UnknownOrWrongPassword, accounts.SignIn("nobody", "x").Failure);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public void ASessionStandsOnlyWhileTheAccountIsAsItSays(string provider)
    {
        var db = Providers.Fresh(provider);
        new RegistryRepository(db).SaveReferenceData(JxEnterpriseLadder.Domain.JiangxiReference.Default);
        var users = new UserRepository(db);
        var accounts = new Accounts(users, new LockoutPolicy(), TimeProvider.System);
        var scope = new AccessScope(Roles.ParkManager, ParkCode: "nc-hitech");
        accounts.Create("wang", "王主任", "first password 1", scope);
        var session = accounts.SignIn("wang", "first password 1").User!;
        Assert.True(accounts.StillValid("wang", scope, session.Stamp));
        Assert.False(accounts.StillValid("wang", new AccessScope(Roles.ParkManager, ParkCode: "yc-etdz"), session.Stamp));
        Assert.False(accounts.StillValid("wang", scope, null));

        // Same name, another password (a demo cookie against a production database): refused.
        users.Delete(["wang"]);
        Assert.False(accounts.StillValid("wang", scope, session.Stamp));
        accounts.Create("wang", "王主任", "second password 2", scope);
        Assert.False(accounts.StillValid("wang", scope, session.Stamp));
        Assert.True(accounts.StillValid("wang", scope, accounts.SignIn("wang", "second password 2").User!.Stamp));
    }
}
