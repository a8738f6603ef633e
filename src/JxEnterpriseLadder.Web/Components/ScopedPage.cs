using JxEnterpriseLadder.Domain.Access;
using JxEnterpriseLadder.Web.Auth;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace JxEnterpriseLadder.Web.Components;

/// <summary>A page that works for a signed-in caller: its scope and name, which every service call passes on.</summary>
public abstract class ScopedPage : ComponentBase
{
    [CascadingParameter] private Task<AuthenticationState>? AuthenticationState { get; set; }
    [Inject] private SessionCheck Sessions { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;

    private System.Security.Claims.ClaimsPrincipal? principal;

    protected AccessScope? Scope { get; private set; }
    protected string UserName { get; private set; } = "";

    protected override async Task OnInitializedAsync()
    {
        if (AuthenticationState is not null)
        {
            principal = (await AuthenticationState).User;
            Scope = UserScope.Of(principal);
            UserName = principal.Identity?.Name ?? "";
        }
        await OnScopeKnownAsync();
    }

    /// <summary>
    /// Every write asks first: a page left open after its session was signed out, locked or changed elsewhere writes
    /// nothing, and goes to the sign-in form (then back here).
    /// </summary>
    protected bool SessionStands()
    {
        if (principal is not null && Sessions.Stands(principal)) return true;
        Navigation.NavigateTo("/login?error=ended&returnUrl=" + Uri.EscapeDataString(Navigation.ToBaseRelativePath(Navigation.Uri) is var path ? "/" + path : "/"), forceLoad: true);
        return false;
    }

    /// <summary>Called once the caller is known (Scope is null for an anonymous caller).</summary>
    protected virtual Task OnScopeKnownAsync() => Task.CompletedTask;
}
