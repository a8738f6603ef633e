using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using JxEnterpriseLadder.Data;
using JxEnterpriseLadder.Domain.Access;
using JxEnterpriseLadder.Services;
using JxEnterpriseLadder.Web.Auth;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace JxEnterpriseLadder.Web.Tests;

/// <summary>The probes of issue 19 against the app with its default limits (the shared demo app).</summary>
[Collection("app")]
public sealed class HostileInputTests(AppFixture app, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Good = """{"name":"甲","registeredOn":"2018-05-01","industry":"new-materials","hiTechField":"new-materials","years":[{"year":2023,"employees":80,"techStaff":20,"salesRevenue":20000000,"totalIncome":20000000,"totalCostsAndExpenses":18000000,"rdExpense":900000}],"ip":{"class1":0,"class2":3,"ownRd":true}}""";

    private Task<HttpResponseMessage> Post(HttpClient client, string body, string query = "asOf=2024-06-30") =>
        client.PostAsync("/api/assessments?" + query, new StringContent(body, Encoding.UTF8, "application/x-ndjson"));

    [Fact]
    public async Task MoreProfilesThanTheCapAreRefusedWith413NamingTheCap()
    {
        var response = await Post(app.Client, string.Concat(Enumerable.Repeat("{}\n", 10_001)));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var detail = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString()!;
        Assert.Contains("10,000", detail);
        Assert.Contains("Api:MaxProfilesPerRequest", detail);
        // At the cap, all are assessed.
        var atCap = await Post(app.Client, string.Concat(Enumerable.Repeat("{}\n", 10)));
        Assert.Equal(HttpStatusCode.OK, atCap.StatusCode);
        Assert.Equal(10, (await atCap.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task FarFutureDatesAndUnknownCodesAreNamedAndTheOthersStillAssessedWithoutAStackTrace()
    {
        string[] profiles =
        [
            Good,
            """{"name":"乙","registeredOn":"9999-12-31"}""",
            """{"name":"丙","hnteCertificate":{"number":"GR1","issuedOn":"9999-12-31"}}""",
            """{"name":"丁","industry":"不存在的行业"}""",
            """{"name":"戊","financing":[{"date":"0001-01-01","amount":1}]}""",
            Good.Replace("甲", "己"),
        ];
        var input = string.Join("\n", profiles);
        var response = await Post(app.Client, input);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("   at ", body);
        var lines = body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(6, lines.Count); // a line for each profile, in order
        var errors = lines.Where(l => l.TryGetProperty("field", out _))
            .Select(e => (Profile: e.GetProperty("profile").GetInt32(), Field: e.GetProperty("field").GetString(), Message: e.GetProperty("detail").GetString()!)).ToList();
        Assert.Equal([(2, "$.registeredOn"), (3, "$.hnteCertificate.issuedOn"), (4, "$.industry"), (5, "$.financing[0].date")], errors.Select(e => (e.Profile, e.Field)));
        Assert.Contains("electronic-information", errors[2].Message); // the allowed values, named
        Assert.Contains("1949-10-01", errors[0].Message);
        Assert.Equal(["甲", "己"], lines.Where(l => l.TryGetProperty("results", out _)).Select(r => r.GetProperty("name").GetString()));

        var (exit, stdout, stderr) = await AssessmentDoorsTests.RunCli("assess --as-of 2024-06-30", input);
        Assert.Equal(2, exit);
        Assert.Equal(4, stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.All(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => Assert.StartsWith("jxladder assess: profile #", l));
        Assert.Equal(2, stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task ACodedFieldWrittenAsItsChineseNameIsReadAsItsCode()
    {
        var byCode = await (await Post(app.Client, Good.Replace("\"industry\":\"new-materials\"", "\"industry\":\"equipment-manufacturing\""))).Content.ReadAsStringAsync();
        var byName = await Post(app.Client, Good.Replace("\"industry\":\"new-materials\"", "\"industry\":\"装备制造\"").Replace("\"hiTechField\":\"new-materials\"", "\"hiTechField\":\"新材料\""));
        Assert.Equal(HttpStatusCode.OK, byName.StatusCode);
        Assert.Equal(byCode, await byName.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AnErrorInDevelopmentAsDocumentedShowsNoStackTrace()
    {
        // `dotnet run` runs in Development: a refused form is a plain 400 page there too, never the developer's page.
        var response = await app.NewClient().PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["userName"] = "x", ["password"] = "y" }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("页面已过期或请求无效", body);
        Assert.DoesNotContain("   at ", body);
        Assert.DoesNotContain("Exception", body);
    }

    [Fact]
    public async Task ACookieCopiedBeforeSignOutIsDeadAfterIt()
    {
        var cookies = new CookieContainer();
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies }) { BaseAddress = app.BaseAddress };
        Assert.Equal(HttpStatusCode.Redirect, (await AppFixture.SignIn(client, "province", DemoAccounts.Password)).StatusCode);
        var auth = cookies.GetCookies(app.BaseAddress)["jxladder.auth"]!.Value;
        var copy = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = app.BaseAddress };
        copy.DefaultRequestHeaders.Add("Cookie", "jxladder.auth=" + auth);
        Assert.Equal(HttpStatusCode.OK, (await copy.GetAsync("/export/registry.zip")).StatusCode);

        var form = await client.GetStringAsync("/enterprises");
        var token = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        var signedOut = await client.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);

        var after = await copy.GetAsync("/export/registry.zip");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/login", after.Headers.Location!.AbsolutePath);
    }

    [Theory]
    [InlineData("/enterprises/江西")]
    [InlineData("/login?returnUrl=/enterprises")]
    public async Task AReturnAddressInChineseOrToTheSignInFormNeverBreaksTheSignIn(string returnUrl)
    {
        Assert.Equal(HttpStatusCode.OK, (await app.NewClient().GetAsync("/login?returnUrl=" + returnUrl)).StatusCode);
        var response = await AppFixture.SignIn(app.NewClient(), "nanchang", DemoAccounts.Password, returnUrl);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.All(location, c => Assert.True(c < 128));
        Assert.DoesNotContain("/login", location);
        if (returnUrl.StartsWith("/enterprises/", StringComparison.Ordinal)) Assert.Equal("/enterprises/%E6%B1%9F%E8%A5%BF", location);
        else Assert.Equal("/enterprises", location); // the page first asked for, unwrapped from the sign-in form's address
    }

    [Fact]
    public async Task AnEditSavedAfterSigningOutInAnotherTabWritesNothing()
    {
        var code = app.Factory.Services.GetRequiredService<DirectoryRepository>().Search(new AccessScope(Roles.CityOfficer, CityCode: DemoAccounts.DemoCity),
            new DirectoryRepository.Filter(), DirectoryRepository.SortBy.CreditCode, false, 9, 1).Rows.Single().CreditCode;
        var before = app.Factory.Services.GetRequiredService<RegistryRepository>().Get(code)!.Enterprise;
        var editor = await browser.SignedIn(app, "nanchang");
        await editor.GotoAsync($"/enterprises/{code}/edit");
        await BrowserFixture.Interactive(editor);

        // Another tab of the same browser signs out.
        var other = await editor.Context.NewPageAsync();
        await other.GotoAsync("/");
        await other.GetByRole(AriaRole.Button, new() { Name = "退出" }).ClickAsync();
        await other.WaitForURLAsync(u => u.Contains("/login"));

        await editor.GetByLabel("企业名称").FillAsync("退出后保存的名称");
        await editor.GetByLabel("修改原因（记入变更记录）").FillAsync("不应写入");
        await editor.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await editor.WaitForURLAsync(u => u.Contains("/login"));
        await Assertions.Expect(editor.GetByRole(AriaRole.Alert).Filter(new() { HasText = "刚才的修改没有保存" })).ToBeVisibleAsync();
        Assert.Equal(before.Name, app.Factory.Services.GetRequiredService<RegistryRepository>().Get(code)!.Enterprise.Name);
    }

    [Fact]
    public async Task AHostileWorkbookUploadedOnThePageIsNamedAndItsUploadRemoved()
    {
        var file = Path.Combine(Path.GetTempPath(), "jxladder-web-tests", Guid.NewGuid().ToString("N") + ".xlsx");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        MiniExcelLibs.MiniExcel.SaveAs(file, new[] { new Dictionary<string, object?> { ["统一社会信用代码"] = "91360100MA35XXXX0A", ["企业名称"] = new string('名', 40_000) } }, sheetName: "企业");
        var enterprises = app.Factory.Services.GetRequiredService<RegistryRepository>().CountEnterprises();
        var page = await browser.SignedIn(app, "province");
        await page.GotoAsync("/import");
        await BrowserFixture.Interactive(page);
        await BrowserFixture.ChooseFiles(page, "#files", file);
        await page.GetByRole(AriaRole.Button, new() { Name = "校验并导入" }).ClickAsync();
        await Assertions.Expect(page.Locator("#import-result")).ToContainTextAsync("未写入任何数据");
        await Assertions.Expect(page.Locator("table[aria-label=导入问题] tbody tr")).ToContainTextAsync("超过 32,767 个字符的上限");
        Assert.Equal(enterprises, app.Factory.Services.GetRequiredService<RegistryRepository>().CountEnterprises());
        Assert.Empty(Directory.GetFiles(app.Factory.Services.GetRequiredService<WorkFolder>().Path, "*.upload"));
    }

    [Fact]
    public void WhatAnEarlierRunLeftInTheWorkFolderIsRemovedAtStart()
    {
        var folder = app.Factory.Services.GetRequiredService<WorkFolder>();
        var left = folder.NewFile(".upload");
        File.WriteAllText(left, "left by a crash");
        var again = new WorkFolder(app.Factory.Services.GetRequiredService<Database>(), Microsoft.Extensions.Logging.Abstractions.NullLogger<WorkFolder>.Instance);
        Assert.Equal(folder.Path, again.Path);
        Assert.False(File.Exists(left));
    }

    [Fact]
    public async Task AHostileWorkbookExitsTheCliWithOneLineAndWritesNothing()
    {
        // One cell of 40,000 characters, in an otherwise ordinary workbook.
        var file = Path.Combine(Path.GetTempPath(), "jxladder-web-tests", Guid.NewGuid().ToString("N") + ".xlsx");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        MiniExcelLibs.MiniExcel.SaveAs(file, new[] { new Dictionary<string, object?> { ["统一社会信用代码"] = "91360100MA35XXXX0A", ["企业名称"] = new string('名', 40_000) } }, sheetName: "企业");
        var db = Path.Combine(Path.GetTempPath(), "jxladder-web-tests", Guid.NewGuid().ToString("N") + ".db");
        var (exit, _, stderr) = await AssessmentDoorsTests.RunCli($"import \"{file}\" --db sqlite:{db}", "");
        Assert.Equal(1, exit);
        Assert.Contains("超过 32,767 个字符的上限", stderr);
        Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain("   at ", stderr);
        var database = Database.Parse("sqlite:" + db);
        Assert.Equal(0, new RegistryRepository(database).CountEnterprises());
    }
}

/// <summary>The app as deployed: Production, behind a TLS-ending proxy on this machine, with small limits to reach.</summary>
public sealed class ProductionBehindProxyFixture : IDisposable
{
    public const string Admin = AuthSetup.DefaultAdminUserName, Password = "a-long-real-secret-2026";
    public WebApplicationFactory<Program> Factory { get; }
    public Uri BaseAddress { get; }

    public ProductionBehindProxyFixture()
    {
        var db = Path.Combine(Path.GetTempPath(), "jxladder-web-tests", Guid.NewGuid().ToString("N"), "prod.db");
        Factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Production");
            b.UseSetting("ConnectionStrings:Registry", "sqlite:" + db);
            b.UseSetting("Auth:AdminPassword", Password);
            b.UseSetting("Api:MaxProfilesPerRequest", "100000");
            b.UseSetting("Api:AnonymousRequestsPerMinute", "3");
            b.UseSetting("Api:MaxRequestMegabytes", "8");
        });
        Factory.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0)); // a free port of its own: several apps run side by side
        Factory.StartServer();
        using var probe = Factory.CreateClient();
        BaseAddress = probe.BaseAddress!;
    }

    public HttpClient NewClient() =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() }) { BaseAddress = BaseAddress };

    public void Dispose() => Factory.Dispose();
}

public sealed class ProductionBehindProxyTests(ProductionBehindProxyFixture app) : IClassFixture<ProductionBehindProxyFixture>
{
    /// <summary>A client whose requests arrive through the proxy from the given address, over HTTPS or not.</summary>
    private HttpClient From(string address, bool https)
    {
        var client = app.NewClient();
        client.DefaultRequestHeaders.Add("X-Forwarded-For", address);
        if (https) client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        return client;
    }

    [Fact]
    public async Task AHundredThousandProfilesStreamThroughInBoundedMemory()
    {
        var client = From("198.51.100.20", https: false);
        client.Timeout = TimeSpan.FromMinutes(5);
        var body = string.Concat(Enumerable.Repeat("{}\n", 100_000));
        var process = Process.GetCurrentProcess();
        GC.Collect();
        process.Refresh();
        var idle = process.WorkingSet64;
        var peak = idle;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                process.Refresh();
                peak = Math.Max(peak, process.WorkingSet64);
                await Task.Delay(100);
            }
        });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/assessments?asOf=2024-06-30") { Content = new StringContent(body, Encoding.UTF8, "application/x-ndjson") };
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var lines = 0L;
        await using (var stream = await response.Content.ReadAsStreamAsync())
        {
            var buffer = new byte[1 << 16];
            int n;
            while ((n = await stream.ReadAsync(buffer)) > 0)
                lines += buffer.AsSpan(0, n).Count((byte)'\n');
        }
        await sampling.CancelAsync();
        await sampler;
        Assert.Equal(100_000, lines);
        // Client and server share this process: the whole rise is at most the server's.
        Assert.True(peak - idle < 500L * 1024 * 1024, $"rose {(peak - idle) / 1024 / 1024} MB above idle {idle / 1024 / 1024} MB");
    }

    [Fact]
    public async Task ABodyOverTheSizeCapIsRefusedWith413()
    {
        // Waits for the server's answer to Expect: 100-continue however busy the machine (the default is one second,
        // after which the client sends the body and the server's early 413 breaks the pipe).
        using var client = new HttpClient(new SocketsHttpHandler { Expect100ContinueTimeout = TimeSpan.FromMinutes(1) }) { BaseAddress = app.BaseAddress };
        client.DefaultRequestHeaders.Add("X-Forwarded-For", "198.51.100.21");
        var body = "[" + string.Join(",", Enumerable.Repeat("{\"name\":\"" + new string('x', 1000) + "\"}", 9_000)) + "]"; // 9 MB
        // Expect: 100-continue, so that the server answers before the client sends a body it will not read.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/assessments?asOf=2024-06-30") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.ExpectContinue = true;
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("8 MB", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AnAnonymousCallerPastTheRateIsAskedToWait()
    {
        var client = From("203.0.113.9", https: false);
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/assessments?asOf=2024-06-30", new StringContent("{}"))).StatusCode);
        var refused = await client.PostAsync("/api/assessments?asOf=2024-06-30", new StringContent("{}"));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) > 0);
        // Another address has its own allowance.
        Assert.Equal(HttpStatusCode.OK, (await From("203.0.113.10", https: false).PostAsync("/api/assessments?asOf=2024-06-30", new StringContent("{}"))).StatusCode);
    }

    [Fact]
    public async Task OverHttpsAtTheProxyTheCookieIsSecureAndHstsIsSent()
    {
        var https = From("192.0.2.1", https: true);
        https.DefaultRequestHeaders.Host = "ladder.example.gov.cn"; // the public name the proxy forwards (HSTS is never sent for localhost)
        var login = await https.GetAsync("/login");
        Assert.Contains("max-age=", login.Headers.GetValues("Strict-Transport-Security").Single());
        var signedIn = await AppFixture.SignIn(https, ProductionBehindProxyFixture.Admin, ProductionBehindProxyFixture.Password);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var cookie = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("jxladder.auth=", StringComparison.Ordinal));
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);

        var plain = From("192.0.2.2", https: false);
        Assert.False((await plain.GetAsync("/login")).Headers.Contains("Strict-Transport-Security"));
        var plainCookie = (await AppFixture.SignIn(plain, ProductionBehindProxyFixture.Admin, ProductionBehindProxyFixture.Password)).Headers.GetValues("Set-Cookie")
            .Single(c => c.StartsWith("jxladder.auth=", StringComparison.Ordinal));
        Assert.DoesNotContain("secure", plainCookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task AMissingAntiforgeryTokenIsABadRequestNotAnError()
    {
        var response = await From("192.0.2.3", https: false).PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["userName"] = ProductionBehindProxyFixture.Admin, ["password"] = ProductionBehindProxyFixture.Password,
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("   at ", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TheFirstAdministratorIsNotADemoAccountAndNoDemoAccountExists()
    {
        var users = app.Factory.Services.GetRequiredService<UserRepository>();
        Assert.Equal([ProductionBehindProxyFixture.Admin], users.All().Select(u => u.UserName));
        Assert.DoesNotContain(ProductionBehindProxyFixture.Admin, DemoAccounts.UserNames);
        Assert.Equal(HttpStatusCode.Redirect, (await AppFixture.SignIn(From("192.0.2.4", https: false), "admin", DemoAccounts.Password)).StatusCode);
    }
}
