using JxEnterpriseLadder.Domain;
using System.Net;
using System.Text.RegularExpressions;
using JxEnterpriseLadder.Domain.Access;
using JxEnterpriseLadder.Services;
using Microsoft.Extensions.DependencyInjection;

namespace JxEnterpriseLadder.Web.Tests;

/// <summary>
/// The dashboard answers "did we meet 10,000 / 140 / 12, and will we next year?": a card per target with the target
/// year's figure, completion and met or missed for the province; a city's own figures and share, never the province's
/// target as its own; counts as whole numbers; the calibration table on the administrator's page only.
/// </summary>
[Collection("app")]
public sealed class DashboardTests(AppFixture app)
{
    private async Task<string> Page(string user, string path = "/") => WebUtility.HtmlDecode(await (await app.As(user)).GetStringAsync(path));

    [Fact]
    public async Task TheProvinceSeesEachTargetMetOrMissedWithItsCompletionRate()
    {
        var html = await Page("province");
        var targets = app.Factory.Services.GetRequiredService<TargetProgress>();
        var rows = targets.For(AccessScope.Province, 2023).Progress.Where(r => r.Target is not null).ToList();
        // The six targets of task 10: both ladders (issue 21).
        Assert.Equal(["tech-sme", "gazelle", "unicorn", "specialised-sme", "little-giant", "innovation-demo"], rows.Select(r => r.Group));
        foreach (var r in rows)
        {
            var card = Regex.Match(html, $"id=\"target-{r.Group}\"(.*?)</div>\\s*</div>\\s*</div>", RegexOptions.Singleline).Groups[1].Value;
            Assert.Contains($"{r.Recognized:N0}", card);
            Assert.Contains($"/ {r.Target:N0}", card);
            Assert.Contains("完成率", card);
            Assert.Contains(r.Recognized >= r.Target ? "达标" : "未达标", card);
        }
        Assert.DoesNotContain("与江西省公布数据的校准对照", html); // a developer's check, on the administrator's page
        Assert.DoesNotMatch(@"预计新增</th>.*?\d+\.\d", html[..Math.Min(html.Length, html.IndexOf("历年趋势", StringComparison.Ordinal) is var i and > 0 ? i : html.Length)]);
    }

    [Fact]
    public async Task ACityOfficerSeesItsOwnFiguresAndShareNeverTheProvinceTargetAsItsOwn()
    {
        var html = await Page("nanchang");
        var card = Regex.Match(html, "id=\"target-tech-sme\"(.*?)</div>\\s*</div>\\s*</div>", RegexOptions.Singleline).Groups[1].Value;
        Assert.Contains("占全省", card);
        Assert.Contains("为全省目标", card);
        Assert.DoesNotContain("完成率", card);
        Assert.DoesNotContain("达标", card);
    }

    /// <summary>Issue 21 point 3: the officers follow the titles' yearly updates and change reports in their scope, with
    /// the firms to follow up linked to their pages.</summary>
    [Fact]
    public async Task TheDashboardCountsTheTitlesObligationsInScopeAndLinksTheFirmsToFollowUp()
    {
        var obligations = app.Factory.Services.GetRequiredService<TitleObligations>();
        var today = DateOnly.FromDateTime(DateTime.Today);
        foreach (var (user, scope) in new[] { ("province", AccessScope.Province), ("nanchang", new AccessScope(Roles.CityOfficer, CityCode: "nanchang")) })
        {
            var html = Regex.Replace(await Page(user), "<[^>]+>", " ");
            var o = obligations.For(scope, today);
            var specialised = o.Rows.Single(r => r.Title == TierIds.SpecialisedSme);
            Assert.True(specialised.Held > 0 && specialised.OnTime > 0, user);
            Assert.Matches($@"专精特新中小企业\s+{specialised.Held:N0}\s+{specialised.OnTime:N0}\s+{specialised.Late:N0}\s+{specialised.Missed:N0}\s+{specialised.Pending:N0}\s+{specialised.ReviewForfeited:N0}\s+{specialised.WithdrawalPossible:N0}", html);
            Assert.Contains($"需跟进的企业（{o.ToActOnTotal:N0} 家", html);
            Assert.Equal(Math.Min(TitleObligations.Listed, o.ToActOnTotal), o.ToActOn.Count);
            // A firm whose title may be withdrawn comes before one that only misses its review; then the longest overdue.
            Assert.Equal(o.ToActOn.OrderBy(f => f.WithdrawalPossible ? 0 : 1).ThenBy(f => f.Since).ThenBy(f => f.CreditCode, StringComparer.Ordinal), o.ToActOn);
        }
        var raw = await Page("nanchang");
        var nanchang = obligations.For(new AccessScope(Roles.CityOfficer, CityCode: "nanchang"), today);
        Assert.NotEmpty(nanchang.ToActOn);
        Assert.Contains($"href=\"/enterprises/{nanchang.ToActOn[0].CreditCode}#title-obligations\"", raw);
        var registry = app.Factory.Services.GetRequiredService<JxEnterpriseLadder.Data.RegistryRepository>();
        Assert.All(nanchang.ToActOn, f => Assert.Equal("nanchang", registry.Get(f.CreditCode)!.Enterprise.CityCode));
    }

    [Fact]
    public void TheBreakdownsByParkAndChainAddUpToTheCitiesWithALineForFirmsOutsideThem()
    {
        var targets = app.Factory.Services.GetRequiredService<TargetProgress>();
        var o = targets.For(AccessScope.Province, 2023);
        foreach (var m in TargetProgress.Measures)
        {
            var total = o.ByCity.Sum(l => l[m]);
            Assert.Equal(total, o.ByPark.Sum(l => l[m]));
            Assert.Equal(total, o.ByChain.Sum(l => l[m]));
        }
        Assert.Equal(TargetProgress.None, o.ByPark[^1].Key); // firms outside every park: a line of their own, last
        Assert.True(o.ByPark[^1][TierIds.TechSme] > 0);
    }

    [Fact]
    public async Task TheCalibrationTableIsTheAdministratorsOnly()
    {
        Assert.Contains("与江西省公布数据的校准对照", await Page("admin", "/calibration"));
        var refused = await (await app.As("province")).GetAsync("/calibration");
        Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
        Assert.DoesNotContain("与江西省公布数据的校准对照", await refused.Content.ReadAsStringAsync());
    }
}
