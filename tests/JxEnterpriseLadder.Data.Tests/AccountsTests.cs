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

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task FortyConcurrentAttemptsCheckNoMorePasswordsThanTheLockAllows(string provider)
    {
        var db = Providers.Fresh(provider);
        new RegistryRepository(db).SaveReferenceData(JxEnterpriseLadder.Domain.JiangxiReference.Default);
        var users = new UserRepository(db);
        var accounts = new Accounts(users, new LockoutPolicy(MaxFailures: 5, LockMinutes: 15), TimeProvider.System);
        accounts.Create("zhao", "赵处长", "the right password", new AccessScope(Roles.ProvinceOfficer));

        // 39 wrong passwords and the right one, all at once.
        var attempts = Enumerable.Range(0, 40).Select(i => i == 20 ? "the right password" : "wrong " + i).ToList();
        using var start = new ManualResetEventSlim();
        var tasks = attempts.Select(p => Task.Run(() => { start.Wait(); return accounts.SignIn("zhao", p); })).ToList();
        start.Set();
        var results = await Task.WhenAll(tasks);

        Assert.True(accounts.PasswordsChecked <= 5, $"{accounts.PasswordsChecked} passwords checked");
        Assert.True(results.Count(r => r.User is not null) <= 1);
        // The burst locked the account, whatever the right password did within it.
        var row = users.Find("zhao")!;
        Assert.NotNull(row.LockedUntil);
        Assert.Null(accounts.SignIn("zhao", "the right password").User);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public void SessionsEndWithSignOutWithTheLockAndWithTheirTime(string provider)
    {
        var db = Providers.Fresh(provider);
        new RegistryRepository(db).SaveReferenceData(JxEnterpriseLadder.Domain.JiangxiReference.Default);
        var users = new UserRepository(db);
        var clock = new Clock(new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero));
        var accounts = new Accounts(users, new LockoutPolicy(MaxFailures: 3, LockMinutes: 15), clock);
        accounts.Create("qian", "钱科员", "a long enough secret", new AccessScope(Roles.ProvinceOfficer));
        var now = clock.Now.ToUnixTimeSeconds();

        users.AddSession("s1", "qian", [1, 2, 3], now + 3600);
        users.AddSession("s2", "qian", [4, 5], now + 3600);
        users.AddSession("old", "qian", [6], now - 1);
        Assert.Equal([1, 2, 3], users.FindSession("s1", now));
        Assert.True(users.SessionStands("s1", "qian", now));
        Assert.False(users.SessionStands("s1", "someone-else", now));
        Assert.Null(users.FindSession("old", now)); // expired
        Assert.Equal(1, users.RemoveExpiredSessions(now));

        users.RenewSession("s1", [9], now + 7200);
        Assert.Equal([9], users.FindSession("s1", now + 5000));
        users.RemoveSession("s1"); // sign-out: a copy of the cookie finds nothing
        Assert.Null(users.FindSession("s1", now));
        Assert.True(users.SessionStands("s2", "qian", now));

        // The failure that locks the account ends all its sessions.
        for (var i = 0; i < 3; i++) accounts.SignIn("qian", "wrong");
        Assert.False(users.SessionStands("s2", "qian", now));
        Assert.Null(users.FindSession("s2", now));
    }
}
