using BootstrapBlazor.Components;
using Bunit;
using JxEnterpriseLadder.Domain;
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
        _ctx.Services.AddBootstrapBlazor(); // the page's inputs are the component library's
        _ctx.JSInterop.Mode = JSRuntimeMode.Loose;
    }

    public void Dispose() => _ctx.Dispose();

    private static readonly DateOnly AsOf = new(2024, 6, 30);

    // The result's step (the last), and its summary's rows: every tier, under a heading per ladder.
    private const int ResultStep = 6;
    private static readonly int TierRows = TierIds.All.Count + 2;

    /// <summary>A small firm, one year typed: the tech-SME case of the old single-year form.</summary>
    private static SelfCheck.SelfCheckForm Filled()
    {
        var form = new SelfCheck.SelfCheckForm(AsOf)
        {
            RegisteredOn = new DateOnly(2019, 4, 1), Industry = "new-materials", HiTechField = "new-materials", Class1 = "0", Class2 = "2", CleanRecord = true,
        };
        var y = form.Year(2023);
        y.Set("employees", "100"); y.Set("techStaff", "20"); y.Set("sales", "3000"); y.Set("costs", "2800"); y.Set("rd", "100"); y.Set("assets", "5000");
        return form;
    }

    /// <summary>A plausible hi-tech firm over three years (万元), with IP, results and clean record; judged items open.</summary>
    internal static SelfCheck.SelfCheckForm HiTechFirm()
    {
        var form = new SelfCheck.SelfCheckForm(AsOf)
        {
            RegisteredOn = new DateOnly(2015, 3, 1), Industry = "new-materials", HiTechField = "new-materials", Class1 = "2", Class2 = "6", OwnRd = true,
            CleanRecord = true,
        };
        string[][] years =
        [
            // employees, tech staff, sales, income, hi-tech income, costs, R&D, domestic R&D, assets, liabilities, results
            ["90", "25", "8000", "8400", "6000", "7000", "500", "480", "10000", "4000", "5"],
            ["95", "28", "9000", "9400", "7000", "7800", "550", "530", "12000", "4800", "5"],
            ["100", "30", "10000", "10500", "8000", "8600", "600", "580", "14400", "5760", "5"],
        ];
        string[] keys = ["employees", "techStaff", "sales", "income", "hiTechIncome", "costs", "rd", "rdDomestic", "assets", "liabilities", "results"];
        for (var k = 0; k < 3; k++)
            for (var f = 0; f < keys.Length; f++) form.Year(2021 + k).Set(keys[f], years[k][f]);
        return form;
    }

    private static string TierText(IRenderedComponent<SelfCheck> cut, string tier) =>
        cut.FindAll("li.list-group-item").Single(li => li.TextContent.Contains(tier)).TextContent;

    [Fact]
    public void EachStepAsksItsOwnQuestionsAndGoingBackLosesNothing()
    {
        var cut = _ctx.Render<SelfCheck>(p => p.Add(x => x.Form, new SelfCheck.SelfCheckForm(AsOf)));
        var steps = () => cut.FindAll("nav ol button");
        Assert.Equal(7, steps().Count);
        Assert.NotNull(cut.Find("#registeredOn"));

        steps()[1].Click();
        Assert.Equal(4, cut.FindAll("fieldset legend").Count(l => l.TextContent.Contains("年度")));
        Assert.Contains("基期", cut.Find("fieldset legend").TextContent);
        Assert.NotNull(cut.Find("#y2023-employees"));
        cut.Find("#y2023-employees").Change("120");
        cut.Find("button.btn-outline-secondary.btn-sm").Click(); // add a financing round
        Assert.NotNull(cut.Find("#fin0-amount"));

        steps()[2].Click();
        Assert.NotNull(cut.Find("#class1"));
        Assert.NotNull(cut.Find("#ownRd-yes"));
        Assert.NotNull(cut.Find("#y2021-results"));

        steps()[3].Click();
        Assert.NotNull(cut.Find("#advancement"));
        Assert.Contains("A 国际领先（7–8 分）", cut.Find("#advancement").TextContent);
        Assert.NotNull(cut.Find("#rdRules-yes"));
        // The points the page states are the law's, read from its parameter file (Parameters/hnte), not written in the page.
        var hnte = JxEnterpriseLadder.Rules.Engine.ParameterStore.Default.InForce("hnte", DateOnly.FromDateTime(DateTime.Today))!;
        Assert.Contains($"（未评，按 0–{(int)hnte.Map("expertGradeMaxPoints")["A"]} 分计）", cut.Find("#advancement").TextContent);
        Assert.Contains($"研究开发组织管理水平（满分 {hnte.Integer("rdManagementMaxPoints")} 分）", cut.Markup);
        Assert.Contains($"编制了研发费用辅助账（{(int)hnte.Map("rdManagementItemPoints")["rdRulesAndAccounts"]} 分）", cut.Markup);

        steps()[4].Click();
        Assert.NotNull(cut.Find("#sizeIndustry"));
        Assert.NotNull(cut.Find("#chainRole"));
        cut.Find("#sizeIndustry").Change("industry");

        steps()[5].Click();
        Assert.NotNull(cut.Find("#hasIp-yes"));
        Assert.Empty(cut.FindAll("#ip0-count")); // rows open once the firm says it holds IP
        cut.Find("#hasIp-yes").Change(true);
        Assert.NotNull(cut.Find("#ip0-count"));

        steps()[6].Click();
        Assert.Equal(TierIds.All.Count, cut.FindAll("details").Count);

        steps()[4].Click();
        Assert.Equal("industry", cut.Find("#sizeIndustry").GetAttribute("value"));

        steps()[1].Click();
        Assert.Equal("120", cut.Find("#y2023-employees").GetAttribute("value"));
        Assert.NotNull(cut.Find("#fin0-amount"));
    }

    [Fact]
    public void AnEmptyFormAsksForTheNextInputInsteadOfFailing()
    {
        var cut = _ctx.Render<SelfCheck>(p => p.Add(x => x.Form, new SelfCheck.SelfCheckForm(AsOf)));
        cut.FindAll("nav ol button")[ResultStep].Click();
        var techSme = cut.FindAll("details")[0];
        Assert.Contains("待补充", techSme.TextContent);
        Assert.Contains("还需要", techSme.TextContent);
        Assert.Contains("2023年 职工总数", techSme.TextContent); // the data dictionary's Chinese name, not the field path
    }

    [Fact]
    public void ImpossibleNumbersAreRefusedAtTheFieldAndNothingIsComputed()
    {
        var form = Filled();
        form.Year(2023).Set("employees", "-5");
        var cut = _ctx.Render<SelfCheck>(p => p.Add(x => x.Form, form));
        // −5 employees: one error (not repeated as "fewer than the tech staff"), named with its year and field.
        Assert.Contains("有 1 处填写有误", cut.Find("div.alert-danger").TextContent);
        Assert.Contains("2023 年 职工总数（人）：不能为负数", cut.Find("div.alert-danger").TextContent);
        Assert.DoesNotContain("must not be negative", cut.Find("div.alert-danger").TextContent);
        Assert.Empty(cut.FindAll("li.list-group-item")); // no result from an invalid form
        cut.FindAll("nav ol button")[1].Click();
        Assert.Contains("is-invalid", cut.Find("#y2023-employees").ClassList);
        Assert.Contains("不能为负数", cut.Find("#y2023-employees-error").TextContent);

        // Tech staff above employees, letters in a number, a registration in the future: each named at its field.
        cut.Find("#y2023-employees").Change("60");
        cut.Find("#y2023-techStaff").Change("100");
        Assert.Contains("科技人员 100 人超过职工总数 60 人", cut.Find("#y2023-techStaff-error").TextContent);
        Assert.DoesNotContain("tech staff exceeds", cut.Find("#y2023-techStaff-error").TextContent); // Chinese only in the Chinese page
        cut.Find("#y2023-techStaff").Change("12");
        cut.Find("#y2023-sales").Change("三千");
        Assert.Contains("「三千」不是数字", cut.Find("#y2023-sales-error").TextContent);
        cut.Find("#y2023-sales").Change("3000");
        cut.FindAll("nav ol button")[0].Click();
        cut.Find("#registeredOn").Change("2030-01-01");
        Assert.Contains("is-invalid", cut.Find("#registeredOn").ClassList);
        cut.Find("#registeredOn").Change("2019-04-01");
        Assert.Empty(cut.FindAll("div.alert-danger"));
        Assert.Equal(TierRows, cut.FindAll("li.list-group-item").Count);
    }

    [Fact]
    public void LawfulButUnlikelyFiguresWarnAndStillCount()
    {
        var form = Filled();
        form.Year(2023).Set("rd", "4000"); // R&D above sales: a young firm may do so
        var cut = _ctx.Render<SelfCheck>(p => p.Add(x => x.Form, form));
        Assert.Empty(cut.FindAll("div.alert-danger"));
        Assert.Equal(TierRows, cut.FindAll("li.list-group-item").Count);
        cut.FindAll("nav ol button")[1].Click();
        Assert.Contains("研发费用高于销售收入", cut.Markup);
    }

    [Fact]
    public void AGapBetweenTwoYearsGivenIsNamed()
    {
        var form = Filled();
        form.Year(2021).Set("sales", "2000");
        var cut = _ctx.Render<SelfCheck>(p => p.Add(x => x.Form, form));
        Assert.Contains("缺少 2022 年数据", cut.Find("div.alert-danger").TextContent);
    }

    [Fact]
    public void AHiTechFirmGetsADefiniteHnteAnswerOnceTheJudgedItemsAreGiven()
    {
        var form = HiTechFirm();
        var cut = _ctx.Render<SelfCheck>(p => p.Add(x => x.Form, form));
        var open = TierText(cut, "高新技术企业");
        Assert.Contains("待补充", open);
        Assert.Contains("41–75分", open); // the judged items open: a range across 71

        cut.FindAll("nav ol button")[3].Click();
        cut.Find("#advancement").Change("A");
        cut.Find("#coreSupport").Change("A");
        foreach (var fact in new[] { "rdRules", "rdUnit", "incentives", "talent" }) cut.Find($"#{fact}-yes").Change(true);
        var given = TierText(cut, "高新技术企业");
        Assert.Contains("符合", given);
        Assert.DoesNotContain("不符合", given);
        Assert.Contains("75分", given); // all given: one figure, above 71
        Assert.DoesNotContain("–", given);

        // Four facts absent: the range falls below 71 at its top, a definite "not met".
        foreach (var fact in new[] { "rdRules", "rdUnit", "incentives", "talent" }) cut.Find($"#{fact}-no").Change(true);
        Assert.Contains("不符合", TierText(cut, "高新技术企业"));
    }

    /// <summary>The hi-tech firm with the second ladder's answers (63号, in force on <see cref="AsOf"/>): its main business
    /// is all its sales and grew 11%, its two Class Ⅰ items are its own and serve the main product.</summary>
    private static SelfCheck.SelfCheckForm SecondLadderFirm()
    {
        var form = HiTechFirm();
        foreach (var (year, revenue) in new[] { (2021, "8000"), (2022, "9000"), (2023, "10000") }) form.Year(year).Set("mainBusinessRevenue", revenue);
        var q = form.Quality;
        q.SizeIndustry = "industry";
        q.StrategicEmerging = true;
        q.HasIpItems = true;
        q.IpGroups.Add(new SecondLadderAnswers.IpGroup { Count = "2", Class = 1, GrantedOn = new DateOnly(2020, 5, 1), RelatedToMainProduct = true, SelfDeveloped = true, HighValue = false });
        q.HasTitles = false;
        return form;
    }

    [Fact]
    public void TheSecondLadderIsAssessedFromItsAnswersAndAsksForWhatItStillNeeds()
    {
        // Nothing of the second ladder answered: its tiers ask for the 300号 industry by its dictionary name.
        var cut = _ctx.Render<SelfCheck>(p => p.Add(x => x.Form, HiTechFirm()));
        Assert.Contains("待补充", TierText(cut, "创新型中小企业"));
        cut.FindAll("nav ol button")[ResultStep].Click();
        var open = cut.FindAll("details").Single(d => d.QuerySelector("summary")!.TextContent.Contains("创新型中小企业")).TextContent;
        Assert.Contains("划型所属行业", open);

        // Answered: IP 15 (own Class Ⅰ), R&D 6% 20, growth 11.1% 15, debt 40% 10, strategic 10, main business 100% 20 = 90.
        var answered = _ctx.Render<SelfCheck>(p => p.Add(x => x.Form, SecondLadderFirm()));
        var innovative = TierText(answered, "创新型中小企业");
        Assert.Contains("符合 · 90分", innovative);
        Assert.DoesNotContain("不符合", innovative);
        Assert.Equal("优质中小企业梯度最高可达：创新型中小企业", answered.FindAll("p").Single(p => p.TextContent.StartsWith("优质中小企业梯度", StringComparison.Ordinal)).TextContent.Trim());
        // The firm says it has no IP: the IP item scores 0 and the score falls to 75, still met.
        answered.FindAll("nav ol button")[5].Click();
        answered.Find("#hasIp-no").Change(true);
        Assert.Contains("符合 · 75分", TierText(answered, "创新型中小企业"));
    }

    [Fact]
    public void ImpossibleSecondLadderAnswersAreRefusedAtTheirField()
    {
        var form = SecondLadderFirm();
        form.Quality.MarketSharePercent = "120";
        form.Quality.IpGroups[0].Count = "0";
        form.Quality.HasTitles = true;
        form.Quality.Titles.Add(new SecondLadderAnswers.TitleRow { Title = TierIds.InnovativeSme, IssuedOn = new DateOnly(2023, 7, 1), ExpiresOn = new DateOnly(2023, 1, 1) });
        form.Financing.Add(new SelfCheck.RoundInput { Date = new DateOnly(2023, 3, 1), Amount = "1000", PaidIn = "1200" });
        form.Year(2023).Set("developmentScore", "120");
        var cut = _ctx.Render<SelfCheck>(p => p.Add(x => x.Form, form));
        var alert = cut.Find("div.alert-danger").TextContent;
        Assert.Contains("有 5 处填写有误", alert);
        Assert.Contains("主导产品与管理 · 全国细分市场占有率：应在 0 到 100 之间", alert);
        Assert.Contains("知识产权明细与荣誉 · 知识产权第 1 行：项数应在 1 到 999 之间", alert);
        Assert.Contains("知识产权明细与荣誉 · 称号第 1 行：有效期止早于发证日期", alert);
        Assert.Contains("近年财务 · 第 1 轮融资：合格投资者实缴额高于本轮融资金额", alert);
        Assert.Contains("近年财务 · 2023 年 优质中小企业评价得分", alert);
        Assert.DoesNotContain("(", alert); // the Chinese half of each message only
        Assert.Empty(cut.FindAll("li.list-group-item"));

        cut.FindAll("nav ol button")[4].Click();
        Assert.Contains("is-invalid", cut.Find("#marketShare").ClassList);
        cut.Find("#marketShare").Change("12");
        cut.FindAll("nav ol button")[5].Click();
        Assert.Contains("is-invalid", cut.Find("#title0-expiresOn").ClassList);
        cut.Find("#ip0-count").Change("2");
        cut.Find("#title0-expiresOn").Change("2026-06-30");
        cut.FindAll("nav ol button")[1].Click();
        cut.Find("#fin0-paidIn").Change("800");
        cut.Find("#y2023-developmentScore").Change("");
        Assert.Empty(cut.FindAll("div.alert-danger"));
        Assert.Equal(TierRows, cut.FindAll("li.list-group-item").Count);
    }

    [Fact]
    public void AShortfallShowsTheGapAndWhatIfLiftsIt()
    {
        // Staff 20% → 12, R&D 100/3000 = 3.33% → 20, two Class Ⅱ → 12: 44 points, below 60.
        var cut = _ctx.Render<SelfCheck>(p => p.Add(x => x.Form, Filled()));
        cut.FindAll("nav ol button")[ResultStep].Click();
        var techSme = cut.FindAll("details")[0].TextContent;
        Assert.Contains("不符合 · 44分", techSme);
        Assert.Contains("研发费用需 ≥", techSme);

        // What-if: R&D +100% → 200/3000 = 6.67% → 50 points: 74.
        cut.Find("#whatIfRd").Input("100");
        Assert.Contains("符合 · 74分", cut.FindAll("details")[0].TextContent);
    }

    [Fact]
    public void WhatIfMovesDomesticRdWithRdSoNoFalseErrorAppears()
    {
        var form = Filled();
        form.Year(2023).Set("rdDomestic", "100"); // all R&D in China
        var cut = _ctx.Render<SelfCheck>(p => p.Add(x => x.Form, form));
        cut.FindAll("nav ol button")[ResultStep].Click();
        cut.Find("#whatIfRd").Input("-50");
        Assert.Empty(cut.FindAll("div.alert-danger"));
        Assert.Equal(TierIds.All.Count, cut.FindAll("details").Count);
    }

    [Fact]
    public void AFirmThatQualifiesByScoreSeesTheDirectRoutesAsUnusedNotFailed()
    {
        var form = Filled();
        form.Year(2023).Set("rd", "200");
        var cut = _ctx.Render<SelfCheck>(p => p.Add(x => x.Form, form));
        cut.FindAll("nav ol button")[ResultStep].Click();
        var techSme = cut.FindAll("details")[0];
        Assert.Contains("符合 · 74分", techSme.TextContent);
        var direct = techSme.QuerySelectorAll("tr").Where(r => r.TextContent.Contains("近五年内") || r.TextContent.Contains("研发机构") || r.TextContent.Contains("资格证书")).ToList();
        Assert.NotEmpty(direct);
        Assert.All(direct, r => Assert.Contains("未使用（已按评分符合）", r.TextContent));
        Assert.All(direct, r => Assert.DoesNotContain("✘", r.TextContent));
    }
}
