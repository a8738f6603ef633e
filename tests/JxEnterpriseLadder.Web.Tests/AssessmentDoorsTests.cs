using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace JxEnterpriseLadder.Web.Tests;

/// <summary>The app on a real Kestrel port over a small generated embedded registry, with its demo accounts.</summary>
public sealed class AppFixture : IDisposable
{
    public WebApplicationFactory<Program> Factory { get; }
    /// <summary>Anonymous.</summary>
    public HttpClient Client { get; }
    public string DatabasePath { get; }
    private readonly Dictionary<string, HttpClient> _signedIn = [];

    public AppFixture() : this(300, null, null) { }

    /// <summary>An app of its own: a demo of <paramref name="enterprises"/>, its own models trained into <paramref name="trainedModels"/>.</summary>
    /// <paramref name="databasePath"/>: an existing registry file to start on (else a new one).
    public static AppFixture Own(int enterprises, string? trainedModels = null, string? databasePath = null) => new(enterprises, trainedModels, databasePath);

    private AppFixture(int enterprises, string? trainedModels, string? databasePath)
    {
        DatabasePath = databasePath ?? Path.Combine(Path.GetTempPath(), "jxladder-web-tests", Guid.NewGuid().ToString("N"), "demo.db");
        Factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseSetting("ConnectionStrings:Registry", "sqlite:" + DatabasePath);
            b.UseSetting("Demo:Enterprises", enterprises.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (trainedModels is not null) b.UseSetting("Models:TrainedPath", trainedModels);
        });
        Factory.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0)); // a free port of its own: several apps run side by side
        Factory.StartServer();
        using (var probe = Factory.CreateClient()) BaseAddress = probe.BaseAddress!;
        // The demo is prepared in the background once the port is open: the tests start when it is ready.
        Assert.True(Factory.Services.GetRequiredService<DemoPreparation>().Ready.Wait(TimeSpan.FromMinutes(10)), "the demo was not ready in 10 minutes");
        Client = NewClient();
    }

    /// <summary>The first enterprise of a scope, by credit code: a page to visit as someone of that scope.</summary>
    public string FirstEnterpriseIn(JxEnterpriseLadder.Domain.Access.AccessScope scope) => Factory.Services.GetRequiredService<JxEnterpriseLadder.Data.DirectoryRepository>()
        .Search(scope, new JxEnterpriseLadder.Data.DirectoryRepository.Filter(), JxEnterpriseLadder.Data.DirectoryRepository.SortBy.CreditCode, false, 0, 1).Rows.Single().CreditCode;

    /// <summary>The server's address on its real port (for the browser, too).</summary>
    public Uri BaseAddress { get; }

    /// <summary>A plain HTTP client on the real port, keeping its cookies and showing redirects as they are.</summary>
    public HttpClient NewClient() =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new System.Net.CookieContainer() }) { BaseAddress = BaseAddress };

    /// <summary>A client signed in as a demo account through the sign-in form (antiforgery token and all).</summary>
    public async Task<HttpClient> As(string userName)
    {
        if (_signedIn.TryGetValue(userName, out var client)) return client;
        client = NewClient();
        var response = await SignIn(client, userName, JxEnterpriseLadder.Services.DemoAccounts.Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.DoesNotContain("error=", response.Headers.Location!.OriginalString);
        return _signedIn[userName] = client;
    }

    public static async Task<HttpResponseMessage> SignIn(HttpClient client, string userName, string password, string returnUrl = "/")
    {
        var form = await client.GetStringAsync("/login");
        var token = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        Assert.NotEmpty(token);
        return await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["userName"] = userName, ["password"] = password, ["returnUrl"] = returnUrl,
        }));
    }

    public void Dispose() => Factory.Dispose();
}

/// <summary>The test classes that share one running app (and its port).</summary>
[CollectionDefinition("app")]
public sealed class AppCollection : ICollectionFixture<AppFixture>;

[Collection("app")]
public sealed class AssessmentDoorsTests(AppFixture app)
{
    private const string Profiles = """
        {"name":"甲","registeredOn":"2018-05-01","listed":false,"industry":"new-materials","hiTechField":"new-materials","years":[{"year":2023,"employees":80,"techStaff":20,"salesRevenue":20000000,"totalIncome":20000000,"totalCostsAndExpenses":18000000,"rdExpense":900000}],"ip":{"class1":0,"class2":3,"ownRd":true}}
        {"name":"乙","registeredOn":"2012-02-29","listed":false,"industry":"electronic-information","years":[{"year":2020,"salesRevenue":10000000,"employees":120},{"year":2023,"salesRevenue":17280000,"rdExpense":700000,"employees":150,"techStaff":30}],"hnteCertificate":{"number":"GR2022","issuedOn":"2022-11-01"}}
        """;

    [Fact]
    public async Task TheCliAndTheHttpEndpointGiveIdenticalResults()
    {
        var http = await app.Client.PostAsync("/api/assessments?asOf=2024-06-30", new StringContent(Profiles, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, http.StatusCode);
        var fromHttp = await http.Content.ReadAsStringAsync();

        var (exit, fromCli, _) = await RunCli("assess --as-of 2024-06-30", Profiles);
        Assert.Equal(0, exit);
        Assert.Equal(fromCli, fromHttp);
        var lines = fromCli.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        using var first = JsonDocument.Parse(lines[0]);
        Assert.Equal(Domain.TierIds.All.Count, first.RootElement.GetProperty("results").GetArrayLength());
    }

    [Fact]
    public async Task ABadProfileIsNamedAndTheOthersAreStillAssessed()
    {
        var input = Profiles + "\n" + """{"name":"丙","years":[{"year":2023,"employees":10,"techStaff":11}]}""";
        var http = await app.Client.PostAsync("/api/assessments?asOf=2024-06-30", new StringContent(input, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, http.StatusCode);
        Assert.Equal("application/x-ndjson", http.Content.Headers.ContentType?.MediaType);
        // One line per profile in input order: two results, then the third's problem line.
        var lines = (await http.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(3, lines.Count);
        Assert.Equal(Domain.TierIds.All.Count, lines[0].GetProperty("results").GetArrayLength());
        Assert.Equal(Domain.TierIds.All.Count, lines[1].GetProperty("results").GetArrayLength());
        Assert.Equal(3, lines[2].GetProperty("profile").GetInt32());
        Assert.Equal(400, lines[2].GetProperty("status").GetInt32());
        Assert.Equal("$.years[0].techStaff", lines[2].GetProperty("field").GetString());

        var (exit, stdout, stderr) = await RunCli("assess --as-of 2024-06-30", input);
        Assert.Equal(2, exit);
        Assert.Contains("profile #3", stderr);
        Assert.Contains("$.years[0].techStaff", stderr);
        Assert.Equal(2, stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task TheHomePageShowsTheGeneratedProvinceInChinese()
    {
        var client = await app.As("province");
        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/"));
        Assert.Contains("lang=\"zh-CN\"", html);
        Assert.Contains("<strong>全省</strong>", html);
        Assert.Contains("企业 <strong>300</strong>", html);
        Assert.Contains("<title>概览", html);
    }

    [Theory]
    [InlineData("seed --enterprises nope")]
    [InlineData("stats --unknown 1")]
    [InlineData("frobnicate")]
    public async Task BadArgumentsExitNonZeroWithOneLine(string args)
    {
        var (exit, _, stderr) = await RunCli(args, "");
        Assert.Equal(2, exit);
        Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    internal static async Task<(int exit, string stdout, string stderr)> RunCli(string args, string stdin)
    {
        var cli = Path.Combine(AppContext.BaseDirectory, "jxladder.dll");
        var psi = new ProcessStartInfo("dotnet", $"\"{cli}\" {args}")
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8, StandardErrorEncoding = Encoding.UTF8,
        };
        using var p = Process.Start(psi)!;
        // Read while writing: a large input's results fill the output pipe before the input is all written.
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.StandardInput.WriteAsync(stdin);
        p.StandardInput.Close();
        await p.WaitForExitAsync();
        return (p.ExitCode, await stdout, await stderr);
    }
}
