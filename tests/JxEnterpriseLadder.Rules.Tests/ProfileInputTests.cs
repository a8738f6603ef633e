using System.Text;
using JxEnterpriseLadder.Domain.Profiles;
using JxEnterpriseLadder.Rules.Engine;

namespace JxEnterpriseLadder.Rules.Tests;

/// <summary>
/// What reaches the engine: profiles read one at a time from any of the three shapes, each refused on its own with its
/// field, and the engine itself safe on any date the calendar holds.
/// </summary>
public sealed class ProfileInputTests
{
    private static readonly DateOnly AsOf = new(2024, 6, 30);

    private static IReadOnlyList<ProfileJson.Item> Read(string text, int maxBytes = ProfileJson.DefaultMaxProfileBytes) =>
        ProfileJson.Read(new MemoryStream(Encoding.UTF8.GetBytes(text)), AsOf, maxBytes).ToList();

    [Fact]
    public void AnArrayAPrettyObjectAndNdjsonGiveTheSameProfiles()
    {
        var array = Read("""[{"name":"甲","years":[{"year":2023,"employees":5}]}, {"name":"乙 } ] \" {"}]""");
        var pretty = Read("\uFEFF{\n  \"name\": \"甲\",\n  \"years\": [ { \"year\": 2023, \"employees\": 5 } ]\n}\n");
        var ndjson = Read("{\"name\":\"甲\",\"years\":[{\"year\":2023,\"employees\":5}]}\n\n{\"name\":\"乙 } ] \\\" {\"}\n");
        Assert.Equal(["甲", "乙 } ] \" {"], array.Select(i => i.Profile!.Name));
        Assert.Equal(["甲"], pretty.Select(i => i.Profile!.Name));
        Assert.Equal(["甲", "乙 } ] \" {"], ndjson.Select(i => i.Profile!.Name));
        Assert.Equal(5, pretty[0].Profile!.Years[0].Employees);
    }

    [Fact]
    public void EachBadProfileIsNamedAndTheOthersAreRead()
    {
        var items = Read("""
            {"name":"一"}
            {"name": 12}
            null
            {"name":"四","industry":"电子信息","hiTechField":"先进制造与自动化"}
            {"name":"五","listEntries":[{"tier":"dragon","year":2023}]}
            {"name":"六","years":[{"year":2023,"rdExpense":10,"rdExpenseDomestic":11}]}
            """);
        Assert.Equal(6, items.Count);
        Assert.Equal([null, "$.name", "$", null, "$.listEntries[0].tier", "$.years[0].rdExpenseDomestic"], items.Select(i => i.Error?.Field));
        Assert.Equal("electronic-information", items[3].Profile!.Industry);
        Assert.Contains("seed-unicorn", items[4].Error!.Message);
    }

    [Fact]
    public void EachImpossibleSecondLadderValueIsNamedByItsField()
    {
        var items = Read("""
            {"sizeIndustry":"mining"}
            {"mainProduct":{"nationalMarketShare":1.5}}
            {"mainProduct":{"chainRole":"leader"}}
            {"management":{"digitalisationLevel":5}}
            {"ipItems":[{"class":1},{"class":3}]}
            {"ipItems":[{"class":1,"grantedOn":"2022-05-01","acquiredOn":"2021-01-01"}]}
            {"rdInstitutions":[{"level":"county"}]}
            {"rdInstitutions":[{"level":"national","kind":"lab"}]}
            {"awards":[{"level":"national","rank":0}]}
            {"contestResults":[{"year":2023,"nationalTop":100}]}
            {"titles":[{"title":"gazelle","issuedOn":"2023-01-01"}]}
            {"titles":[{"title":"little-giant","issuedOn":"2023-01-01","expiresOn":"2022-12-31"}]}
            {"financing":[{"date":"2023-01-01","amount":100,"qualifiedPaidIn":101}]}
            {"sizeIndustry":"software-it","mainProduct":{"nationalMarketShare":0.2,"chainRole":"foundation"},"management":{"digitalisationLevel":2},"ipItems":[{"class":2}],"rdInstitutions":[{"level":"city","kind":"enterprise-tech-centre"}],"awards":[{"level":"provincial","rank":1}],"contestResults":[{"year":2023,"nationalTop":500}],"titles":[{"title":"innovative-sme","issuedOn":"2023-01-01"}]}
            """);
        Assert.Equal(["$.sizeIndustry", "$.mainProduct.nationalMarketShare", "$.mainProduct.chainRole", "$.management.digitalisationLevel",
            "$.ipItems[1].class", "$.ipItems[0].acquiredOn", "$.rdInstitutions[0].level", "$.rdInstitutions[0].kind", "$.awards[0].rank",
            "$.contestResults[0].nationalTop", "$.titles[0].title", "$.titles[0].expiresOn", "$.financing[0].qualifiedPaidIn", null],
            items.Select(i => i.Error?.Field));
        Assert.Contains("software-it", items[0].Error!.Message);
    }

    [Fact]
    public void AProfileLargerThanTheBoundIsRefusedAloneAndAnUnclosedArrayIsNamed()
    {
        var items = Read("{\"name\":\"" + new string('x', 5000) + "\"}\n{\"name\":\"small\"}", maxBytes: 1000);
        Assert.Contains("larger than 1,000 bytes", items[0].Error!.Message);
        Assert.Equal("small", items[1].Profile!.Name);
        var unclosed = Read("""[{"name":"a"},{"name":"b"}""");
        Assert.Equal(["a", "b"], unclosed.Where(i => i.Profile is not null).Select(i => i.Profile!.Name));
        Assert.Contains("not closed", unclosed[^1].Error!.Message);
        Assert.Equal("no profile in the input", Read("  \n ").Single().Error!.Message);
    }

    [Theory]
    [InlineData("9999-12-31")]
    [InlineData("0001-01-01")]
    [InlineData("2030-01-01")]
    public void DatesOutOfRangeAreRefusedByTheValidatorAndTheEngineNeverThrowsOnThem(string date)
    {
        var day = DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal("$.registeredOn", Read($$"""{"registeredOn":"{{date}}"}""").Single().Error!.Field);
        Assert.Equal("$.hnteCertificate.issuedOn", Read($$$"""{"hnteCertificate":{"number":"GR1","issuedOn":"{{{date}}}"}}""").Single().Error!.Field);

        // The library door has no validator in front: the engine itself must hold.
        var engine = new AssessmentEngine();
        var profile = new EnterpriseProfile
        {
            RegisteredOn = day, HnteCertificate = new HnteCertificate { Number = "GR1", IssuedOn = day },
            Financing = [new FinancingRound { Date = day, Amount = 1, Currency = "CNY" }],
            CleanRecordEvents = [new CleanRecordEventInput { Flag = "majorAccident", OccurredOn = day }],
        };
        foreach (var asOf in new[] { AsOf, DateOnly.MinValue, DateOnly.MaxValue, day })
            Assert.Equal(Domain.TierIds.All.Count, engine.Assess(profile, asOf).Results.Count);
    }
}
