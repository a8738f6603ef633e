using System.Text;
using System.Text.RegularExpressions;
using JxEnterpriseLadder.Rules.Engine;

namespace JxEnterpriseLadder.Rules.Tests;

/// <summary>
/// Each rule set's file is bound once to its typed record (issue 20): a value missing or of the wrong type stops the
/// engine from loading with the file and the key named, and the tiers never look the law up by name.
/// </summary>
public sealed class TypedLawTests
{
    private static ParameterSet File(string json, string origin) =>
        ParameterStore.Parse(new MemoryStream(Encoding.UTF8.GetBytes(json)), origin);

    /// <summary>The shipped HNTE file of 2016 with one value replaced (or removed, when <paramref name="raw"/> is null),
    /// dated 2026 so that it sits beside the shipped one.</summary>
    private static ParameterStore HnteWith(string key, string? raw, string origin)
    {
        var shipped = ParameterStore.Default.InForce("hnte", new DateOnly(2024, 1, 1))!;
        var values = shipped.Values.Where(v => v.Key != key || raw is not null).Select(v =>
            $"\"{v.Key}\": {{ \"value\": {(v.Key == key ? raw : v.Value.Value.GetRawText())} }}");
        var json = $$"""{ "set": "hnte", "effectiveFrom": "2026-01-01", "source": { "document": "测试" }, "values": { {{string.Join(", ", values)}} } }""";
        return ParameterStore.Default.With([File(json, origin)]);
    }

    [Fact]
    public void AMissingValueNamesTheFileAndTheKey()
    {
        var e = Assert.Throws<InvalidDataException>(() => new AssessmentEngine(HnteWith("minIpCount", null, "officer/hnte-2026.json")));
        Assert.Contains("officer/hnte-2026.json", e.Message);
        Assert.Contains("'minIpCount'", e.Message);
    }

    [Theory]
    [InlineData("minIpCount", "\"six\"")]
    [InlineData("minTechStaffRatio", "[0.1]")]
    [InlineData("bandPointsMode", "\"middle\"")]
    [InlineData("growthBands", "[]")]
    [InlineData("cleanRecordWindow", "{ \"weeks\": 3 }")]
    [InlineData("cleanRecordFlags", "[\"majorAccident\", \"parkingFines\"]")]
    [InlineData("rdManagementItemPoints", "{ \"rdRulesAndAccounts\": 6 }")]
    public void AMistypedValueNamesTheFileAndTheKey(string key, string raw)
    {
        var e = Assert.Throws<InvalidDataException>(() => new AssessmentEngine(HnteWith(key, raw, "officer/hnte-2026.json")));
        Assert.Contains("officer/hnte-2026.json", e.Message);
        Assert.Contains($"'{key}'", e.Message);
    }

    [Fact]
    public void AWellFormedFileLoadsAndIsUsedFromItsDate()
    {
        var engine = new AssessmentEngine(HnteWith("minIpCount", "1", "officer/hnte-2026.json"));
        var result = engine.Assess(new Domain.Profiles.EnterpriseProfile { Ip = new Domain.Profiles.IpHoldings { Class1 = 0, Class2 = 1 } }, new DateOnly(2026, 6, 30));
        var coreIp = result.For("hnte")!.Criteria.Single(c => c.Id == "hnte.core-ip");
        Assert.True(coreIp.Passed);
        Assert.Equal("≥ 1 项", coreIp.Threshold);
        Assert.Contains("hnte@2026-01-01", result.For("hnte")!.Parameters);
    }

    /// <summary>Words that hold a number of the law ("近三个会计年度", "申请认定前一年内") are written from the file's
    /// values: change the value, and the words change with it.</summary>
    [Fact]
    public void WordsThatStateTheLawsYearsFollowTheFile()
    {
        var profile = new Domain.Profiles.EnterpriseProfile { RegisteredOn = new DateOnly(2015, 3, 1) };
        var at = new DateOnly(2026, 6, 30);
        string Label(AssessmentEngine engine, string id) => engine.Assess(profile, at).For("hnte")!.Criteria.Single(c => c.Id == id).Label;
        var shipped = new AssessmentEngine();
        Assert.StartsWith("近三个会计年度（", Label(shipped, "hnte.rd-ratio"));
        Assert.StartsWith("申请认定前一年内无以下情形", Label(shipped, "hnte.clean-record"));
        Assert.Equal("科技成果转化能力（近三年年均转化数）", Label(shipped, "hnte.innovation.commercialization"));
        Assert.StartsWith("近二个会计年度（", Label(new AssessmentEngine(HnteWith("rdRatioYears", "2", "officer/hnte-2026.json")), "hnte.rd-ratio"));
        Assert.StartsWith("申请认定前二年内无以下情形", Label(new AssessmentEngine(HnteWith("cleanRecordWindow", "{ \"days\": 730 }", "officer/hnte-2026.json")), "hnte.clean-record"));
        Assert.Equal("科技成果转化能力（近五年年均转化数）", Label(new AssessmentEngine(HnteWith("commercializationYears", "5", "officer/hnte-2026.json")), "hnte.innovation.commercialization"));
    }

    /// <summary>The tiers read the law by property: no parameter is looked up by its name there.</summary>
    [Fact]
    public void NoTierLooksTheLawUpByName()
    {
        var tiers = Path.Combine(RepositoryRoot(), "src", "JxEnterpriseLadder.Rules", "Tiers");
        var lookup = new Regex(@"\.(Number|Integer|Flag|Text|Strings|Map|TextMap|Bands|Ref|SourceText|Memo|Has|InForce)\(""", RegexOptions.Compiled);
        var found = Directory.EnumerateFiles(tiers, "*.cs")
            .Where(f => Path.GetFileName(f) is not ("Laws.cs" or "QualityLaws.cs")) // the places that bind the files' keys, one per ladder
            .SelectMany(f => System.IO.File.ReadLines(f).Select((line, i) => (f, i, line)))
            .Where(x => lookup.IsMatch(x.line))
            .Select(x => $"{Path.GetFileName(x.f)}:{x.i + 1}: {x.line.Trim()}")
            .ToList();
        Assert.True(Directory.EnumerateFiles(tiers, "*Rules.cs").Count() >= 5, "the tiers' files were not found");
        Assert.Empty(found);
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !System.IO.File.Exists(Path.Combine(dir.FullName, "JxEnterpriseLadder.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new DirectoryNotFoundException("repository root");
    }
}
