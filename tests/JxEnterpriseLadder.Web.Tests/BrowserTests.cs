using JxEnterpriseLadder.Domain;
using System.Text.RegularExpressions;
using JxEnterpriseLadder.Data;
using JxEnterpriseLadder.Domain.Access;
using JxEnterpriseLadder.Services;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MiniExcelLibs;

namespace JxEnterpriseLadder.Web.Tests;

/// <summary>Debian's chromium driven by Playwright: installed by scripts/test.sh, never downloaded at run time.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string Chromium = "/usr/bin/chromium";
    private IPlaywright? _playwright;
    public IBrowser Browser { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: apt-get install chromium fonts-noto-cjk (scripts/test.sh does)");
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium, Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    public async Task DisposeAsync()
    {
        await Browser.CloseAsync();
        _playwright?.Dispose();
    }

    /// <summary>A new browser context signed in as a demo user, on a page that is interactive.</summary>
    public async Task<IPage> SignedIn(AppFixture app, string user, int width = 1280, int height = 800)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.BaseAddress.ToString(), ViewportSize = new ViewportSize { Width = width, Height = height }, Locale = "zh-CN", AcceptDownloads = true,
        });
        context.SetDefaultTimeout(20_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/login");
        await page.GetByLabel("用户名").FillAsync(user);
        await page.GetByLabel("密码").FillAsync(DemoAccounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await page.WaitForURLAsync(u => !u.Contains("/login"));
        await Interactive(page);
        return page;
    }

    /// <summary>Waits until the page is interactive (the layout marks the body), so clicks reach the server.</summary>
    public static async Task Interactive(IPage page) => await page.WaitForSelectorAsync("body[data-interactive='1']", new() { State = WaitForSelectorState.Attached });

    /// <summary>
    /// Chooses files in a file input once the framework has wired it: a page reached by a link renders its file
    /// input before the input's change listener is attached, and files chosen in between are never seen by the
    /// server. The framework marks a wired input with <c>_blazorInputFileNextFileId</c>.
    /// </summary>
    public static async Task ChooseFiles(IPage page, string selector, params string[] files)
    {
        await page.WaitForFunctionAsync("s => document.querySelector(s)?._blazorInputFileNextFileId !== undefined", selector);
        await page.Locator(selector).SetInputFilesAsync(files);
    }
}

/// <summary>Each role's main path in a real browser against the app on a real port with a real database.</summary>
[Collection("app")]
public sealed class BrowserTests(AppFixture app, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private Task<IPage> SignedIn(string user, int width = 1280, int height = 800) => browser.SignedIn(app, user, width, height);

    /// <summary>Clicks an export link, saves what the browser downloads and reads it back as rows under their headers.</summary>
    private static async Task<List<IDictionary<string, object>>> Download(IPage page, string link)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = link }).ClickAsync());
        var file = Path.Combine(Path.GetTempPath(), "jxladder-web-tests", Guid.NewGuid().ToString("N") + ".xlsx");
        await download.SaveAsAsync(file);
        return MiniExcel.Query(file, useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
    }

    private static Task Blazor(IPage page) => BrowserFixture.Interactive(page);

    [Fact]
    public async Task AnOfficerScreensTheCityAndConfirmsANewlyQualifiedEnterprise()
    {
        var page = await SignedIn("nanchang");
        await page.GetByRole(AriaRole.Link, new() { Name = "筛查复核" }).ClickAsync();
        await Assertions.Expect(page).ToHaveTitleAsync(new Regex("^筛查复核"));
        await page.GetByRole(AriaRole.Button, new() { Name = "筛查南昌市" }).ClickAsync();
        await Assertions.Expect(page.GetByText(new Regex("筛查 \\d{4}-\\d{2}-\\d{2}（南昌市）完成"))).ToBeVisibleAsync(new() { Timeout = 60_000 });

        var rows = page.Locator("#review-queue tbody tr");
        // The table first shows its empty row while its page loads: wait for a row of the queue (an enterprise link).
        await Assertions.Expect(rows.Locator("td a").First).ToBeVisibleAsync(new() { Timeout = 60_000 });
        var name = (await rows.First.Locator("td a").TextContentAsync())!.Trim();
        await rows.First.Locator("input[type=checkbox]").CheckAsync();
        await page.GetByLabel("复核说明（驳回必填）").FillAsync("材料核实无误");
        await page.GetByRole(AriaRole.Button, new() { Name = "确认所选（1）" }).ClickAsync();
        // A batch decision waits for its confirmation.
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog).ToContainTextAsync("将 1 家企业的变化确认为有效");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "确定确认" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "已确认 1 家" })).ToBeVisibleAsync();

        // Recorded with who (by display name), when, why and the parameters, and on the enterprise's history.
        await page.GetByRole(AriaRole.Tab, new() { NameRegex = new Regex("^已确认") }).ClickAsync();
        var decided = page.Locator("#review-queue tbody tr").Filter(new() { HasText = name });
        await Assertions.Expect(decided.GetByText("已确认")).ToBeVisibleAsync();
        await Assertions.Expect(decided).ToContainTextAsync("演示设区市科技部门");
        await Assertions.Expect(decided).ToContainTextAsync("材料核实无误");
        await decided.Locator("td a").ClickAsync();
        await Assertions.Expect(page.Locator("ol[aria-labelledby=history]")).ToContainTextAsync("复核确认");

        // And in the counts on the dashboard.
        await page.GetByRole(AriaRole.Link, new() { Name = "概览" }).ClickAsync();
        var techSme = page.Locator("table[aria-labelledby=screening] tbody tr").Filter(new() { HasText = "科技型中小企业" });
        await Assertions.Expect(techSme.Locator("td").Nth(2)).ToHaveTextAsync(new Regex("^[1-9]\\d*$"));
    }

    [Fact]
    public async Task AParkManagerOpensTheCandidateListAndExportsIt()
    {
        var page = await SignedIn("park");
        await page.GetByRole(AriaRole.Link, new() { Name = "候选名单" }).ClickAsync();
        await page.GetByLabel("晋级类别").SelectOptionAsync("tech-sme-entry");
        var expected = app.Factory.Services.GetRequiredService<CandidateLists>()
            .For(new AccessScope(Roles.ParkManager, ParkCode: DemoAccounts.DemoPark), new CandidateLists.Query(JxEnterpriseLadder.Prediction.Transition.TechSmeEntry));
        Assert.NotEmpty(expected);
        await Assertions.Expect(page.GetByText($"共列出 {expected.Count} 家")).ToBeVisibleAsync();
        var rows = page.Locator(".table-container tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(Math.Min(expected.Count, 25)); // 25 a page
        var shown = expected.Count;
        Assert.Empty(await page.Locator("#park").AllAsync()); // a park manager has no choice of park

        var exported = await Download(page, "导出 Excel");
        Assert.Equal(shown, exported.Count);
        Assert.All(exported, r => Assert.Equal("南昌高新技术产业开发区", r["园区"]));
        Assert.All(exported, r => Assert.Equal("入库科技型中小企业", r["晋级类别"]));
        var probabilities = exported.Select(r => Convert.ToDouble(r["下一年晋级概率"], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(probabilities.OrderDescending(), probabilities);
    }

    [Fact]
    public async Task AnEnterpriseSelfCheckOpensFilledFromItsRecordShowsAGapAndSaves()
    {
        var page = await SignedIn("enterprise");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/enterprises/[0-9A-Z]{18}$")); // its own record, not a dashboard
        await Assertions.Expect(page.Locator("#held-and-eligible")).ToContainTextAsync("两者可以不同");
        // Every column of the yearly filings is in view at a laptop's width, none hidden behind a scroll.
        Assert.True(await page.Locator("table[aria-label=年度申报]").EvaluateAsync<bool>("t => t.scrollWidth <= t.parentElement.clientWidth + 1"),
            "the yearly filings table is wider than its place on the page");
        await page.GetByRole(AriaRole.Link, new() { Name = "企业自查" }).ClickAsync();
        // The form opens filled in from the firm's own record, without a click.
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "用本企业登记数据填写" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "下一步" }).ClickAsync();
        await Assertions.Expect(page.Locator($"#y{DateTime.Today.Year - 1}-employees")).Not.ToHaveValueAsync("");
        // Somewhere up the ladder it falls short: the gap says by how much.
        await page.GetByRole(AriaRole.Button, new() { Name = "7. 结果" }).ClickAsync();
        await Assertions.Expect(page.Locator("p.gap").First).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "保存到本企业记录" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "已保存" })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "本企业" }).ClickAsync();
        await Assertions.Expect(page.GetByText("企业保存的自查")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task AFirmTypedByHandGetsADefiniteHnteAnswerAndImpossibleNumbersAreRefusedAtTheField()
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseAddress.ToString(), Locale = "zh-CN", ViewportSize = new ViewportSize { Width = 390, Height = 844 } });
        context.SetDefaultTimeout(20_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/self-check");
        await Blazor(page);
        var latest = DateTime.Today.Year - 1;

        await page.Locator("#registeredOn").FillAsync("2015-03-01");
        await page.Locator("#industry").SelectOptionAsync("new-materials");
        await page.Locator("#field").SelectOptionAsync("new-materials");
        await page.Locator("#clean").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "下一步" }).ClickAsync();

        // −5 employees, and tech staff above employees: each named at its field, and no result.
        await page.Locator($"#y{latest}-employees").FillAsync("-5");
        await page.Locator($"#y{latest}-techStaff").FillAsync("30");
        await page.Locator($"#y{latest}-sales").FocusAsync();
        await Assertions.Expect(page.Locator($"#y{latest}-employees-error")).ToContainTextAsync("不能为负数");
        await page.Locator($"#y{latest}-employees").FillAsync("20");
        await page.Locator($"#y{latest}-sales").FocusAsync();
        await Assertions.Expect(page.Locator($"#y{latest}-techStaff-error")).ToContainTextAsync("科技人员 30 人超过职工总数 20 人");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "更正后再计算结果" })).ToBeVisibleAsync();

        // The last column is the second ladder's main-business revenue: all of the firm's sales.
        string[] keys = ["employees", "techStaff", "sales", "income", "hiTechIncome", "costs", "rd", "rdDomestic", "assets", "liabilities", "mainBusinessRevenue"];
        string[][] years =
        [
            ["90", "25", "8000", "8400", "6000", "7000", "500", "480", "10000", "4000", "8000"],
            ["95", "28", "9000", "9400", "7000", "7800", "550", "530", "12000", "4800", "9000"],
            ["100", "30", "10000", "10500", "8000", "8600", "600", "580", "14400", "5760", "10000"],
        ];
        for (var k = 0; k < 3; k++)
            for (var f = 0; f < keys.Length; f++)
                await page.Locator($"#y{latest - 2 + k}-{keys[f]}").FillAsync(years[k][f]);
        await page.Locator($"#y{latest}-mainBusinessRevenue").PressAsync("Tab");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "更正后再计算结果" })).Not.ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "下一步" }).ClickAsync();
        await page.Locator("#class1").FillAsync("2");
        await page.Locator("#class2").FillAsync("6");
        await page.Locator("label[for=ownRd-yes]").ClickAsync();
        for (var year = latest - 2; year <= latest; year++) await page.Locator($"#y{year}-results").FillAsync("5");
        await page.Locator($"#y{latest}-results").PressAsync("Tab");
        var hnte = page.Locator("li.list-group-item").Filter(new() { HasText = "高新技术企业" });
        await Assertions.Expect(hnte).ToContainTextAsync("待补充");

        await page.GetByRole(AriaRole.Button, new() { Name = "下一步" }).ClickAsync();
        await page.Locator("#advancement").SelectOptionAsync("A");
        await page.Locator("#coreSupport").SelectOptionAsync("A");
        foreach (var fact in new[] { "rdRules", "rdUnit", "incentives", "talent" }) await page.Locator($"label[for={fact}-yes]").ClickAsync();
        await Assertions.Expect(hnte).ToContainTextAsync("符合 · 75分");
        // Nothing wider than the phone.
        var wide = await page.EvaluateAsync<string>("() => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > innerWidth + 1).slice(0, 5).map(e => e.tagName + '.' + e.className).join(' | ')");
        Assert.True(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth") <= 0, "wider than the phone: " + wide);

        // The second ladder: the 300号 industry and a row of IP items; a row on a phone stays within its width.
        await page.GetByRole(AriaRole.Button, new() { Name = "下一步" }).ClickAsync();
        await page.Locator("#sizeIndustry").SelectOptionAsync("industry");
        await page.Locator("label[for=strategicEmerging-yes]").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "下一步" }).ClickAsync();
        await page.Locator("label[for=hasIp-yes]").ClickAsync();
        await page.Locator("#ip0-count").FillAsync("2");
        await page.Locator("#ip0-related").SelectOptionAsync("yes");
        await page.Locator("#ip0-own").SelectOptionAsync("yes");
        await page.Locator("#ip0-highValue").SelectOptionAsync("no");
        await page.Locator("label[for=hasTitles-no]").ClickAsync();
        // IP 15 (own Class Ⅰ), R&D 6% 20, growth 11.1% 15, debt 40% 10, strategic 10, main business 100% 20.
        await Assertions.Expect(page.Locator("li.list-group-item").Filter(new() { HasText = "创新型中小企业" })).ToContainTextAsync("符合 · 90分");
        Assert.True(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth") <= 0, "the IP row is wider than the phone");

        // The printed result: one A4 page per tier.
        await page.GetByRole(AriaRole.Button, new() { Name = "下一步" }).ClickAsync();
        await Assertions.Expect(page.Locator("details")).ToHaveCountAsync(TierIds.All.Count);
        var bytes = await page.PdfAsync(new PagePdfOptions { Format = "A4" });
        await File.WriteAllBytesAsync(Path.Combine(Path.GetTempPath(), "jxladder-self-check-result.pdf"), bytes); // to look at when it fails
        var pdf = System.Text.Encoding.Latin1.GetString(bytes);
        Assert.Equal(TierIds.All.Count, Regex.Matches(pdf, @"/Type\s*/Page[^s]").Count);
        await context.CloseAsync();
    }

    [Theory]
    [InlineData("park", "/candidates?rung=tech-sme-entry")] // the 300-firm demo's park has tech-SME candidates; HNTE ones vary with the seed
    [InlineData("nanchang", "/review")]
    [InlineData("nanchang", "/enterprises")]
    public async Task OnAPhoneEachListIsACardListNothingCutOrOneCharacterWide(string user, string path)
    {
        var page = await SignedIn(user, 390, 844);
        await page.GotoAsync(path);
        await Blazor(page);
        // The library's table turns each row into a card below 768 px: no table, no header row.
        var row = page.Locator(".table-container .table-row").First;
        await Assertions.Expect(row).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".table-container table tbody tr")).ToHaveCountAsync(0);
        // Every cell as wide as its card, not a sliver.
        var narrowest = await page.EvaluateAsync<double>("() => Math.min(...[...document.querySelector('.table-container .table-row').querySelectorAll('.table-cell')].map(c => c.getBoundingClientRect().width))");
        Assert.True(narrowest > 200, $"a cell {narrowest:F0}px wide");
        Assert.True(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth") <= 0);
    }

    [Fact]
    public async Task TheReviewQueuePagesFiltersAndSortsOnTheServer()
    {
        var page = await SignedIn("province");
        await page.GotoAsync("/review");
        await Blazor(page);
        var rows = page.Locator("#review-queue tbody tr");
        var info = page.Locator("#review-queue .table-page-info .me-2");
        // "共 0 条" until the first page has loaded: wait for the loaded count.
        await Assertions.Expect(info).ToHaveTextAsync(new Regex(@"共 [1-9][\d,]* 条"));
        var total = await info.TextContentAsync();
        var count = int.Parse(Regex.Match(total!, @"共 ([\d,]+) 条").Groups[1].Value, System.Globalization.NumberStyles.AllowThousands, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(count > 25, $"{count} pending: too few to page");
        await Assertions.Expect(rows).ToHaveCountAsync(25);
        await Assertions.Expect(info).ToHaveTextAsync($"第 1–25 条 · 共 {count:N0} 条");
        var current = page.Locator("#review-queue .pagination .page-item.active");
        await Assertions.Expect(current).ToHaveTextAsync("1");
        var first = await rows.First.Locator("td a").TextContentAsync();
        // Pages turn from the keyboard too.
        await page.GetByRole(AriaRole.Button, new() { Name = "下一页" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(current).ToHaveTextAsync("2");
        await Assertions.Expect(info).ToHaveTextAsync($"第 26–50 条 · 共 {count:N0} 条");
        Assert.NotEqual(first, await rows.First.Locator("td a").TextContentAsync());

        // A city filter narrows the queue; every row shown is of that city.
        await page.Locator("#filterCity").SelectOptionAsync("ganzhou");
        await page.GetByRole(AriaRole.Button, new() { Name = "查询", Exact = true }).ClickAsync();
        await Assertions.Expect(info).Not.ToHaveTextAsync(total!);
        await Assertions.Expect(info).ToContainTextAsync("第 1–");
        var cities = await page.Locator("#review-queue tbody tr td:nth-child(3)").AllTextContentsAsync();
        Assert.NotEmpty(cities);
        Assert.All(cities, c => Assert.Equal("赣州市", c.Trim()));
        await page.GetByRole(AriaRole.Button, new() { Name = "重置", Exact = true }).ClickAsync();
        await Assertions.Expect(info).ToHaveTextAsync(total!);

        // Compared with an earlier screening of the officer's choosing: the line above the queue says which, and the
        // queue is the changes since that one (the demo screened the whole province at each date).
        await Assertions.Expect(page.GetByText(new Regex("^每家企业与其上一次筛查相比"))).ToBeVisibleAsync();
        var earlier = (await page.Locator("#baseline option").AllTextContentsAsync())[2];
        await page.Locator("#baseline").SelectOptionAsync(earlier);
        await Assertions.Expect(page.GetByText($"与 {earlier} 的筛查相比", new() { Exact = false })).ToBeVisibleAsync();
        await Assertions.Expect(info).Not.ToHaveTextAsync(total!);
    }

    [Fact]
    public async Task AParkManagerTypingAnotherParksEnterpriseUrlGetsTheForbiddenPage()
    {
        var other = app.Factory.Services.GetRequiredService<DirectoryRepository>()
            .Search(AccessScope.Province, new DirectoryRepository.Filter(City: "ganzhou"), DirectoryRepository.SortBy.CreditCode, false, 0, 1).Rows.Single().CreditCode;
        var page = await SignedIn("park");
        var response = await page.GotoAsync("/enterprises/" + other);
        Assert.Equal(403, response!.Status);
        await Blazor(page);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "无权访问（403）" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("body")).Not.ToContainTextAsync("各层级评价");
    }

    [Fact]
    public async Task TheLanguageSwitchTurnsThePageToEnglishAndBack()
    {
        var page = await SignedIn("province");
        await page.GetByRole(AriaRole.Link, new() { Name = "English" }).ClickAsync();
        await Assertions.Expect(page).ToHaveTitleAsync(new Regex("^Overview"));
        await Blazor(page);
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Candidates" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#counting-rule")).ToContainTextAsync("Counting rule");
        await page.GetByRole(AriaRole.Link, new() { Name = "中文" }).ClickAsync();
        await Assertions.Expect(page).ToHaveTitleAsync(new Regex("^概览"));
    }

    [Fact]
    public async Task TheDashboardDrawsItsChartsWithTheirNumbersAndFitsAPhone()
    {
        var page = await SignedIn("province", 390, 844);
        await Assertions.Expect(page.Locator("canvas").First).ToBeVisibleAsync();
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('canvas')].every(c => c._jxChart)");
        Assert.True(await page.Locator("table[aria-label=历年认定数] tbody tr").CountAsync() > 1);
        // Nothing wider than the phone: wide tables scroll inside their own box.
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"the page is {overflow}px wider than the phone");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "展开或收起菜单" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task AnOfficerSearchesFiltersSortsAndExportsTheEnterpriseList()
    {
        var page = await SignedIn("province");
        await page.GetByRole(AriaRole.Link, new() { Name = "企业查询" }).ClickAsync();
        var count = page.Locator("#search-count"); // the search's own count: exact up to 100,000, then "以上"
        await Assertions.Expect(count).ToHaveTextAsync("第 1–25 条 · 共 300 条");
        // It stands in for the table's own count, which is not shown beside it.
        await Assertions.Expect(page.Locator(".table-page-info > .me-2")).ToBeHiddenAsync();
        Assert.Single(Regex.Matches(await page.Locator(".table-page-info").InnerTextAsync(), "共"));
        await page.Locator("#city").SelectOptionAsync("nanchang");
        await page.GetByRole(AriaRole.Button, new() { Name = "查询", Exact = true }).ClickAsync();
        var inCity = app.Factory.Services.GetRequiredService<DirectoryRepository>()
            .Search(AccessScope.Province, new DirectoryRepository.Filter(City: "nanchang"), DirectoryRepository.SortBy.CreditCode, false, 0, 1).Total;
        await Assertions.Expect(count).ToContainTextAsync($"共 {inCity:N0} 条");
        await page.GetByRole(AriaRole.Button, new() { Name = "按“企业”排序" }).ClickAsync(); // sort by name
        // The export link follows the sort once the page has applied it: only then is it the list the officer sees.
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "导出当前筛选（Excel）" })).ToHaveAttributeAsync("href", new Regex("sort=Name"));
        var rows = await Download(page, "导出当前筛选（Excel）");
        Assert.Equal(inCity, rows.Count);
        Assert.All(rows, r => Assert.Equal("南昌市", r["设区市"]));
        var names = rows.Select(r => (string)r["企业名称"]).ToList();
        Assert.Equal(names.Order(StringComparer.Ordinal), names);
    }
}
