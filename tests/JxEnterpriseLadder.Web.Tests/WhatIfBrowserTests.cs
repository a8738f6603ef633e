using System.Net;
using JxEnterpriseLadder.Data;
using JxEnterpriseLadder.Domain;
using JxEnterpriseLadder.Domain.Access;
using JxEnterpriseLadder.Services;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MiniExcelLibs;

namespace JxEnterpriseLadder.Web.Tests;

/// <summary>
/// Issue 22 as an officer does it: drafts a threshold on 政策模拟, runs the province under it beside the law, reads the
/// counts and the targets' completion under both, downloads who would enter or leave, and compares one of them on its
/// enterprise page. Cities, parks and enterprises never reach drafts.
/// </summary>
[Collection("app")]
public sealed class WhatIfBrowserTests(AppFixture app, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task AnOfficerDraftsAThresholdRunsTheProvinceAndDownloadsWhoWouldLeave()
    {
        var name = "职工上限 50 人 " + Guid.NewGuid().ToString("N")[..6];
        var page = await browser.SignedIn(app, "province");
        await page.GetByRole(AriaRole.Link, new() { Name = "政策模拟" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("政策模拟");

        // The draft: tech SMEs' head-count ceiling from 500 down to 50. The form shows the value in force, its unit and source.
        await page.Locator("#draftSet").SelectOptionAsync(new SelectOptionValue { Label = "科技型中小企业" });
        var ceiling = page.Locator("#value-maxEmployees");
        await Assertions.Expect(ceiling).ToHaveValueAsync("500");
        await Assertions.Expect(page.Locator("tr", new() { Has = ceiling })).ToContainTextAsync("500 人");
        await Assertions.Expect(page.Locator("tr", new() { Has = ceiling })).ToContainTextAsync("第六条");
        await page.Locator("#draftName").FillAsync(name);
        await ceiling.FillAsync("abc");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存草案" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "草案未保存" })).ToContainTextAsync("请填写数字");
        await Assertions.Expect(ceiling).ToHaveAttributeAsync("aria-invalid", "true");
        await ceiling.FillAsync("50");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存草案" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "已保存" })).ToContainTextAsync(name);

        // Run it: the stored screening is left as it was.
        var before = StoredResults();
        await page.Locator("#runDraft").SelectOptionAsync(name);
        await page.GetByRole(AriaRole.Button, new() { Name = "按现行规则和草案分别筛查" }).ClickAsync();
        var tiers = page.GetByRole(AriaRole.Table, new() { Name = "各层级对比" });
        await Assertions.Expect(tiers).ToBeVisibleAsync(new() { Timeout = 120_000 });
        var techSme = tiers.Locator("tr", new() { HasText = "科技型中小企业" });
        var cells = await techSme.Locator("td").AllInnerTextsAsync();
        var (law, draft, left) = (Count(cells[0]), Count(cells[1]), Count(cells[4]));
        Assert.True(left > 0 && draft == law - left, $"law {law}, draft {draft}, leaving {left}");
        await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = "目标完成率对比" })).ToContainTextAsync("完成率");
        await Assertions.Expect(page.GetByRole(AriaRole.Tab, new() { Name = "按设区市" })).ToBeVisibleAsync();

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "下载对比结果（.xlsx）" }).ClickAsync());
        var file = Path.Combine(Path.GetTempPath(), "jxladder-web-tests", Guid.NewGuid().ToString("N") + ".xlsx");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await download.SaveAsAsync(file);
        var leaving = MiniExcel.Query(file, useHeaderRow: true, sheetName: "退出名单").Cast<IDictionary<string, object>>().Where(r => (string)r["层级"] == "科技型中小企业").ToList();
        Assert.Equal(left, leaving.Count);
        var byCity = MiniExcel.Query(file, useHeaderRow: true, sheetName: "按设区市").Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(law - draft, byCity.Sum(r => -Convert.ToInt32(r["科技型中小企业（增减）"])));
        var targets = MiniExcel.Query(file, useHeaderRow: true, sheetName: "目标完成率").Cast<IDictionary<string, object>>().Single(r => (string)r["目标"] == "入国家库科技型中小企业");
        Assert.Equal(law, Convert.ToInt32(targets["现行规则符合条件（家）"]));
        Assert.EndsWith("%", (string)targets["草案下完成率"]);
        Assert.Equal(before, StoredResults());

        // One who leaves, on its own page: the draft beside the law, the head-count criterion marked.
        var code = (string)leaving[0]["统一社会信用代码"];
        await page.GotoAsync($"/enterprises/{code}");
        await BrowserFixture.Interactive(page);
        await page.Locator("#draft-comparison-draft").SelectOptionAsync(name);
        var differences = page.GetByRole(AriaRole.Table, new() { Name = "现行规则与草案的差异" });
        await Assertions.Expect(differences.Locator("tr.table-warning", new() { HasText = "科技型中小企业" }).Locator("td").Nth(1).Locator(".badge"))
            .ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^不符合"));
        await Assertions.Expect(differences.Locator("tr.changed-criterion").First).ToContainTextAsync("50");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task AnOfficerComparesAFirmTypedIntoTheSelfCheckUnderADraft()
    {
        var drafts = app.Factory.Services.GetRequiredService<PolicyDrafts>();
        var name = "职工上限 60 人 " + Guid.NewGuid().ToString("N")[..6];
        Assert.True(drafts.Save(AccessScope.Province, "province", name, TierIds.TechSme, DateOnly.FromDateTime(DateTime.Today),
            new Dictionary<string, System.Text.Json.JsonElement> { ["maxEmployees"] = System.Text.Json.JsonDocument.Parse("60").RootElement.Clone() }, null).Saved);
        var page = await browser.SignedIn(app, "province");
        await page.GotoAsync("/self-check");
        await BrowserFixture.Interactive(page);
        var latest = DateTime.Today.Year - 1;
        await page.Locator("#registeredOn").FillAsync("2015-03-01");
        await page.Locator("#industry").SelectOptionAsync("new-materials");
        await page.Locator("#field").SelectOptionAsync("new-materials");
        await page.Locator("#clean").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "下一步" }).ClickAsync();
        // 100 employees, 30 of them technical; R&D 6% of sales: a tech SME under the law (≤ 500), not under the draft (≤ 60).
        string[] keys = ["employees", "techStaff", "sales", "income", "hiTechIncome", "costs", "rd", "rdDomestic", "assets", "liabilities"];
        string[] values = ["100", "30", "10000", "10500", "8000", "8600", "600", "580", "14400", "5760"];
        for (var f = 0; f < keys.Length; f++) await page.Locator($"#y{latest}-{keys[f]}").FillAsync(values[f]);
        await page.Locator($"#y{latest}-liabilities").PressAsync("Tab");
        await page.GetByRole(AriaRole.Button, new() { Name = "下一步" }).ClickAsync();
        await page.Locator("#class2").FillAsync("6");
        await page.Locator("#class1").FillAsync("0");
        await page.Locator("#class1").PressAsync("Tab");
        await page.GetByRole(AriaRole.Button, new() { Name = "下一步" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "下一步" }).ClickAsync();

        await page.Locator("#draft-comparison-draft").SelectOptionAsync(name);
        var differences = page.GetByRole(AriaRole.Table, new() { Name = "现行规则与草案的差异" });
        var techSme = differences.Locator("tr.table-warning", new() { HasText = "科技型中小企业" });
        await Assertions.Expect(techSme.Locator("td").Nth(0).Locator(".badge")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^符合"));
        await Assertions.Expect(techSme.Locator("td").Nth(1).Locator(".badge")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^不符合"));
        await Assertions.Expect(differences.Locator("tr.changed-criterion", new() { HasText = "职工总数" })).ToContainTextAsync("≤ 60");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task DraftsAreTheProvincesOnlyAndAnEnterpriseNeverSeesOne()
    {
        foreach (var user in new[] { "nanchang", "park", "enterprise" })
        {
            var client = await app.As(user);
            var response = await client.GetAsync("/whatif");
            Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
            Assert.DoesNotContain("政策模拟", await (await client.GetAsync("/")).Content.ReadAsStringAsync());
            Assert.NotEqual(HttpStatusCode.OK, (await client.GetAsync("/export/whatif/1.xlsx")).StatusCode);
        }
        // A draft saved by the province: the enterprise's own page shows the law only.
        var drafts = app.Factory.Services.GetRequiredService<PolicyDrafts>();
        var name = "仅省级可见 " + Guid.NewGuid().ToString("N")[..6];
        Assert.True(drafts.Save(AccessScope.Province, "province", name, TierIds.TechSme, DateOnly.FromDateTime(DateTime.Today),
            new Dictionary<string, System.Text.Json.JsonElement> { ["maxEmployees"] = System.Text.Json.JsonDocument.Parse("400").RootElement.Clone() }, null).Saved);
        var page = await browser.SignedIn(app, "enterprise");
        await BrowserFixture.Interactive(page);
        await Assertions.Expect(page.Locator("#assessment")).ToBeVisibleAsync();
        Assert.Equal(0, await page.Locator(".draft-comparison").CountAsync());
        Assert.DoesNotContain(name, await page.ContentAsync());
        Assert.Throws<OutOfScopeException>(() => drafts.Save(new AccessScope(Roles.CityOfficer, CityCode: DemoAccounts.DemoCity), "nanchang", name + "x", TierIds.TechSme,
            DateOnly.FromDateTime(DateTime.Today), new Dictionary<string, System.Text.Json.JsonElement>(), null));
        await page.Context.CloseAsync();
    }

    private static int Count(string text) => int.Parse(text.Replace(",", "", StringComparison.Ordinal).Trim(), System.Globalization.CultureInfo.InvariantCulture);

    private List<string> StoredResults()
    {
        var db = app.Factory.Services.GetRequiredService<Database>();
        using var c = db.Open();
        return Dapper.SqlMapper.Query<(string, string)>(c, "SELECT credit_code, results FROM tier_results ORDER BY as_of, credit_code").Select(x => x.ToString()).ToList();
    }
}
