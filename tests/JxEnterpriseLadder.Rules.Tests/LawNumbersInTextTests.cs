using JxEnterpriseLadder.Domain.Profiles;
using JxEnterpriseLadder.Rules.Engine;

namespace JxEnterpriseLadder.Rules.Tests;

/// <summary>Texts that state numbers of the law take them from the parameter files (ADR 0016), and still read as the
/// law states them.</summary>
public sealed class LawNumbersInTextTests
{
    private static readonly DateOnly AsOf = new(2026, 6, 30);

    [Fact]
    public void TheHnteRdBandsAndTheGazellePathWindowsReadFromTheirParameters()
    {
        // Nothing but a registration date: the R&D ratio is missing, and each gazelle path is explained.
        var result = new AssessmentEngine().Assess(new EnterpriseProfile { RegisteredOn = new DateOnly(2019, 3, 1) }, AsOf);
        var rd = result.For("hnte")!.Criteria.Single(c => c.Id == "hnte.rd-ratio");
        Assert.Equal("按最近一年销售收入分档：≤5000万 5%，5000万–2亿 4%，>2亿 3%", rd.Threshold);
        var gazelle = result.For("gazelle")!.Criteria;
        Assert.Equal("路径三：成立 5 年内且营业收入达到规模", gazelle.Single(c => c.Id == "gazelle.path3").Label);
        Assert.Equal("路径四：成立 10 年内且营业收入达到规模", gazelle.Single(c => c.Id == "gazelle.path4").Label);
    }
}
