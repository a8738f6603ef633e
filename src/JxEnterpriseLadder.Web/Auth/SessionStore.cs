using System.Security.Claims;
using System.Security.Cryptography;
using JxEnterpriseLadder.Data;
using JxEnterpriseLadder.Services;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;

namespace JxEnterpriseLadder.Web.Auth;

/// <summary>
/// Sessions kept in the registry (table sessions): the sign-in cookie carries only a random session id. Signing out
/// deletes the session, so a copy of the cookie is dead at once; a lock deletes all of an account's sessions.
/// </summary>
public sealed class SessionStore(UserRepository users, TimeProvider clock) : ITicketStore
{
    public const string SessionClaim = "jx:session";

    public Task<string> StoreAsync(AuthenticationTicket ticket)
    {
        var id = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
        // The session's id travels in the principal, so that an open page can ask whether its session still stands.
        if (ticket.Principal.Identity is ClaimsIdentity identity)
        {
            foreach (var old in identity.FindAll(SessionClaim).ToList()) identity.RemoveClaim(old);
            identity.AddClaim(new Claim(SessionClaim, id));
        }
        users.RemoveExpiredSessions(clock.GetUtcNow().ToUnixTimeSeconds()); // each sign-in clears what has run out
        users.AddSession(id, ticket.Principal.Identity?.Name ?? "", TicketSerializer.Default.Serialize(ticket), ticket.Properties.ExpiresUtc?.ToUnixTimeSeconds());
        return Task.FromResult(id);
    }

    public Task RenewAsync(string key, AuthenticationTicket ticket)
    {
        users.RenewSession(key, TicketSerializer.Default.Serialize(ticket), ticket.Properties.ExpiresUtc?.ToUnixTimeSeconds());
        return Task.CompletedTask;
    }

    public Task<AuthenticationTicket?> RetrieveAsync(string key) =>
        Task.FromResult(users.FindSession(key, clock.GetUtcNow().ToUnixTimeSeconds()) is { } bytes ? TicketSerializer.Default.Deserialize(bytes) : null);

    public Task RemoveAsync(string key)
    {
        users.RemoveSession(key);
        return Task.CompletedTask;
    }
}

/// <summary>
/// Whether a signed-in principal still stands: its session exists (not signed out, not ended by a lock) and its account
/// is as the session says (<see cref="Accounts.StillValid"/>: not deleted, locked, re-scoped or re-passworded).
/// </summary>
public sealed class SessionCheck(UserRepository users, Accounts accounts, TimeProvider clock)
{
    public bool Stands(ClaimsPrincipal principal) =>
        principal.Identity?.Name is { } name
        && principal.FindFirstValue(SessionStore.SessionClaim) is { } session
        && users.SessionStands(session, name, clock.GetUtcNow().ToUnixTimeSeconds())
        && AccountStands(principal);

    /// <summary>The account half alone: for a request whose ticket the session store has just read (so its session
    /// exists), checking the session row again would be the same query twice on every request.</summary>
    public bool AccountStands(ClaimsPrincipal principal) =>
        principal.Identity is { IsAuthenticated: true, Name: { } name }
        && principal.FindFirstValue(SessionStore.SessionClaim) is not null
        && UserScope.Of(principal) is { } scope
        && accounts.StillValid(name, scope, UserScope.StampOf(principal));
}

/// <summary>
/// An open page (a Blazor circuit) checks its session every Auth:RevalidateSeconds (default 60): once signed out,
/// locked or changed elsewhere, the page loses its sign-in. Writes check at once (<see cref="Components.ScopedPage"/>).
/// </summary>
public sealed class RevalidatingSessionState(ILoggerFactory logs, IServiceScopeFactory scopes, IConfiguration configuration)
    : RevalidatingServerAuthenticationStateProvider(logs)
{
    protected override TimeSpan RevalidationInterval { get; } = TimeSpan.FromSeconds(Math.Max(1, configuration.GetValue("Auth:RevalidateSeconds", 60)));

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState state, CancellationToken cancellationToken)
    {
        if (state.User.Identity?.IsAuthenticated != true) return Task.FromResult(true);
        using var scope = scopes.CreateScope();
        return Task.FromResult(scope.ServiceProvider.GetRequiredService<SessionCheck>().Stands(state.User));
    }
}
