using System.Net;
using System.Text.RegularExpressions;
using JxEnterpriseLadder.Data;
using JxEnterpriseLadder.Domain.Access;
using JxEnterpriseLadder.Exchange;
using JxEnterpriseLadder.Services;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MiniExcelLibs;

namespace JxEnterpriseLadder.Web.Tests;

/// <summary>
/// Imports, exports and edits in a real browser and over HTTP: an officer downloads an enterprise's record, uploads it
/// changed (hostile text included, shown inert), sees a bad file's problems by row and column; two officers editing
/// the same enterprise, the second refused with what changed; downloads refused across scopes.
/// </summary>
[Collection("app")]
public sealed class ImportBrowserTests(AppFixture app, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private T Service<T>() where T : notnull => app.Factory.Services.GetRequiredService<T>();

    private string InCity(int skip) =>
        Service<DirectoryRepository>().Search(new AccessScope(Roles.CityOfficer, CityCode: DemoAccounts.DemoCity), new DirectoryRepository.Filter(),
            DirectoryRepository.SortBy.CreditCode, false, skip, 1).Rows.Single().CreditCode;

    private Task<IPage> SignedIn(string user) => browser.SignedIn(app, user);

    [Fact]
    public async Task AnOfficerExportsARecordImportsItChangedAndSeesBadRowsNamed()
    {
        var code = InCity(3);
        var page = await SignedIn("nanchang");
        await page.GotoAsync($"/enterprises/{code}");
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "导出完整记录（.xlsx）" }).ClickAsync());
        var file = Path.Combine(Path.GetTempPath(), "jxladder-web-tests", Guid.NewGuid().ToString("N") + ".xlsx");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await download.SaveAsAsync(file);
        Assert.Equal(code, MiniExcel.Query(file, useHeaderRow: true, sheetName: "企业").Cast<IDictionary<string, object>>().Single()["统一社会信用代码"]);

        // Changed: a hostile name, which must come back verbatim and inert.
        const string hostile = "<script>document.title='pwned'</script>测试'); DROP TABLE enterprises;--";
        var record = Service<RegistryRepository>().Get(code)!;
        var changed = Path.ChangeExtension(file, ".changed.xlsx");
        await using (var s = File.Create(changed)) RegistryExport.Workbook([record with { Enterprise = record.Enterprise with { Name = hostile } }], s);
        await page.GetByRole(AriaRole.Link, new() { Name = "导入" }).ClickAsync();
        await BrowserFixture.ChooseFiles(page, "#files", changed);
        await page.GetByRole(AriaRole.Button, new() { Name = "校验并导入" }).ClickAsync();
        await Assertions.Expect(page.Locator("#import-result")).ToContainTextAsync("已导入");
        await Assertions.Expect(page.Locator("#import-result")).ToContainTextAsync("变更 1 家");
        await page.GotoAsync($"/enterprises/{code}");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(hostile);
        // Shown as text: run as a script, it would have made the title 'pwned'.
        await Assertions.Expect(page).ToHaveTitleAsync(new Regex("^" + Regex.Escape(hostile)));
        await Assertions.Expect(page.Locator("table[aria-labelledby=trail] tbody tr").First).ToContainTextAsync("nanchang");
        Assert.Equal(hostile, Service<RegistryRepository>().Get(code)!.Enterprise.Name);

        // A bad file: its problems by sheet, row and column, and a report to download; nothing written.
        var bad = Path.ChangeExtension(file, ".bad.csv");
        var year = record.Filings.Max(f => f.Year);
        await File.WriteAllTextAsync(bad, $"统一社会信用代码,会计年度,职工总数,科技人员数\r\n{code},{year},10,11\r\n{code},{year},10,5\r\n", System.Text.Encoding.UTF8);
        await page.GetByRole(AriaRole.Link, new() { Name = "导入" }).ClickAsync();
        await BrowserFixture.ChooseFiles(page, "#files", bad);
        await page.GetByRole(AriaRole.Button, new() { Name = "校验并导入" }).ClickAsync();
        await Assertions.Expect(page.Locator("#import-result")).ToContainTextAsync("未写入任何数据");
        var problems = page.Locator("table[aria-label=导入问题] tbody tr");
        await Assertions.Expect(problems).ToHaveCountAsync(2);
        await Assertions.Expect(problems.Nth(0)).ToContainTextAsync("超过职工总数");
        await Assertions.Expect(problems.Nth(1)).ToContainTextAsync("文件内重复");
        // The report speaks the page's language: the English half of each message is not shown in Chinese.
        await Assertions.Expect(problems.Nth(0)).Not.ToContainTextAsync("tech staff exceeds employees");
        await Assertions.Expect(problems.Nth(1)).Not.ToContainTextAsync("duplicate row");
        var report = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "下载问题报告（.xlsx）" }).ClickAsync());
        var reportFile = Path.ChangeExtension(file, ".report.xlsx");
        await report.SaveAsAsync(reportFile);
        Assert.Equal([2.0, 3.0], MiniExcel.Query(reportFile, useHeaderRow: true).Cast<IDictionary<string, object>>().Select(r => Convert.ToDouble(r["行 Row"])));
        Assert.Equal(record.Filings.Single(f => f.Year == year), Service<RegistryRepository>().Get(code)!.Filings.Single(f => f.Year == year));
    }

    [Fact]
    public async Task AnImpossibleEditIsRefusedAtItsFieldAndNothingIsSaved()
    {
        var code = InCity(6);
        var before = Service<RegistryRepository>().Get(code)!.Enterprise;
        var page = await SignedIn("nanchang");
        await page.GotoAsync($"/enterprises/{code}/edit");
        await BrowserFixture.Interactive(page);

        // An empty name: refused in the browser, the field marked for a screen reader too.
        await page.GetByLabel("企业名称").FillAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "未保存" })).ToContainTextAsync("请填写企业名称");
        await Assertions.Expect(page.GetByLabel("企业名称")).ToHaveAttributeAsync("aria-invalid", "true");

        // An award in a year still to come: refused by the registry's rules, named in words and at its field.
        await page.GetByLabel("企业名称").FillAsync(before.Name);
        await page.GetByLabel("国家级科技奖励年份").FillAsync((DateTime.Today.Year + 4).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByLabel("修改原因（记入变更记录）").FillAsync("录入获奖年份");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "未保存" })).ToContainTextAsync("国家级科技奖励年份");
        await Assertions.Expect(page.GetByLabel("国家级科技奖励年份")).ToHaveAttributeAsync("aria-invalid", "true");
        Assert.Equal(before, Service<RegistryRepository>().Get(code)!.Enterprise);
    }

    [Fact]
    public async Task TwoOfficersEditTheSameEnterpriseAndTheSecondSaveIsRefusedWithWhatChanged()
    {
        var code = InCity(5);
        var first = await SignedIn("province");
        var second = await SignedIn("nanchang");
        await first.GotoAsync($"/enterprises/{code}/edit");
        await second.GotoAsync($"/enterprises/{code}/edit");
        await BrowserFixture.Interactive(first);
        await BrowserFixture.Interactive(second);

        await first.GetByLabel("企业名称").FillAsync("先保存的名称");
        await first.GetByLabel("修改原因（记入变更记录）").FillAsync("更名");
        await first.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await Assertions.Expect(first.GetByRole(AriaRole.Status).Filter(new() { HasText = "已保存" })).ToBeVisibleAsync();

        await second.GetByLabel("县（市、区）").FillAsync("后改的县");
        await second.GetByLabel("修改原因（记入变更记录）").FillAsync("县区更正");
        await second.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await Assertions.Expect(second.Locator("#conflict")).ToContainTextAsync("已被他人修改");
        await Assertions.Expect(second.Locator("#conflict")).ToContainTextAsync("先保存的名称");
        var stored = Service<RegistryRepository>().Get(code)!.Enterprise;
        Assert.Equal("先保存的名称", stored.Name);
        Assert.NotEqual("后改的县", stored.County);
    }

    [Fact]
    public async Task DownloadsStayWithinTheCallersScope()
    {
        var outside = Service<DirectoryRepository>().Search(AccessScope.Province, new DirectoryRepository.Filter(), DirectoryRepository.SortBy.CreditCode, false, 0, 1000)
            .Rows.First(r => r.CityCode != DemoAccounts.DemoCity).CreditCode;
        var city = await app.As("nanchang");
        Assert.Equal(HttpStatusCode.Forbidden, (await city.GetAsync($"/export/enterprise/{outside}.xlsx")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await city.GetAsync($"/export/enterprise/{outside}/trail.xlsx")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await city.GetAsync($"/export/enterprise/{InCity(0)}.xlsx")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await city.GetAsync("/export/registry.zip")).StatusCode);
        var template = await city.GetAsync("/import/template.xlsx");
        Assert.Equal(HttpStatusCode.OK, template.StatusCode);
        var sheets = MiniExcel.GetSheetNames(new MemoryStream(await template.Content.ReadAsByteArrayAsync()));
        Assert.Equal(SheetSchema.All.Select(k => k.Zh).Append("说明"), sheets);
        // The instructions speak to the person filling the sheets in: how to fill each column, in both languages, and
        // nothing of the database behind them (table names, column types, SQLite's storage).
        var instructions = MiniExcel.Query(new MemoryStream(await template.Content.ReadAsByteArrayAsync()), useHeaderRow: true, sheetName: "说明")
            .Cast<IDictionary<string, object?>>().Skip(1).ToList();
        Assert.Equal(SheetSchema.All.Sum(k => k.Columns.Count), instructions.Count);
        Assert.All(instructions, row =>
        {
            var zh = row["填写说明"] as string;
            var en = row["How to fill in"] as string;
            Assert.False(string.IsNullOrWhiteSpace(zh), $"{row["列名 Column"]}: no instructions");
            Assert.False(string.IsNullOrWhiteSpace(en), $"{row["列名 Column"]}: no English instructions");
            var text = string.Join(" ", row.Values);
            Assert.DoesNotMatch(@"sqlite|NUMERIC|→|primary key|\w+\.\w+_code|\(sqlite", text);
        });

        var park = await app.As("park");
        Assert.Equal(HttpStatusCode.Redirect, (await park.GetAsync("/export/registry.zip")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await park.GetAsync("/import")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await park.GetAsync($"/export/enterprise/{outside}.xlsx")).StatusCode);
    }

    [Fact]
    public async Task AnOfficerExportsTheReviewQueueAndAParkManagerTheDashboardEachWithinTheirScope()
    {
        var reviews = Service<ScreeningReview>();
        var latest = reviews.ScreeningDates()[^1];
        var cityScope = new AccessScope(Roles.CityOfficer, CityCode: DemoAccounts.DemoCity);
        var pending = reviews.For(cityScope, latest, "tech-sme").Items.Where(i => i.Decision is null).Select(i => i.CreditCode).ToList();
        Assert.NotEmpty(pending);

        // The queue as the page shows it, downloaded from the page.
        var page = await SignedIn("nanchang");
        await page.GotoAsync("/review");
        await BrowserFixture.Interactive(page);
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "导出复核清单（.xlsx）" }).ClickAsync());
        var file = Path.Combine(Path.GetTempPath(), "jxladder-web-tests", Guid.NewGuid().ToString("N") + ".xlsx");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await download.SaveAsAsync(file);
        var rows = MiniExcel.Query(file, useHeaderRow: true, sheetName: "复核清单").Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(pending, rows.Select(r => (string)r["统一社会信用代码"]));
        Assert.All(rows, r => Assert.Equal(("南昌市", "待复核", "科技型中小企业"), ((string)r["设区市"], (string)r["复核结果"], (string)r["层级"])));

        // A city officer cannot widen the export to another city; a park manager cannot export the queue at all.
        var city = await app.As("nanchang");
        var widened = await city.GetAsync($"/export/review.xlsx?asOf={latest:yyyy-MM-dd}&tier=tech-sme&city=ganzhou");
        Assert.Equal(HttpStatusCode.OK, widened.StatusCode);
        Assert.Equal(pending, MiniExcel.Query(new MemoryStream(await widened.Content.ReadAsByteArrayAsync()), useHeaderRow: true)
            .Cast<IDictionary<string, object>>().Select(r => (string)r["统一社会信用代码"]));
        Assert.Equal(HttpStatusCode.BadRequest, (await city.GetAsync("/export/review.xlsx?asOf=2023-13-01")).StatusCode);
        var park = await app.As("park");
        Assert.Equal(HttpStatusCode.Redirect, (await park.GetAsync($"/export/review.xlsx?asOf={latest:yyyy-MM-dd}")).StatusCode);

        // The dashboard's tables for the park: its own park only, the same counts as the page's.
        var parkScope = new AccessScope(Roles.ParkManager, ParkCode: DemoAccounts.DemoPark);
        var overview = Service<TargetProgress>().For(parkScope, 2023);
        var progress = await park.GetAsync("/export/progress.xlsx?year=2023");
        Assert.Equal(HttpStatusCode.OK, progress.StatusCode);
        var workbook = new MemoryStream(await progress.Content.ReadAsByteArrayAsync());
        Assert.Equal(["目标进度", "历年趋势", "按设区市", "按园区", "按产业链", "计数规则"], MiniExcel.GetSheetNames(workbook));
        var byPark = MiniExcel.Query(workbook, useHeaderRow: true, sheetName: "按园区").Cast<IDictionary<string, object>>().ToList();
        var parkName = JxEnterpriseLadder.Domain.JiangxiReference.Default.ParkByCode(DemoAccounts.DemoPark)!.Name;
        Assert.Equal(parkName, (string)Assert.Single(byPark)["园区"]);
        var targets = MiniExcel.Query(workbook, useHeaderRow: true, sheetName: "目标进度").Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(overview.Progress.Select(r => (double)r.Recognized), targets.Select(r => Convert.ToDouble(r["2023 年"])));
        Assert.Equal(overview.Progress.Select(r => TargetProgress.MeasureName(r.Group)), targets.Select(r => (string)r["指标"]));
        Assert.Equal(HttpStatusCode.BadRequest, (await park.GetAsync("/export/progress.xlsx?year=abc")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await app.NewClient().GetAsync("/export/progress.xlsx?year=2023")).StatusCode);
    }
}
