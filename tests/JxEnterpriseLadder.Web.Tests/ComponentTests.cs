using System.Globalization;
using Bunit;
using JxEnterpriseLadder.Rules.Engine;
using JxEnterpriseLadder.Services;
using JxEnterpriseLadder.Web.Components.Shared;
using JxEnterpriseLadder.Domain;

namespace JxEnterpriseLadder.Web.Tests;

/// <summary>bUnit tests of the shared components that hold logic: the dashboard's number tables and a tier's card.</summary>
public sealed class ComponentTests : IDisposable
{
    private readonly BunitContext _ctx = new();
    private readonly CultureInfo _before = CultureInfo.CurrentUICulture;

    // Chinese first, whatever the machine's language: as the app's request localisation does.
    public ComponentTests() => CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");

    public void Dispose()
    {
        CultureInfo.CurrentUICulture = _before;
        _ctx.Dispose();
    }

    [Fact]
    public void AForecastsVersionReadsAsWordsNotACode()
    {
        Assert.Equal("规则基准，按 2024 年的晋级情况校准", Ui.ForecastVersion("rules:high-growth-entry/2024"));
        Assert.Equal("预测模型（特征第 3 版），按 2025 年的晋级情况校准", Ui.ForecastVersion("hnte-entry@f3/2025"));
        Assert.Equal("轻量级梯度提升机", Ui.Learner("LightGbm"));
        Assert.DoesNotContain("Platt", Ui.CalibrationMethod("platt"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2022, true)]  // the forecast is for 2023, the target year: it speaks of reaching the target
    [InlineData(2025, false)] // the forecast is for 2026: the 2023 target is already met or missed, said above
    public void ATargetCardSpeaksOfReachingTheTargetOnlyInAForecastForTheTargetYear(int year, bool speaks)
    {
        var target = new TargetProgress.Row("tech-sme", 10_000, 2023, 17_051, 2023, null, null, null, null);
        var now = new TargetProgress.Row("tech-sme", 10_000, 2023, 16_000, year, 5_000, 4_800, 5_200, 30_000);
        var cut = _ctx.Render<TargetCards>(p => p.Add(x => x.InTargetYear, [target]).Add(x => x.InYear, [now]).Add(x => x.WholeProvince, true));
        Assert.Contains("达标", cut.Markup);
        Assert.Contains($"{year + 1} 年预计新增约 5,000 家", cut.Markup);
        Assert.Equal(speaks, cut.Markup.Contains("能否达到 10,000 家", StringComparison.Ordinal));
    }

    [Fact]
    public void ACountTableHasOneRowPerKeyAndOneColumnPerMeasureWithNamesLookedUp()
    {
        var lines = new[]
        {
            new TargetProgress.Line("nanchang", new Dictionary<string, int> { ["tech-sme"] = 1200, ["gazelle"] = 3 }),
            new TargetProgress.Line("ganzhou", new Dictionary<string, int> { ["unicorn"] = 1 }),
        };
        var cut = _ctx.Render<CountTable>(p => p.Add(x => x.Caption, "分布").Add(x => x.KeyHeader, "设区市").Add(x => x.Lines, lines)
            .Add(x => x.Name, k => k == "nanchang" ? "南昌市" : "赣州市"));
        var rows = cut.FindAll("tbody tr");
        Assert.Equal(2, rows.Count);
        // One column per measure, in TargetProgress.Measures' order (the first ladder's four, then the second ladder's four).
        Assert.Equal(["南昌市", "1,200", "0", "3", "0", "0", "0", "0", "0"], rows[0].Children.Select(c => c.TextContent.Trim()));
        Assert.Equal(["赣州市", "0", "0", "0", "1", "0", "0", "0", "0"], rows[1].Children.Select(c => c.TextContent.Trim()));
        Assert.Equal(1 + TargetProgress.Measures.Count, cut.FindAll("thead th").Count);

        var empty = _ctx.Render<CountTable>(p => p.Add(x => x.Caption, "分布").Add(x => x.KeyHeader, "园区").Add(x => x.Lines, Array.Empty<TargetProgress.Line>()));
        Assert.Contains("无数据", empty.Markup);
    }

    [Fact]
    public void ATierCardShowsMissingInputsAndGapsAndSwitchesLanguage()
    {
        var result = new TierResult
        {
            Tier = "tech-sme", Outcome = Outcome.NotQualified, Score = 55, Parameters = ["tech-sme@2017-05-03"],
            Criteria = [new Criterion { Id = "tech-sme.score", Label = "综合评价得分", Actual = "55", Threshold = "≥ 60", Passed = false, Source = "办法第六条" }],
            Missing = ["years[2023].techStaff"],
            Gaps = [new Gap("tech-sme.score", "综合评价还差 5 分")],
        };
        var cut = _ctx.Render<TierResultCard>(p => p.Add(x => x.Result, result));
        Assert.Contains("科技型中小企业", cut.Find("summary").TextContent);
        Assert.Contains("不符合 · 55分", cut.Find("summary").TextContent);
        Assert.Contains("2023年 科技人员数", cut.Find("p.text-primary").TextContent);
        Assert.Equal("综合评价还差 5 分", cut.Find("p.gap").TextContent.Trim());

        CultureInfo.CurrentUICulture = new CultureInfo("en");
        var english = _ctx.Render<TierResultCard>(p => p.Add(x => x.Result, result));
        Assert.Contains("Tech SME", english.Find("summary").TextContent);
        Assert.Contains("not met · 55 pts", english.Find("summary").TextContent);
        Assert.Contains("Still needed", english.Find("p.text-primary").TextContent);
    }

    [Fact]
    public void AScoredItemShowsItsPointsNotATickAndAFailedConditionItsCross()
    {
        var result = new TierResult
        {
            Tier = "hnte", Outcome = Outcome.NotQualified, Parameters = ["hnte@2016-01-01"],
            Criteria =
            [
                new Criterion { Id = "hnte.innovation.ip.standard-bonus", Label = "知识产权：参与编制国家/行业标准等（加分）", Actual = "否", Threshold = "1–2", Points = 0, Passed = true, Source = "工作指引" },
                new Criterion { Id = "hnte.staff", Label = "科技人员占比", Actual = "5%", Threshold = "≥ 10%", Passed = false, Source = "办法第十一条" },
            ],
            Missing = [],
            Gaps = [],
        };
        var cells = _ctx.Render<TierResultCard>(p => p.Add(x => x.Result, result)).FindAll("td.result-cell");
        Assert.Equal("0分", cells[0].TextContent.Trim());
        Assert.StartsWith("✘", cells[1].TextContent.Trim());
    }
}
