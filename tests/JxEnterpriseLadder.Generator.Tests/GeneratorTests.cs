using JxEnterpriseLadder.Domain;
using JxEnterpriseLadder.Domain.Registry;
using JxEnterpriseLadder.Rules.Engine;
using JxEnterpriseLadder.Rules;

namespace JxEnterpriseLadder.Generator.Tests;

public sealed class GeneratorTests
{
    private static readonly AssessmentEngine Engine = new();
    private static readonly IReadOnlyList<EnterpriseRecord> Province = new ProvinceGenerator(Engine).Generate(new GeneratorOptions { Seed = 5, Enterprises = 300 });

    [Fact]
    public void StreamSeedsDoNotDependOnTheProcess()
    {
        // HashCode.Combine would change from run to run; these values must not.
        Assert.Equal(StreamSeed.Of(20210701, 0, 0x5eed), StreamSeed.Of(20210701, 0, 0x5eed));
        Assert.NotEqual(StreamSeed.Of(1, 2), StreamSeed.Of(2, 1));
        var expected = new Random(StreamSeed.Of(5, 0, 0x5eed)).Next();
        var fromProvince = Province[0].Enterprise.CreditCode;
        var again = new ProvinceGenerator(Engine).Generate(new GeneratorOptions { Seed = 5, Enterprises = 1 })[0].Enterprise.CreditCode;
        Assert.Equal(fromProvince, again);
        Assert.Equal(expected, new Random(StreamSeed.Of(5, 0, 0x5eed)).Next());
    }

    [Fact]
    public void TheSameSeedGivesTheSameProvinceAndAnotherSeedAnother()
    {
        var again = new ProvinceGenerator(Engine).Generate(new GeneratorOptions { Seed = 5, Enterprises = 300 });
        var other = new ProvinceGenerator(Engine).Generate(new GeneratorOptions { Seed = 6, Enterprises = 300 });
        Assert.Equal(Province.Select(Fingerprint), again.Select(Fingerprint));
        Assert.NotEqual(Province.Select(r => r.Enterprise.CreditCode), other.Select(r => r.Enterprise.CreditCode));
    }

    [Fact]
    public void TheStreamedProvinceDoesNotDependOnTheChunkSize()
    {
        // Chunks are assessed on every core: a firm's recognitions must not depend on its neighbours or the thread.
        var small = new ProvinceGenerator(Engine).Stream(new GeneratorOptions { Seed = 5, Enterprises = 300 }, chunkSize: 7).ToList();
        Assert.Equal(Province.Select(Fingerprint), small.Select(Fingerprint));
        Assert.Equal(Province.SelectMany(r => r.HnteCertificates).Select(c => c.CertificateNumber), small.SelectMany(r => r.HnteCertificates).Select(c => c.CertificateNumber));
        Assert.Equal(Province.SelectMany(r => r.HnteCertificates).Count(), Province.SelectMany(r => r.HnteCertificates).Select(c => c.CertificateNumber).Distinct().Count());
    }

    [Fact]
    public void HistoryYearsSetsTheFirstFilingYear()
    {
        var o = new GeneratorOptions { Seed = 5, Enterprises = 200, FromYear = 2023, ToYear = 2025, HistoryYears = 0 };
        var records = new ProvinceGenerator(Engine).Generate(o);
        Assert.Equal(2023, records.SelectMany(r => r.Filings).Min(f => f.Year));
        Assert.Equal(2025, records.SelectMany(r => r.Filings).Max(f => f.Year));
        Assert.All(records.SelectMany(r => r.TechSmeRegistrations), t => Assert.InRange(t.Year, 2023, 2025));
    }

    [Fact]
    public void EnterprisesUseTheSeedPlansPlacesAndValidCodes()
    {
        var reference = JiangxiReference.Default;
        Assert.All(Province, r =>
        {
            Assert.True(UnifiedSocialCreditCode.IsValid(r.Enterprise.CreditCode));
            Assert.NotNull(reference.CityByCode(r.Enterprise.CityCode));
            Assert.Contains(r.Enterprise.County, reference.CityByCode(r.Enterprise.CityCode)!.Counties);
            if (r.Enterprise.ParkCode is { } park) Assert.Equal(r.Enterprise.CityCode, reference.ParkByCode(park)!.City);
            Assert.Empty(RegistryValidation.Check(r.Enterprise));
            Assert.All(r.Filings, f => Assert.Empty(RegistryValidation.Check(f, r.Enterprise.RegisteredOn)));
        });
        Assert.True(Province.Select(r => r.Enterprise.CityCode).Distinct().Count() >= 10, "firms spread over the cities");
    }

    [Fact]
    public void FirmsPersistFromYearToYear()
    {
        // Persistence, not independent noise: this year's revenue explains most of next year's.
        var pairs = Province.SelectMany(r => r.Filings.Zip(r.Filings.Skip(1), (a, b) => (a: Math.Log((double)a.SalesRevenue!.Value + 1), b: Math.Log((double)b.SalesRevenue!.Value + 1)))).ToArray();
        Assert.True(Correlation(pairs) > 0.9, $"year-to-year log revenue correlation {Correlation(pairs):0.00}");
    }

    [Fact]
    public void EveryRecognitionFollowsFromTheEngineAtItsDate()
    {
        foreach (var r in Province)
        {
            foreach (var reg in r.TechSmeRegistrations)
            {
                var at = new DateOnly(reg.Year, 6, 30);
                Assert.Equal(Outcome.Qualified, Engine.Assess(ProfileBuilder.Build(r, at), at).For("tech-sme")!.Outcome);
            }
            foreach (var list in r.ListEntries)
            {
                var at = new DateOnly(list.Year, 9, 30);
                Assert.Equal(Outcome.Qualified, Engine.Assess(ProfileBuilder.Build(r with { ListEntries = [] }, at), at).For(list.Tier)!.Outcome);
            }
        }
    }

    private static string Fingerprint(EnterpriseRecord r) =>
        $"{r.Enterprise.CreditCode}|{r.Enterprise.Name}|{r.Filings.Sum(f => f.SalesRevenue)}|{r.Ip.Count}|{r.Financing.Count}|{r.TechSmeRegistrations.Count}|{r.HnteCertificates.Count}|{r.ListEntries.Count}";

    private static double Correlation((double a, double b)[] xs)
    {
        var ma = xs.Average(x => x.a); var mb = xs.Average(x => x.b);
        var cov = xs.Sum(x => (x.a - ma) * (x.b - mb));
        return cov / Math.Sqrt(xs.Sum(x => (x.a - ma) * (x.a - ma)) * xs.Sum(x => (x.b - mb) * (x.b - mb)));
    }
}
