using System.Security.Claims;
using JxEnterpriseLadder.Data;
using JxEnterpriseLadder.Domain.Access;
using JxEnterpriseLadder.Services;
using JxEnterpriseLadder.Web.Auth;
using Microsoft.Extensions.DependencyInjection;

namespace JxEnterpriseLadder.Web.Tests;

/// <summary>
/// What an open page asks every minute and before each write (SessionCheck): the session stands only while it is not
/// signed out and the account is as the session says: not locked, same scope, same password.
/// </summary>
[Collection("app")]
public sealed class SessionCheckTests(AppFixture app)
{
    private T Service<T>() where T : notnull => app.Factory.Services.GetRequiredService<T>();

    private (ClaimsPrincipal Principal, string Session) SignedIn(string name, string password)
    {
        var user = Service<Accounts>().SignIn(name, password).User!;
        var principal = UserScope.ToPrincipal(user.UserName, user.DisplayName, user.Scope, user.Stamp);
        var session = Guid.NewGuid().ToString("N");
        ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(SessionStore.SessionClaim, session));
        Service<UserRepository>().AddSession(session, name, [1], DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds());
        return (principal, session);
    }

    private bool Stands(ClaimsPrincipal p)
    {
        using var scope = app.Factory.Services.CreateScope();
        return scope.ServiceProvider.GetRequiredService<SessionCheck>().Stands(p);
    }

    [Fact]
    public void SignOutLockScopeAndPasswordEachEndAnOpenSession()
    {
        var accounts = Service<Accounts>();
        var users = Service<UserRepository>();
        var name = "open-" + Guid.NewGuid().ToString("N")[..8];
        accounts.Create(name, "开着页面的人", "the first password", new AccessScope(Roles.CityOfficer, CityCode: "nanchang"));

        var (signedOut, session) = SignedIn(name, "the first password");
        Assert.True(Stands(signedOut));
        users.RemoveSession(session);
        Assert.False(Stands(signedOut));

        // Locked by someone else's wrong passwords.
        var (locked, _) = SignedIn(name, "the first password");
        Assert.True(Stands(locked));
        for (var i = 0; i < Service<LockoutPolicy>().MaxFailures; i++) accounts.SignIn(name, "wrong");
        Assert.False(Stands(locked));

        // Another scope or another password: the account is no longer as the session says.
        var other = "open-" + Guid.NewGuid().ToString("N")[..8];
        accounts.Create(other, "改过权限的人", "the first password", new AccessScope(Roles.CityOfficer, CityCode: "nanchang"));
        var (rescoped, _) = SignedIn(other, "the first password");
        users.Delete([other]);
        accounts.Create(other, "改过权限的人", "the first password", new AccessScope(Roles.CityOfficer, CityCode: "ganzhou"));
        Assert.False(Stands(rescoped));
        var (repassworded, s2) = SignedIn(other, "the first password");
        Assert.True(Stands(repassworded));
        users.Delete([other]);
        accounts.Create(other, "改过权限的人", "a second password", new AccessScope(Roles.CityOfficer, CityCode: "ganzhou"));
        users.AddSession(s2, other, [1], DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds());
        Assert.False(Stands(repassworded));
    }
}
