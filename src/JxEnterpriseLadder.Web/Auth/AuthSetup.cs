using JxEnterpriseLadder.Data;
using JxEnterpriseLadder.Domain.Access;
using JxEnterpriseLadder.Services;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;

namespace JxEnterpriseLadder.Web.Auth;

/// <summary>Cookie sign-in, the role policies, and the account endpoints (sign in, sign out, language).</summary>
public static class AuthSetup
{
    public const string Scheme = CookieAuthenticationDefaults.AuthenticationScheme;
    public const string Officers = "officers";
    public const string OfficersAndParks = "officers-and-parks";

    /// <summary>The demo password must never open a Production deployment: Auth:AdminPassword below this is refused.</summary>
    public const int MinimumAdminPasswordLength = 12;

    /// <summary>The first administrator of a Production deployment (Auth:AdminUserName): never one of the demo names.</summary>
    public const string DefaultAdminUserName = "sysadmin";

    public static IServiceCollection AddLadderAuth(this IServiceCollection services)
    {
        services.AddAuthentication(Scheme).AddCookie(o =>
        {
            o.LoginPath = "/login";
            o.AccessDeniedPath = "/forbidden";
            o.Cookie.Name = "jxladder.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest; // secure behind HTTPS; the demo runs on plain localhost
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            // Each request checks the account still stands as the cookie says (see SessionCheck); the session itself was
            // just read by the session store, or the cookie would not have authenticated.
            o.Events.OnValidatePrincipal = async context =>
            {
                if (context.Principal is { } principal && context.HttpContext.RequestServices.GetRequiredService<SessionCheck>().AccountStands(principal))
                    return;
                context.RejectPrincipal();
                await context.HttpContext.SignOutAsync(Scheme);
            };
        });
        // The session store is built after the container: the options' SessionStore is set from it.
        services.AddSingleton<SessionStore>();
        services.AddOptions<CookieAuthenticationOptions>(Scheme).Configure<SessionStore>((o, store) => o.SessionStore = store);
        services.AddScoped<SessionCheck>();
        services.AddScoped<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider, RevalidatingSessionState>();
        services.AddAuthorizationBuilder()
            .AddPolicy(Officers, p => p.RequireRole(Roles.Admin, Roles.ProvinceOfficer, Roles.CityOfficer))
            .AddPolicy(OfficersAndParks, p => p.RequireRole(Roles.Admin, Roles.ProvinceOfficer, Roles.CityOfficer, Roles.ParkManager));
        services.AddCascadingAuthenticationState();
        return services;
    }

    /// <summary>
    /// Accounts at start. On the embedded demo registry (not in Production) the demo accounts are created. In Production
    /// no demo account may exist, and the app refuses to start without a real Auth:AdminPassword, which creates the
    /// first admin account.
    /// </summary>
    public static void PrepareAccounts(this WebApplication app)
    {
        var users = app.Services.GetRequiredService<UserRepository>();
        var accounts = app.Services.GetRequiredService<Accounts>();
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("JxEnterpriseLadder.Accounts");
        if (app.Environment.IsProduction())
        {
            var password = app.Configuration["Auth:AdminPassword"];
            if (string.IsNullOrWhiteSpace(password) || password == DemoAccounts.Password || password.Length < MinimumAdminPasswordLength)
                throw new InvalidOperationException(
                    $"Production needs a real Auth:AdminPassword (at least {MinimumAdminPasswordLength} characters, not the demo password): " +
                    "set it in the environment, e.g. Auth__AdminPassword=…, and start again.");
            // The first administrator's name is never a demo name, so removing demo accounts can never remove it.
            var adminName = app.Configuration["Auth:AdminUserName"] ?? DefaultAdminUserName;
            if (DemoAccounts.UserNames.Contains(adminName.Trim(), StringComparer.OrdinalIgnoreCase))
                throw new InvalidOperationException($"Auth:AdminUserName '{adminName}' is a demo account's name: choose another and start again.");
            if (DemoAccounts.RemoveFrom(users) is > 0 and var removed) log.LogWarning("Removed {N} demo accounts (demo name and demo password): none may exist in Production", removed);
            if (users.Count() == 0)
            {
                accounts.Create(adminName.Trim(), "系统管理员", password, new AccessScope(Roles.Admin));
                log.LogInformation("Created the first administrator account {User}", adminName.Trim());
            }
            return;
        }
        // Outside Production the demo accounts are made with the demo province (PrepareDemoRegistry → PrepareDemoAccounts).
    }

    /// <summary>The demo accounts of the embedded demo registry (once it holds the demo park's enterprises).</summary>
    public static void PrepareDemoAccounts(this WebApplication app)
    {
        var users = app.Services.GetRequiredService<UserRepository>();
        var accounts = app.Services.GetRequiredService<Accounts>();
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("JxEnterpriseLadder.Accounts");
        if (!app.Services.GetRequiredService<DemoPreparation>().IsDemoRegistry) return;
        var enterprise = app.Services.GetRequiredService<DirectoryRepository>()
            .Search(new AccessScope(Roles.ParkManager, ParkCode: DemoAccounts.DemoPark), new DirectoryRepository.Filter(), DirectoryRepository.SortBy.CreditCode, false, 0, 1)
            .Rows.FirstOrDefault()?.CreditCode;
        foreach (var (name, scope) in DemoAccounts.EnsureCreated(accounts, users, enterprise))
            log.LogInformation("Demo account {User} ({Role}, {Scope}), password {Password}", name, scope.Role, scope.Description, DemoAccounts.Password);
    }

    /// <summary>The cookie that carries a failed sign-in's user name back to the form for a few minutes: never the address,
    /// which browsers keep in their history and servers in their logs.</summary>
    public const string TypedNameCookie = "jx-sign-in-name";

    private static IResult Retry(HttpContext http, string error, string back, string? userName)
    {
        if (!string.IsNullOrEmpty(userName))
            http.Response.Cookies.Append(TypedNameCookie, userName.Length > 100 ? userName[..100] : userName, new CookieOptions
            {
                HttpOnly = true, SameSite = SameSiteMode.Strict, Path = "/login", Secure = http.Request.IsHttps, MaxAge = TimeSpan.FromMinutes(5),
            });
        return Results.Redirect($"/login?error={error}&returnUrl={Uri.EscapeDataString(back)}");
    }

    public static void MapAccountEndpoints(this WebApplication app)
    {
        // A form post: minimal APIs that bind forms validate the antiforgery token (UseAntiforgery).
        app.MapPost("/account/login", async ([FromForm] string? userName, [FromForm] string? password, [FromForm] string? returnUrl,
            HttpContext http, Accounts accounts) =>
        {
            var back = SafeLocal(returnUrl);
            Accounts.SignedIn? user;
            try { (user, _) = accounts.SignIn(userName ?? "", password ?? ""); }
            catch (System.Data.Common.DbException)
            {
                // A long write (a screening on the embedded database) holds the registry: ask to try again, never an error page.
                return Retry(http, "busy", back, userName);
            }
            if (user is null)
                // An unknown name, a wrong password and a locked account answer alike, so names cannot be discovered.
                return Retry(http, "failed", back, userName);
            await http.SignInAsync(Scheme, UserScope.ToPrincipal(user.UserName, user.DisplayName, user.Scope, user.Stamp));
            // An enterprise's home is its own record, not a province's dashboard.
            if (back == "/" && user.Scope is { Role: Roles.Enterprise, CreditCode: { } own }) back = "/enterprises/" + Uri.EscapeDataString(own);
            return Results.LocalRedirect(back);
        });
        // Bound from the form, so the antiforgery token is checked as for the sign-in.
        app.MapPost("/account/logout", async ([FromForm] string? returnUrl, HttpContext http) =>
        {
            await http.SignOutAsync(Scheme);
            return Results.LocalRedirect("/login");
        });
        // The language switch: the culture cookie the request localisation reads, then back to the page.
        app.MapGet("/culture/{culture}", (string culture, string? back, HttpContext http) =>
        {
            var c = culture == "en" ? "en" : "zh-CN";
            http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName, CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(c)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax });
            return Results.LocalRedirect(SafeLocal(back));
        });
    }

    /// <summary>
    /// Only local paths: a sign-in link must not send anyone to another site, nor back to the sign-in form itself (a
    /// return address that is the form goes home). A path typed with Chinese characters is percent-encoded, so the
    /// Location header stays ASCII.
    /// </summary>
    internal static string SafeLocal(string? url)
    {
        if (string.IsNullOrEmpty(url) || !url.StartsWith('/') || url.StartsWith("//", StringComparison.Ordinal) || url.StartsWith("/\\", StringComparison.Ordinal)
            || url.Any(char.IsControl))
            return "/";
        if (url.StartsWith("/login?", StringComparison.OrdinalIgnoreCase)
            && Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(url[6..]).FirstOrDefault(q => q.Key.Equals("returnUrl", StringComparison.OrdinalIgnoreCase)).Value is { Count: > 0 } inner)
            return SafeLocal(inner[0]); // the sign-in form's own return address: the page first asked for
        if (url.Equals("/login", StringComparison.OrdinalIgnoreCase) || url.StartsWith("/login?", StringComparison.OrdinalIgnoreCase)
            || url.StartsWith("/account/", StringComparison.OrdinalIgnoreCase))
            return "/";
        if (url.All(char.IsAscii)) return url;
        var encoded = new System.Text.StringBuilder(url.Length * 3);
        Span<byte> bytes = stackalloc byte[4];
        foreach (var rune in url.EnumerateRunes())
            if (rune.IsAscii) encoded.Append((char)rune.Value);
            else
            {
                var n = rune.EncodeToUtf8(bytes);
                foreach (var b in bytes[..n]) encoded.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        return encoded.ToString();
    }
}
