using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using JxEnterpriseLadder.Domain.Access;
using JxEnterpriseLadder.Services;
using Microsoft.Playwright;

namespace JxEnterpriseLadder.Web.Tests;

/// <summary>
/// WCAG 2.1 AA by axe-core in chromium: every page each role opens, at desktop (1280 px) and phone (390 px) width, with
/// no serious or critical violation.
/// </summary>
[Collection("app")]
public sealed class AccessibilityTests(AppFixture app, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private string InScope(AccessScope scope) => app.FirstEnterpriseIn(scope);

    private IReadOnlyList<string> PagesOf(string user) => user switch
    {
        "" => ["/login", "/self-check"],
        "admin" => ["/", "/enterprises", "/review", "/import", "/candidates", "/whatif", "/models", "/calibration", $"/enterprises/{InScope(AccessScope.Province)}", $"/enterprises/{InScope(AccessScope.Province)}/edit"],
        "province" => ["/", "/candidates", "/self-check"],
        "nanchang" => ["/", "/enterprises", "/review", $"/enterprises/{InScope(new AccessScope(Roles.CityOfficer, CityCode: DemoAccounts.DemoCity))}/edit"],
        "park" => ["/", "/candidates", $"/enterprises/{InScope(new AccessScope(Roles.ParkManager, ParkCode: DemoAccounts.DemoPark))}"],
        "enterprise" => ["/", "/self-check?step=4", "/self-check?step=5", "/self-check?step=6"],
        _ => [],
    };

    [Theory]
    [InlineData("", 1280)]
    [InlineData("", 390)]
    [InlineData("admin", 1280)]
    [InlineData("admin", 390)]
    [InlineData("province", 1280)]
    [InlineData("province", 390)]
    [InlineData("nanchang", 1280)]
    [InlineData("nanchang", 390)]
    [InlineData("park", 1280)]
    [InlineData("park", 390)]
    [InlineData("enterprise", 1280)]
    [InlineData("enterprise", 390)]
    public async Task EveryPageOfEveryRoleHasNoSeriousViolation(string user, int width)
    {
        IPage page;
        if (user == "")
        {
            var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseAddress.ToString(), Locale = "zh-CN", ViewportSize = new ViewportSize { Width = width, Height = 844 } });
            page = await context.NewPageAsync();
        }
        else page = await browser.SignedIn(app, user, width, 844);
        var found = new List<string>();
        foreach (var path in PagesOf(user))
        {
            await page.GotoAsync(path);
            if (path != "/login") await BrowserFixture.Interactive(page); // the sign-in form is a plain page
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            var result = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
            found.AddRange(result.Violations.Where(v => v.Impact is "serious" or "critical")
                .Select(v => $"{path} @{width}: {v.Id} ({v.Impact}) ×{v.Nodes.Length}: {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html.Length > 120 ? n.Html[..120] : n.Html))}"));
        }
        await page.Context.CloseAsync();
        Assert.True(found.Count == 0, string.Join("\n", found));
    }
}
