using System.Net;
using System.Text.RegularExpressions;
using Bunit;
using JxEnterpriseLadder.Prediction;
using JxEnterpriseLadder.Web.Components.Shared;
using Microsoft.Extensions.DependencyInjection;
using JxEnterpriseLadder.Rules;

namespace JxEnterpriseLadder.Web.Tests;

/// <summary>Predictions in the product: the demo registry is scored with the shipped models on first start, and the
/// candidate list, the enterprise page and the dashboard show them.</summary>
[Collection("app")]
public sealed partial class PredictionPagesTests(AppFixture app, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task TheCandidateListRanksByProbabilityAndLinksToEnterprises()
    {
        // The list is a table the browser fills once the page is live: read it there.
        var page = await browser.SignedIn(app, "province");
        await page.GotoAsync("/candidates?rung=tech-sme-entry");
        await BrowserFixture.Interactive(page);
        await Microsoft.Playwright.Assertions.Expect(page.Locator(".table-container tbody tr").First).ToBeVisibleAsync();
        var html = WebUtility.HtmlDecode(await page.ContentAsync());
        await page.Context.CloseAsync();
        Assert.Contains("<title>候选名单", html);
        // The shipped tech-SME model learnt from the 40,000-firm demo, not this one: refused, and the page says so.
        Assert.Contains("该级的预测模型是用另一登记库", html);
        Assert.Contains("预测 2026 年", html);
        var probabilities = Percent().Matches(html).Select(m => double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.NotEmpty(probabilities);
        Assert.Equal(probabilities.OrderDescending(), probabilities);
        Assert.Matches("enterprises/9[0-9A-Z]{17}", html);
    }

    [Fact]
    public async Task TheEnterprisePageShowsItsPredictionAndTheAssessmentOfEveryTier()
    {
        var code = app.Factory.Services.GetRequiredService<JxEnterpriseLadder.Services.CandidateLists>()
            .For(JxEnterpriseLadder.Domain.Access.AccessScope.Province, new JxEnterpriseLadder.Services.CandidateLists.Query(Transition.HnteEntry))[0].Candidate.CreditCode;
        var html = await Page("/enterprises/" + code);
        Assert.Contains(code, html);
        Assert.Contains("下一年晋级预测", html);
        Assert.Contains("认定高新技术企业（2026）", html);
        Assert.Matches(Percent(), html);
        // The shipped HNTE model learnt from the 40,000-firm demo province, not this 300-firm one: the rules stand in.
        Assert.Contains("按规则基准估计（该级未采用预测模型）", html);
        Assert.DoesNotContain("主要影响因素", html);
        foreach (var tier in new[] { "科技型中小企业", "高新技术企业", "瞪羚企业", "潜在瞪羚企业", "独角兽企业", "潜在独角兽企业", "种子独角兽企业" })
            Assert.Contains(tier, html);

        var missing = await Page("/enterprises/913600000000000000");
        Assert.Contains("未找到企业", missing);
    }

    [Fact]
    public async Task AModelOfAnotherRegistryIsRefusedAndAnAdministratorRetrainsOnThisOne()
    {
        var models = Path.Combine(Path.GetTempPath(), "jxladder-web-tests", Guid.NewGuid().ToString("N"), "models");
        using var own = AppFixture.Own(1500, models);
        var refused = await (await own.As("province")).GetAsync("/models");
        Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);

        var page = await browser.SignedIn(own, "admin");
        await page.GotoAsync("/candidates?rung=hnte-entry");
        await BrowserFixture.Interactive(page);
        var note = await page.Locator("main p.text-muted").First.InnerTextAsync();
        Assert.Contains("该级的预测模型是用另一登记库（演示省份（种子 20210701，40,000 家企业", note);
        Assert.Contains("本登记库不采用", note);
        Assert.Contains("可在“预测模型”页用本登记库重新训练", note);

        await page.GotoAsync("/models");
        await BrowserFixture.Interactive(page);
        var before = await page.Locator("main").InnerTextAsync();
        Assert.Contains("演示省份（种子 20210701，1,500 家企业", before);
        Assert.Contains("当前使用随系统发布的模型", before);
        Assert.Contains("规则基准（模型训练自另一登记库，不采用）", before);
        Assert.False(File.Exists(Path.Combine(models, "hnte-entry.md")));

        await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "开始训练" }).ClickAsync();
        await Microsoft.Playwright.Assertions.Expect(page.GetByText("训练完成，已用新模型重新计算下一年的预测。"))
            .ToBeVisibleAsync(new() { Timeout = 300_000 });
        var after = await page.Locator("main").InnerTextAsync();
        await page.Context.CloseAsync();
        Assert.Contains("当前使用本登记库训练的模型", after);
        Assert.DoesNotContain("另一登记库", after);
        var card = File.ReadAllText(Path.Combine(models, "hnte-entry.md"));
        Assert.Contains($"Trained on {DateTime.Today:yyyy-MM-dd} from registry 演示省份（种子 20210701，1,500 家企业", card);
        // The forecast was recomputed from this registry's own files: no stored row names the shipped demo's version.
        var predictions = own.Factory.Services.GetRequiredService<JxEnterpriseLadder.Data.PredictionRepository>();
        var sources = own.Factory.Services.GetRequiredService<JxEnterpriseLadder.Services.PromotionModels>().Sources()!;
        Assert.All(sources, s => Assert.NotEqual(ForecastSource.RulesModelFromAnotherRegistry, s.Source));
        Assert.NotEmpty(predictions.Candidates(Transition.HnteEntry.Id, 2025, null, 10));
    }

    [Fact]
    public async Task ARegistryThatStoredAnotherRegistrysProbabilitiesIsRescoredOnStart()
    {
        // A registry scored before models were bound to their registry: the shipped HNTE model's probabilities stored.
        var path = Path.Combine(Path.GetTempPath(), "jxladder-web-tests", Guid.NewGuid().ToString("N"), "old.db");
        var db = JxEnterpriseLadder.Data.Database.Parse("sqlite:" + path);
        var engine = new JxEnterpriseLadder.Rules.AssessmentEngine();
        JxEnterpriseLadder.Services.Seeding.SeedProvince(db, new JxEnterpriseLadder.Generator.GeneratorOptions { Enterprises = 300 }, engine);
        var predictions = new JxEnterpriseLadder.Data.PredictionRepository(db);
        new JxEnterpriseLadder.Services.PromotionWorkflow(new JxEnterpriseLadder.Data.RegistryRepository(db), engine, new TrainingSettings())
            .Predict(Path.Combine(AppContext.BaseDirectory, "models"), predictions, modelsOfAnyRegistry: true);
        Assert.Contains(predictions.ModelsOf(2025), m => m.Transition == Transition.HnteEntry.Id && !m.Model.StartsWith("rules:", StringComparison.Ordinal));

        using var own = AppFixture.Own(300, databasePath: path);
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (predictions.ModelsOf(2025).Any(m => !m.Model.StartsWith("rules:", StringComparison.Ordinal)) && DateTime.UtcNow < deadline)
            await Task.Delay(500);
        Assert.All(predictions.ModelsOf(2025), m => Assert.StartsWith("rules:", m.Model));
    }

    [Fact]
    public async Task TheDashboardShowsExpectedEntriesBesideTheTargets()
    {
        var html = await Page("/");
        // "May qualify" is explained with the score the law in force asks for (Parameters/hnte: more than 70).
        var above = JxEnterpriseLadder.Rules.Engine.ParameterStore.Default.InForce("hnte", DateOnly.FromDateTime(DateTime.Today))!.Integer("innovationScoreAbove");
        Assert.Contains($"创新能力评分区间跨越 {above + 1} 分", html);
        Assert.Contains("2026 年预计新增", html);
        Assert.Contains("10,000", html);
        Assert.Contains("瞪羚企业（含潜在）", html);
        Assert.Contains("独角兽企业（含潜在、种子）", html);
        Assert.Contains("95% 区间", html);
        // Where each rung's expected entries come from on this 300-firm demo: no shipped model is its own.
        Assert.Contains("预计新增的依据：", html);
        Assert.Contains("认定高新技术企业——规则基准（该级模型训练自另一登记库，未采用）", html);
        Assert.DoesNotContain("本登记库训练的预测模型", html);
    }

    [Fact]
    public void FactorsReadInChineseWithTheirDirection()
    {
        System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo("zh-CN");
        using var ctx = new BunitContext();
        var cut = ctx.Render<FactorList>(p => p.Add(x => x.Factors, new PredictionFactor[]
        {
            new("filing.rdIntensity", 0.062f, 0.8f), new("park:nc-hitech", 1f, 0.2f), new("status.hnteYearsSinceIssue", 0f, -0.5f),
            new("chain:tcm", 0f, -0.1f), new("filing.revenueLog", 16.12f, 0.3f),
        }));
        var items = cut.FindAll("li");
        Assert.Equal(5, items.Count);
        Assert.Contains("研发强度", items[0].TextContent);
        Assert.Contains("（6%）", items[0].TextContent); // a ratio read as a percentage
        Assert.Contains("bi-arrow-up", items[0].InnerHtml);
        Assert.Contains("园区：南昌高新技术产业开发区", items[1].TextContent);
        Assert.DoesNotContain("（是）", items[1].TextContent);
        // A chain the firm is not in is said so, not named with "（否）" after it.
        Assert.Contains("产业链：不属于中医药产业链", items[3].TextContent);
        Assert.DoesNotContain("（否）", items[3].TextContent);
        // An amount modelled by its logarithm is named and shown as the amount.
        Assert.Contains("销售收入（约 1,002 万元）", items[4].TextContent);
        Assert.DoesNotContain("对数", cut.Markup);
        Assert.Contains("距高企发证年数", items[2].TextContent);
        Assert.Contains("（0 年）", items[2].TextContent);
        Assert.Contains("bi-arrow-down", items[2].InnerHtml);
        Assert.Contains("降低晋级可能", items[2].TextContent);

        var none = ctx.Render<FactorList>(p => p.Add(x => x.Factors, Array.Empty<PredictionFactor>()));
        Assert.Contains("按历年差距相近企业的晋级比例", none.Markup);
    }

    [Fact]
    public async Task TrainingOnAProvinceWithTooFewPromotionsLeavesThinRungsToTheRulesNamingTheTransition()
    {
        var db = "sqlite:" + Path.Combine(Path.GetTempPath(), "jxladder-web-tests", Guid.NewGuid().ToString("N"), "tiny.db");
        var (seeded, _, seedErr) = await AssessmentDoorsTests.RunCli($"seed --enterprises 150 --db {db}", "");
        Assert.True(seeded == 0, seedErr);
        var models = Path.Combine(Path.GetTempPath(), "jxladder-web-tests", Guid.NewGuid().ToString("N"));
        var (exit, _, stderr) = await AssessmentDoorsTests.RunCli($"ml train --db {db} --models {models}", "");
        Assert.True(exit == 0, stderr);
        Assert.Matches(@"high-growth-entry \(.+\): only \d+ enterprises entered out of \d+ in the (fitting|validation|test) years.*→ the rules baseline, not shipped", stderr);
        var card = File.ReadAllText(Path.Combine(models, "high-growth-entry.md"));
        Assert.Contains("**Not shipped: too few entries.**", card);
        Assert.False(File.Exists(Path.Combine(models, "high-growth-entry.zip")));
        Assert.All(Transition.All, t => Assert.True(File.Exists(Path.Combine(models, t.Id + ".rules.json")), t.Id));
    }

    /// <summary>The shipped models serve the demo only if they were trained on the demo as the generator now makes it: a new
    /// generator revision without retraining leaves every copy of the demo on the rules baseline (it did, for a session).</summary>
    [Fact]
    public void TheShippedModelsWereTrainedOnTheDemoTheGeneratorNowMakesForEveryRung()
    {
        var shipped = Path.Combine(AppContext.BaseDirectory, "models");
        var training = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(shipped, "training.json"))).RootElement;
        Assert.Equal(JxEnterpriseLadder.Services.Seeding.DemoIdentity(new JxEnterpriseLadder.Generator.GeneratorOptions()).Id, training.GetProperty("RegistryId").GetString());
        Assert.Equal(Transition.All.Select(t => t.Id), training.GetProperty("Rungs").EnumerateArray().Select(r => r.GetProperty("Transition").GetString()));
        Assert.All(Transition.All, t => Assert.True(File.Exists(Path.Combine(shipped, t.Id + ".rules.json")), t.Id));
    }

    [Fact]
    public async Task TheQueryBenchmarkTimesEveryPageQueryOnTheRegistry()
    {
        var json = Path.Combine(Path.GetTempPath(), "jxladder-web-tests", Guid.NewGuid().ToString("N") + ".json");
        // The park with the most HNTE candidates: on a 300-firm demo the demo park may have none.
        var predictions = app.Factory.Services.GetRequiredService<JxEnterpriseLadder.Data.PredictionRepository>();
        var park = predictions.Candidates(Transition.HnteEntry.Id, predictions.LatestBaseYear()!.Value, null, 10_000)
            .Where(c => c.ParkCode is not null).GroupBy(c => c.ParkCode!).OrderByDescending(g => g.Count()).First().Key;
        var (exit, stdout, stderr) = await AssessmentDoorsTests.RunCli($"bench queries --db sqlite:{app.DatabasePath} --runs 3 --park {park} --json {json}", "");
        Assert.True(exit == 0, stderr);
        Assert.Contains("| search: province, sorted by probability, page 1 | 25 |", stdout);
        using var doc = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(json));
        var results = doc.RootElement.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(7, results.Count);
        Assert.All(results, r => Assert.True(r.GetProperty("MedianMs").GetDouble() > 0 && r.GetProperty("P95Ms").GetDouble() >= r.GetProperty("MedianMs").GetDouble()));
        Assert.True(results[0].GetProperty("Rows").GetInt32() > 0, $"the park {park} has candidates");
    }

    [Fact]
    public async Task AnEnterprisesPageSaysWhichJudgedItemsItHoldsAndWhoGaveThem()
    {
        // The demo keeps its simulated HNTE reviews' items, entered by the province officer on the review's day.
        var registry = app.Factory.Services.GetRequiredService<JxEnterpriseLadder.Data.RegistryRepository>();
        var records = registry.StreamAll().ToList();
        var judged = records.First(r => r.Enterprise.HnteJudgedBasis is not null).Enterprise;
        var html = Regex.Replace(await Page($"/enterprises/{judged.CreditCode}"), "<[^>]+>", ""); // the words, not the markup
        Assert.Contains($"高新技术企业评价项：技术先进程度 {judged.HnteTechAdvancement}，核心支持作用 {judged.HnteCoreSupport}，研发组织管理具备", html);
        // The giver by the name people read, not the account's: the demo's province officer.
        var giver = app.Factory.Services.GetRequiredService<JxEnterpriseLadder.Data.UserRepository>().Find(judged.HnteJudgedBy!)!.DisplayName;
        Assert.Contains($"（科技部门录入，{giver}，{judged.HnteJudgedOn:yyyy-MM-dd}）", html);
        Assert.DoesNotContain($"，{judged.HnteJudgedBy}，", html);
        var none = records.First(r => !JxEnterpriseLadder.Domain.Registry.HnteJudgement.Any(r.Enterprise)).Enterprise;
        Assert.Contains("高新技术企业评价项：—", await Page($"/enterprises/{none.CreditCode}"));
    }

    /// <summary>Issue 21: the enterprise page shows the second ladder beside the first, the titles it holds (with validity,
    /// batch and review) and the highest it holds today; every tier of both ladders is assessed on the page.</summary>
    [Fact]
    public async Task AnEnterprisesPageShowsBothLaddersAndItsTitles()
    {
        var registry = app.Factory.Services.GetRequiredService<JxEnterpriseLadder.Data.RegistryRepository>();
        var today = DateOnly.FromDateTime(DateTime.Today);
        var records = registry.StreamAll().ToList();
        var holder = records.First(r => r.QualityTitles.Any(t => t.Title == JxEnterpriseLadder.Domain.TierIds.SpecialisedSme && t.HeldOn(today)));
        var html = Regex.Replace(await Page($"/enterprises/{holder.Enterprise.CreditCode}"), "<[^>]+>", "");
        var title = holder.QualityTitles.First(t => t.Title == JxEnterpriseLadder.Domain.TierIds.SpecialisedSme && t.HeldOn(today));
        Assert.Contains($"专精特新中小企业（{title.IssuedOn:yyyy-MM-dd} 至 {title.ExpiresOn:yyyy-MM-dd}", html);
        var held = holder.QualityTitles.Any(t => t.Title == JxEnterpriseLadder.Domain.TierIds.LittleGiant && t.HeldOn(today)) ? "专精特新“小巨人”企业" : "专精特新中小企业";
        Assert.Contains($"优质中小企业梯度 · 持有：{held}", html);
        foreach (var tier in JxEnterpriseLadder.Domain.TierIds.All) Assert.Contains(JxEnterpriseLadder.Services.TierNames.Of(tier), html);
        var none = records.First(r => r.QualityTitles.Count == 0).Enterprise;
        var plain = Regex.Replace(await Page($"/enterprises/{none.CreditCode}"), "<[^>]+>", "");
        Assert.Contains("优质中小企业称号：—", plain);
        Assert.Contains("优质中小企业梯度 · 持有：暂无", plain);
        Assert.Contains("称号年度更新与重大变化报告：无在有效期内的创新型、专精特新、“小巨人”或技术创新示范企业称号，无需年度更新。", plain);
    }

    /// <summary>Issue 21 point 3: a held title's yearly updates (done in time, late or missed, with the deadline of the
    /// year: 31 May from 2026) and major-change reports, and what a missed one costs, in the law's words.</summary>
    [Fact]
    public async Task AnEnterprisesPageShowsItsTitlesUpdatesAndChangeReportsAndWhatAMissedOneCosts()
    {
        var registry = app.Factory.Services.GetRequiredService<JxEnterpriseLadder.Data.RegistryRepository>();
        var laws = new JxEnterpriseLadder.Rules.AssessmentEngine().Laws;
        var today = DateOnly.FromDateTime(DateTime.Today);
        var standings = registry.StreamAll().Select(r => (Record: r, Titles: JxEnterpriseLadder.Rules.Tiers.TitleLifecycle.Standing(laws, r, today)))
            .Where(x => x.Titles.Count > 0).ToList();
        var inTime = standings.First(x => x.Titles.Any(t => !t.ReviewForfeited && t.Updates.Any(u => u.Year == 2026)));
        var html = Regex.Replace(await Page($"/enterprises/{inTime.Record.Enterprise.CreditCode}"), "<[^>]+>", "");
        var update = inTime.Titles.First(t => !t.ReviewForfeited && t.Updates.Any(u => u.Year == 2026)).Updates.Single(u => u.Year == 2026);
        Assert.Equal(new DateOnly(2026, 5, 31), update.Deadline);
        Assert.Contains($"2026 年度更新已于 {update.DoneOn:yyyy-MM-dd} 按期完成", html);

        var lost = standings.First(x => x.Titles.Any(t => t.Updates.Any(u => u.State == JxEnterpriseLadder.Rules.Tiers.ObligationState.Missed)));
        html = Regex.Replace(await Page($"/enterprises/{lost.Record.Enterprise.CreditCode}"), "<[^>]+>", "");
        var missed = lost.Titles.SelectMany(t => t.Updates).First(u => u.State == JxEnterpriseLadder.Rules.Tiers.ObligationState.Missed);
        Assert.Contains($"{missed.Year} 年度更新未按期完成（截止 {missed.Deadline:yyyy-MM-dd}）", html);
        Assert.Contains("未按期更新数据的，有效期届满时不予复核", html);

        var changed = standings.First(x => x.Titles.Any(t => t.Changes.Any(c => c.State == JxEnterpriseLadder.Rules.Tiers.ObligationState.OnTime)));
        html = Regex.Replace(await Page($"/enterprises/{changed.Record.Enterprise.CreditCode}"), "<[^>]+>", "");
        var change = changed.Titles.SelectMany(t => t.Changes).First(c => c.State == JxEnterpriseLadder.Rules.Tiers.ObligationState.OnTime);
        var term = JxEnterpriseLadder.Domain.QualityVocabulary.MajorChanges.Single(t => t.Id == change.Change).Zh;
        Assert.Contains($"重大变化：{change.ChangedOn:yyyy-MM-dd} {term}，已于 {change.ReportedOn:yyyy-MM-dd} 按期报告。", html);
    }

    /// <summary>The page as a reader sees it: server rendering writes Chinese in expressions as character references.</summary>
    private async Task<string> Page(string url) => WebUtility.HtmlDecode(await (await app.As("province")).GetStringAsync(url));

    [GeneratedRegex(@">(\d+\.\d) %<")]
    private static partial Regex Percent();
}
