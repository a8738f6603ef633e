using JxEnterpriseLadder.Domain.Access;
using JxEnterpriseLadder.Web.Auth;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace JxEnterpriseLadder.Web.Components;

/// <summary>A page that works for a signed-in caller: its scope and name, which every service call passes on.</summary>
public abstract class ScopedPage : ComponentBase
{
    [CascadingParameter] private Task<AuthenticationState>? AuthenticationState { get; set; }

    protected AccessScope? Scope { get; private set; }
    protected string UserName { get; private set; } = "";

    protected override async Task OnInitializedAsync()
    {
        if (AuthenticationState is not null)
        {
            var user = (await AuthenticationState).User;
            Scope = UserScope.Of(user);
            UserName = user.Identity?.Name ?? "";
        }
        await OnScopeKnownAsync();
    }

    /// <summary>Called once the caller is known (Scope is null for an anonymous caller).</summary>
    protected virtual Task OnScopeKnownAsync() => Task.CompletedTask;
}
