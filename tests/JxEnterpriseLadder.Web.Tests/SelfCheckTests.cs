using Bunit;
using JxEnterpriseLadder.Rules.Engine;
using JxEnterpriseLadder.Services;
using Microsoft.Extensions.Configuration;
using JxEnterpriseLadder.Web.Components.Pages;
using Microsoft.Extensions.DependencyInjection;

namespace JxEnterpriseLadder.Web.Tests;

/// <summary>The self-check page: outcomes as fields are filled, the next missing input, gaps and what-if.</summary>
public sealed class SelfCheckTests : IDisposable
{
    private readonly BunitContext _ctx = new();

    public SelfCheckTests()
    {
        System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo("zh-CN");
        // The page's services over an empty registry: an anonymous self-check reads and stores nothing.
        var db = "sqlite:" + Path.Combine(Path.GetTempPath(), "jxladder-web-tests", Guid.NewGuid().ToString("N"), "selfcheck.db");
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Registry"] = db }).Build();
        _ctx.Services.AddLadderServices(configuration);
        _ctx.Services.AddScoped<JxEnterpriseLadder.Web.Auth.SessionCheck>(); // what every page asks before it writes
    }

    public void Dispose() => _ctx.Dispose();

    private static SelfCheck.SelfCheckForm Filled() => new()
    {
        AsOf = new DateOnly(2024, 6, 30), RegisteredOn = new DateOnly(2019, 4, 1), Industry = "new-materials", HiTechField = "new-materials",
        Employees = 100, TechStaff = 20, SalesWan = 3000m, CostsWan = 2800m, RdWan = 100m, AssetsWan = 5000m, Class1 = 0, Class2 = 2,
        CleanRecord = true,
    };

    [Fact]
    public void AnEmptyFormAsksForTheNextInputInsteadOfFailing()
    {
        var cut = _ctx.Render<SelfCheck>(p => p.Add(x => x.Form, new SelfCheck.SelfCheckForm { AsOf = new DateOnly(2024, 6, 30) }));
        var techSme = cut.FindAll("details")[0];
        Assert.Contains("待补充", techSme.TextContent);
        Assert.Contains("还需要", techSme.TextContent);
        Assert.Contains("2023年 职工总数", techSme.TextContent); // the data dictionary's Chinese name, not the field path
    }

    [Fact]
    public void AShortfallShowsTheGapAndWhatIfLiftsIt()
    {
        // Staff 20% → 12, R&D 100/3000 = 3.33% → 20, two Class Ⅱ → 12: 44 points, below 60.
        var form = Filled();
        var cut = _ctx.Render<SelfCheck>(p => p.Add(x => x.Form, form));
        var techSme = cut.FindAll("details")[0].TextContent;
        Assert.Contains("不符合 · 44分", techSme);
        Assert.Contains("研发费用需 ≥", techSme);

        // What-if: R&D +100% → 200/3000 = 6.67% → 50 points: 74.
        cut.Find("#whatIfRd").Input("100");
        Assert.Contains("符合 · 74分", cut.FindAll("details")[0].TextContent);
    }
}
