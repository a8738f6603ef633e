using Dapper;
using JxEnterpriseLadder.Domain.Access;
using JxEnterpriseLadder.Generator;
using JxEnterpriseLadder.Rules.Engine;
using JxEnterpriseLadder.Services;
using JxEnterpriseLadder.Rules;

namespace JxEnterpriseLadder.Data.Tests;

/// <summary>
/// What the review queue compares a screening with, on both databases: by default each enterprise's own screening before
/// (so a city screened in between counts for its own firms only); on request one earlier screening for all. Either way
/// the queue is exactly the enterprises whose qualified tiers differ between the two positions.
/// </summary>
public sealed class ReviewBaselineTests
{
    private static readonly AssessmentEngine Engine = new();
    private static readonly GeneratorOptions Small = new() { Seed = 5, Enterprises = 400, FromYear = 2020, ToYear = 2025, HistoryYears = 0 };
    private static readonly DateOnly First = new(2023, 6, 30), Second = new(2024, 6, 30), CityOnly = new(2025, 1, 31), Latest = new(2025, 6, 30);

    /// <summary>The enterprises whose qualified tiers differ between two screenings, read straight from the positions
    /// (absent before: nothing qualified).</summary>
    private static HashSet<string> Differing(Database db, DateOnly before, DateOnly after, string? city = null)
    {
        using var c = db.Open();
        var at = c.Query<(string Code, int Qualified)>("SELECT credit_code, qualified_tiers FROM ladder_positions WHERE as_of = @After", new { After = after });
        var prior = c.Query<(string Code, int Qualified)>("SELECT credit_code, qualified_tiers FROM ladder_positions WHERE as_of = @Before", new { Before = before })
            .ToDictionary(p => p.Code, p => p.Qualified);
        var inCity = city is null ? null : c.Query<string>("SELECT credit_code FROM enterprises WHERE city_code = @City", new { City = city }).ToHashSet();
        return at.Where(p => (inCity is null || inCity.Contains(p.Code)) && p.Qualified != prior.GetValueOrDefault(p.Code)).Select(p => p.Code).ToHashSet();
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public void TheQueueComparesWithEachEnterprisesScreeningBeforeOrWithTheOneChosen(string provider)
    {
        var db = Providers.Fresh(provider);
        var registry = new RegistryRepository(db);
        registry.SaveReferenceData(Domain.JiangxiReference.Default);
        registry.BulkLoad(new ProvinceGenerator(Engine).Stream(Small), batch: 100);
        var screening = new Screening(registry, Engine);
        var city = registry.Stream(AccessScope.Province).First().Enterprise.CityCode;
        screening.Run(First);
        screening.Run(Second);
        screening.Run(CityOnly, new AccessScope(Roles.CityOfficer, CityCode: city)); // one city screened in between
        screening.Run(Latest);
        var reviews = new ScreeningReview(new ReviewRepository(db), new UserRepository(db), TimeProvider.System);

        static HashSet<string> Codes(ScreeningReview.Queue q) => q.Items.Select(i => i.CreditCode).ToHashSet();

        // By default: the city's firms against the city's screening, every other firm against the province's before.
        var byDefault = reviews.For(AccessScope.Province, Latest);
        HashSet<string> inCity;
        using (var c = db.Open()) inCity = c.Query<string>("SELECT credit_code FROM enterprises WHERE city_code = @City", new { City = city }).ToHashSet();
        var expected = Differing(db, CityOnly, Latest, city);
        expected.UnionWith(Differing(db, Second, Latest).Where(code => !inCity.Contains(code)));
        Assert.NotEmpty(expected);
        Assert.Equal(expected, Codes(byDefault));
        Assert.Null(byDefault.Baseline);
        Assert.Equal(CityOnly, byDefault.Previous);

        // Chosen: one screening for all, whatever came between.
        foreach (var chosen in new[] { First, Second })
        {
            var queue = reviews.For(AccessScope.Province, Latest, baseline: chosen);
            Assert.Equal(chosen, queue.Baseline);
            Assert.Equal(Differing(db, chosen, Latest), Codes(queue));
            Assert.All(queue.Items, i => Assert.True(i.PreviousAsOf is null || i.PreviousAsOf == chosen));
        }
        Assert.NotEqual(Codes(reviews.For(AccessScope.Province, Latest, baseline: First)), Codes(reviews.For(AccessScope.Province, Latest, baseline: Second)));

        // Within a city's scope, the chosen screening counts for its firms only; a decision is checked against the same queue.
        var cityScope = new AccessScope(Roles.CityOfficer, CityCode: city);
        var cityQueue = reviews.For(cityScope, Latest, "tech-sme", baseline: First);
        Assert.Equal(Differing(db, First, Latest, city).Count > 0, cityQueue.Items.Count > 0);
        Assert.All(cityQueue.Items, i => Assert.Equal(city, i.CityCode));
        if (cityQueue.Items.FirstOrDefault() is { } item)
        {
            Assert.Equal(1, reviews.Decide(cityScope, "tester", Latest, [(item.CreditCode, item.Tier)], confirm: true, note: "核实", baseline: First));
            Assert.Equal("confirmed", reviews.For(cityScope, Latest, "tech-sme", baseline: First).Items.Single(i => i.CreditCode == item.CreditCode).Decision);
        }
        Assert.Throws<ArgumentException>(() => reviews.For(AccessScope.Province, Latest, baseline: Latest));
    }
}
