using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace JxEnterpriseLadder.Web.Tests;

/// <summary>
/// The first start of the embedded demo: the port answers at once with the progress (stage, n of N), every page waits
/// behind it, and the page asked for opens once the demo is ready.
/// </summary>
public sealed class FirstStartTests
{
    [Fact]
    public async Task ThePortAnswersAtOnceWithTheProgressAndThenThePageAskedFor()
    {
        var db = Path.Combine(Path.GetTempPath(), "jxladder-web-tests", Guid.NewGuid().ToString("N"), "first.db");
        var started = Stopwatch.StartNew();
        using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseSetting("ConnectionStrings:Registry", "sqlite:" + db);
            b.UseSetting("Demo:Enterprises", "6000");
        });
        factory.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        factory.StartServer();
        Uri address;
        using (var probe = factory.CreateClient()) address = probe.BaseAddress!;
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = address };
        var first = await client.GetAsync("/login");
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(15), $"answered after {started.Elapsed.TotalSeconds:F1} s");
        var preparation = factory.Services.GetRequiredService<DemoPreparation>();
        // 6,000 enterprises take several seconds to generate, screen at seven dates and score: the first answer is the progress.
        Assert.False(preparation.IsReady);
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, first.StatusCode);
            Assert.Equal("3", first.Headers.GetValues("Retry-After").Single());
            var page = WebUtility.HtmlDecode(await first.Content.ReadAsStringAsync());
            Assert.Contains("正在准备演示数据", page);
            Assert.Contains("http-equiv=\"refresh\"", page);
            Assert.Matches(@"<p id=""stage""><strong>[^<]+</strong>", page);
            // The engine's API needs no registry: it answers meanwhile.
            Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/assessments?asOf=2024-06-30", new StringContent("{}"))).StatusCode);
        }
        Assert.True(await Task.WhenAny(preparation.Ready, Task.Delay(TimeSpan.FromMinutes(8))) == preparation.Ready, "not ready in 8 minutes");
        var after = await client.GetAsync("/login");
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Contains("演示账户", WebUtility.HtmlDecode(await after.Content.ReadAsStringAsync()));
    }
}
