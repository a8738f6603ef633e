using System.Net;
using JxEnterpriseLadder.Data;
using JxEnterpriseLadder.Domain.Access;
using JxEnterpriseLadder.Services;
using JxEnterpriseLadder.Web.Auth;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace JxEnterpriseLadder.Web.Tests;

/// <summary>Sign-in and scope over HTTP: each demo role, the 403 across scopes, lockout and antiforgery.</summary>
[Collection("app")]
public sealed class AccessTests(AppFixture app)
{
    private T Service<T>() where T : notnull => app.Factory.Services.GetRequiredService<T>();

    private string EnterpriseOutside(string park) =>
        Service<DirectoryRepository>().Search(AccessScope.Province, new DirectoryRepository.Filter(), DirectoryRepository.SortBy.CreditCode, false, 0, 1000)
            .Rows.First(r => r.ParkCode != park && r.CityCode != DemoAccounts.DemoCity).CreditCode;

    private string EnterpriseIn(string park) =>
        Service<DirectoryRepository>().Search(new AccessScope(Roles.ParkManager, ParkCode: park), new DirectoryRepository.Filter(), DirectoryRepository.SortBy.CreditCode, false, 0, 1)
            .Rows.Single().CreditCode;

    [Fact]
    public async Task AnonymousCallersAreSentToSignInExceptForTheSelfCheck()
    {
        foreach (var url in new[] { "/", "/enterprises", "/review", "/candidates", "/enterprises/" + EnterpriseIn(DemoAccounts.DemoPark) })
        {
            var response = await app.NewClient().GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/login", response.Headers.Location!.AbsolutePath);
        }
        Assert.Equal(HttpStatusCode.OK, (await app.NewClient().GetAsync("/self-check")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await app.NewClient().GetAsync("/export/enterprises.xlsx")).StatusCode);
    }

    [Theory]
    [InlineData("admin", "全省", true, true)]
    [InlineData("province", "全省", true, true)]
    [InlineData("nanchang", "南昌市", true, true)]
    [InlineData("park", "南昌高新技术产业开发区", false, true)]
    [InlineData("enterprise", null, false, false)]
    public async Task EachDemoRoleSignsInAndSeesItsOwnScope(string user, string? scope, bool officer, bool candidates)
    {
        var client = await app.As(user);
        var landing = await client.GetAsync("/");
        if (user == "enterprise")
        {
            // An enterprise's home is its own record, not a province's dashboard.
            Assert.Equal(HttpStatusCode.Redirect, landing.StatusCode);
            Assert.StartsWith("/enterprises/", landing.Headers.Location!.AbsolutePath);
            landing = await client.GetAsync(landing.Headers.Location);
        }
        var home = WebUtility.HtmlDecode(await landing.EnsureSuccessStatusCode().Content.ReadAsStringAsync());
        Assert.Contains("退出", home);
        // The scope in bold: a city's or park's own name is marked as Chinese (read as such in the English pages too).
        if (scope is not null) Assert.Matches($"<strong( lang=\"zh-CN\")?>{scope}</strong>", home);
        Assert.Equal(officer ? HttpStatusCode.OK : HttpStatusCode.Redirect, (await client.GetAsync("/enterprises")).StatusCode);
        Assert.Equal(officer ? HttpStatusCode.OK : HttpStatusCode.Redirect, (await client.GetAsync("/review")).StatusCode);
        Assert.Equal(candidates ? HttpStatusCode.OK : HttpStatusCode.Redirect, (await client.GetAsync("/candidates")).StatusCode);
    }

    [Fact]
    public async Task AParkManagerTypingAnotherParksEnterpriseGets403()
    {
        var client = await app.As("park");
        var own = await client.GetAsync("/enterprises/" + EnterpriseIn(DemoAccounts.DemoPark));
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        var other = EnterpriseOutside(DemoAccounts.DemoPark);
        var response = await client.GetAsync("/enterprises/" + other);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("无权访问（403）", html);
        Assert.DoesNotContain("各层级评价", html); // nothing of the enterprise is shown

        var city = await (await app.As("nanchang")).GetAsync("/enterprises/" + other);
        Assert.Equal(HttpStatusCode.Forbidden, city.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await app.As("province")).GetAsync("/enterprises/" + other)).StatusCode);
    }

    [Fact]
    public async Task AnEnterpriseSeesOnlyItself()
    {
        var client = await app.As("enterprise");
        var own = EnterpriseIn(DemoAccounts.DemoPark); // the demo enterprise is the first of the demo park
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/enterprises/" + own)).StatusCode);
        var neighbour = Service<DirectoryRepository>().Search(new AccessScope(Roles.ParkManager, ParkCode: DemoAccounts.DemoPark), new DirectoryRepository.Filter(),
            DirectoryRepository.SortBy.CreditCode, false, 1, 1).Rows.Single().CreditCode;
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/enterprises/" + neighbour)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/export/candidates.xlsx")).StatusCode);
    }

    [Fact]
    public async Task AnEnterpriseReadsWhatChangedInItsRecordButNotWhoChangedItOrWhy()
    {
        var own = EnterpriseIn(DemoAccounts.DemoPark);
        var registry = Service<RegistryRepository>();
        var read = registry.Get(own)!.Enterprise;
        new RecordChangeRepository(registry.Database).UpdateEnterprise(read, read with { County = "内部核对的县" }, new JxEnterpriseLadder.Domain.Registry.AuditStamp("officer-internal", "内部核对原因"),
            DateTimeOffset.UtcNow.ToUnixTimeSeconds());

        async Task<(string Page, List<IDictionary<string, object>> Trail)> Seen(string user)
        {
            var client = await app.As(user);
            var page = WebUtility.HtmlDecode(await client.GetStringAsync("/enterprises/" + own));
            var book = await client.GetByteArrayAsync($"/export/enterprise/{own}/trail.xlsx");
            return (page, MiniExcelLibs.MiniExcel.Query(new MemoryStream(book), useHeaderRow: true).Cast<IDictionary<string, object>>().ToList());
        }
        var officer = await Seen("province");
        Assert.Contains("officer-internal", officer.Page);
        Assert.Contains("内部核对原因", officer.Page);
        Assert.Contains(officer.Trail, r => (string)r["操作人 Actor"] == "officer-internal" && (string)r["原因 Reason"] == "内部核对原因");

        var enterprise = await Seen("enterprise");
        Assert.Contains("内部核对的县", enterprise.Page); // what changed
        Assert.DoesNotContain("officer-internal", enterprise.Page);
        Assert.DoesNotContain("内部核对原因", enterprise.Page);
        Assert.Equal(officer.Trail.Count, enterprise.Trail.Count);
        Assert.All(enterprise.Trail, r => Assert.Equal(("—", "—"), ((string)r["操作人 Actor"], (string)r["原因 Reason"])));
    }

    [Fact]
    public async Task AnUnknownAddressAnswers404WithAPage()
    {
        var response = await app.NewClient().GetAsync("/no-such-page");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("<title>页面不存在（404）", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task TheSignInFormNeedsItsAntiforgeryToken()
    {
        var response = await app.NewClient().PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["userName"] = "admin", ["password"] = DemoAccounts.Password,
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(response.Headers, h => h.Key == "Set-Cookie" && h.Value.Any(v => v.StartsWith("jxladder.auth", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task SignOutNeedsItsTokenAndADeletedAccountsSessionEnds()
    {
        var anonymous = await app.NewClient().PostAsync("/account/logout", new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.BadRequest, anonymous.StatusCode);

        var accounts = Service<Accounts>();
        var name = "gone-" + Guid.NewGuid().ToString("N")[..8];
        accounts.Create(name, "离职人员", "correct horse battery", new AccessScope(Roles.ProvinceOfficer));
        var client = app.NewClient();
        Assert.DoesNotContain("error=", (await AppFixture.SignIn(client, name, "correct horse battery")).Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/enterprises")).StatusCode);
        Service<UserRepository>().Delete([name]);
        var after = await client.GetAsync("/enterprises");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/login", after.Headers.Location!.AbsolutePath);
    }

    [Theory]
    [InlineData("/\t/evil.example")]
    [InlineData("//evil.example")]
    [InlineData("/\\evil.example")]
    [InlineData("https://evil.example/")]
    public async Task SignInNeverSendsAnyoneToAnotherSite(string returnUrl)
    {
        var response = await AppFixture.SignIn(app.NewClient(), "province", DemoAccounts.Password, returnUrl);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task RepeatedFailuresLockTheAccountEvenForTheRightPasswordAndALockedAccountAnswersLikeAnUnknownOne()
    {
        var accounts = Service<Accounts>();
        var name = "lock-" + Guid.NewGuid().ToString("N")[..8];
        var unknown = "none-" + Guid.NewGuid().ToString("N")[..8];
        accounts.Create(name, "锁定测试", "correct horse battery", new AccessScope(Roles.ProvinceOfficer));
        var policy = Service<LockoutPolicy>();
        var client = app.NewClient();
        string Answer(HttpResponseMessage r, string user) => r.Headers.Location!.OriginalString;
        for (var i = 0; i < policy.MaxFailures; i++)
            Assert.Contains("error=failed", (await AppFixture.SignIn(client, name, "wrong")).Headers.Location!.OriginalString);
        Assert.NotNull(Service<UserRepository>().Find(name)!.LockedUntil);
        var locked = await AppFixture.SignIn(client, name, "correct horse battery");
        Assert.Contains("error=failed", locked.Headers.Location!.OriginalString);
        // Alike in content: the same redirect and page, whether the account is locked or does not exist.
        Assert.Equal(Answer(await AppFixture.SignIn(client, unknown, "correct horse battery"), unknown), Answer(locked, name));
        var page = WebUtility.HtmlDecode(await client.GetStringAsync("/login?error=failed"));
        Assert.Contains("用户名或密码不正确；连续多次失败后账户会暂时锁定", page);
        // The name typed comes back in the form, by a short-lived cookie: never in the address (history, logs).
        Assert.DoesNotContain(unknown, locked.Headers.Location!.OriginalString + (await AppFixture.SignIn(client, unknown, "x")).Headers.Location!.OriginalString);
        Assert.Contains($"value=\"{unknown}\"", WebUtility.HtmlDecode(await client.GetStringAsync("/login?error=failed")));

        // Alike in time: each answer checks one password (a locked account once answered in 4 ms, an unknown in 100 ms).
        async Task<double> Median(string user)
        {
            var times = new List<double>();
            for (var i = 0; i < 5; i++)
            {
                var watch = System.Diagnostics.Stopwatch.StartNew();
                await AppFixture.SignIn(client, user, "correct horse battery");
                times.Add(watch.Elapsed.TotalMilliseconds);
            }
            return times.Order().ElementAt(2);
        }
        var lockedTime = await Median(name);
        var unknownTime = await Median(unknown);
        Assert.True(lockedTime > unknownTime / 3 && unknownTime > lockedTime / 3, $"locked {lockedTime:F0} ms, unknown {unknownTime:F0} ms");
    }

    [Fact]
    public async Task PasswordsAreStoredHashedNeverInClear()
    {
        var row = Service<UserRepository>().Find("admin")!;
        Assert.DoesNotContain(DemoAccounts.Password, row.PasswordHash);
        Assert.StartsWith("AQAAAA", row.PasswordHash); // PasswordHasher v3 format marker
        await Task.CompletedTask;
    }

    [Fact]
    public async Task TheLanguageSwitchTurnsThePagesToEnglishAndBack()
    {
        var client = app.NewClient();
        // Chinese by default whatever the browser asks for; English only by the switch.
        using var asked = new HttpRequestMessage(HttpMethod.Get, "/self-check");
        asked.Headers.AcceptLanguage.ParseAdd("en-US");
        Assert.Contains("lang=\"zh-CN\"", await (await client.SendAsync(asked)).Content.ReadAsStringAsync());
        var switched = await client.GetAsync("/culture/en?back=/self-check");
        Assert.Equal("/self-check", switched.Headers.Location!.OriginalString);
        var english = WebUtility.HtmlDecode(await client.GetStringAsync("/self-check"));
        Assert.Contains("lang=\"en\"", english);
        Assert.Contains("<title>Self-check", english);
        await client.GetAsync("/culture/zh-CN?back=/");
        Assert.Contains("<title>企业自查", WebUtility.HtmlDecode(await client.GetStringAsync("/self-check")));
        // Only local addresses: the switch cannot send anyone to another site.
        Assert.Equal("/", (await client.GetAsync("/culture/en?back=//evil.example")).Headers.Location!.OriginalString);
    }
}

/// <summary>Production: no demo account, and no start with a missing or default secret.</summary>
public sealed class ProductionStartTests
{
    private static WebApplicationFactory<Program> Production(string db, string? adminPassword) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Production");
            b.UseSetting("ConnectionStrings:Registry", "sqlite:" + db);
            b.UseSetting("Demo:Enterprises", "50");
            if (adminPassword is not null) b.UseSetting("Auth:AdminPassword", adminPassword);
        });

    [Theory]
    [InlineData(null)]
    [InlineData(DemoAccounts.Password)]
    [InlineData("short")]
    public void RefusesToStartWithADefaultOrMissingSecret(string? password)
    {
        var db = Path.Combine(Path.GetTempPath(), "jxladder-web-tests", Guid.NewGuid().ToString("N"), "prod.db");
        using var factory = Production(db, password);
        var e = Assert.ThrowsAny<Exception>(() => factory.CreateClient());
        Assert.Contains("Auth:AdminPassword", e.ToString());
    }

    /// <summary>A registry file that an earlier deployment left, with its accounts.</summary>
    private static (string Path, UserRepository Users, Accounts Accounts) ExistingRegistry()
    {
        var db = Path.Combine(Path.GetTempPath(), "jxladder-web-tests", Guid.NewGuid().ToString("N"), "prod.db");
        var database = Database.Parse("sqlite:" + db);
        Migrator.Migrate(database);
        new RegistryRepository(database).SaveReferenceData(JxEnterpriseLadder.Domain.JiangxiReference.Default);
        var users = new UserRepository(database);
        return (db, users, new Accounts(users, new LockoutPolicy(), TimeProvider.System));
    }

    [Fact]
    public void StartsWithARealSecretAndRemovesDemoAccounts()
    {
        // A registry that once ran as the demo: its demo accounts must go.
        var (db, users, accounts) = ExistingRegistry();
        DemoAccounts.EnsureCreated(accounts, users, null);
        Assert.Equal(4, users.Count());

        using (var factory = Production(db, "a-long-real-secret-2026"))
        using (factory.CreateClient())
        {
            Assert.Equal([AuthSetup.DefaultAdminUserName], users.All().Select(u => u.UserName));
            Assert.Equal(Roles.Admin, users.Find(AuthSetup.DefaultAdminUserName)!.Role);
            Assert.NotNull(accounts.SignIn(AuthSetup.DefaultAdminUserName, "a-long-real-secret-2026").User);
            Assert.Null(accounts.SignIn("admin", DemoAccounts.Password).User);
        }
        // A second start keeps the administrator and its password (it used to be deleted and made again).
        using (var again = Production(db, "another-long-secret-2027"))
        using (again.CreateClient())
            Assert.NotNull(accounts.SignIn(AuthSetup.DefaultAdminUserName, "a-long-real-secret-2026").User);
    }

    [Fact]
    public void AnEarlierAdministratorWithADemoNameButARealPasswordIsKept()
    {
        var (db, users, accounts) = ExistingRegistry();
        accounts.Create("admin", "系统管理员", "an-earlier-real-secret", new AccessScope(Roles.Admin));

        using var factory = Production(db, "a-long-real-secret-2026");
        using var client = factory.CreateClient();
        Assert.Equal(["admin"], users.All().Select(u => u.UserName));
        Assert.NotNull(accounts.SignIn("admin", "an-earlier-real-secret").User);
    }

    [Fact]
    public void RefusesAnAdministratorNamedLikeADemoAccount()
    {
        var db = Path.Combine(Path.GetTempPath(), "jxladder-web-tests", Guid.NewGuid().ToString("N"), "prod.db");
        using var factory = Production(db, "a-long-real-secret-2026").WithWebHostBuilder(b => b.UseSetting("Auth:AdminUserName", "Admin"));
        var e = Assert.ThrowsAny<Exception>(() => factory.CreateClient());
        Assert.Contains("Auth:AdminUserName", e.ToString());
    }
}
