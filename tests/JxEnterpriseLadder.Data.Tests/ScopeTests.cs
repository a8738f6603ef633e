using JxEnterpriseLadder.Data;
using JxEnterpriseLadder.Domain;
using JxEnterpriseLadder.Domain.Access;
using JxEnterpriseLadder.Generator;
using JxEnterpriseLadder.Rules.Engine;
using JxEnterpriseLadder.Services;
using MiniExcelLibs;
using JxEnterpriseLadder.Rules;

namespace JxEnterpriseLadder.Data.Tests;

/// <summary>
/// Scope is enforced in the services and their queries: called directly as each role, they return only the caller's
/// enterprises and refuse the others'. On both databases; screening of one scope keeps the other scopes' results.
/// </summary>
public sealed class ScopeTests
{
    private static readonly AssessmentEngine Engine = new();
    private static readonly DateOnly AsOf = new(2023, 6, 30);

    private sealed record Province(Database Db, RegistryRepository Registry, DirectoryRepository Directory, EnterpriseDirectory Enterprises,
        ScreeningReview Review, Screening Screening);

    private static Province Seeded(string provider)
    {
        var db = Providers.Fresh(provider);
        Seeding.SeedProvince(db, new GeneratorOptions { Seed = 7, Enterprises = 600 }, Engine);
        var registry = new RegistryRepository(db);
        var directory = new DirectoryRepository(db);
        var reviews = new ReviewRepository(db);
        var screening = new Screening(registry, Engine);
        screening.Run(new DateOnly(2020, 6, 30));
        screening.Run(AsOf);
        return new Province(db, registry, directory, new EnterpriseDirectory(directory, registry, new PredictionRepository(db), reviews, new AuditRepository(db), new JxEnterpriseLadder.Rules.AssessmentEngine(), TimeProvider.System),
            new ScreeningReview(reviews, new UserRepository(db), TimeProvider.System), screening);
    }

    private static IReadOnlyList<DirectoryRepository.Row> All(Province p, AccessScope scope) =>
        p.Directory.Search(scope, new DirectoryRepository.Filter(), DirectoryRepository.SortBy.CreditCode, false, 0, 1000).Rows;

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public void EachRoleReadsOnlyItsOwnEnterprises(string provider)
    {
        var p = Seeded(provider);
        var everyone = All(p, AccessScope.Province);
        Assert.Equal(600, everyone.Count);
        var park = everyone.First(r => r.ParkCode is not null).ParkCode!;
        var city = everyone.First(r => r.ParkCode == park).CityCode;
        var own = everyone.First(r => r.ParkCode == park).CreditCode;
        var outsider = everyone.First(r => r.CityCode != city);

        var scopes = new[]
        {
            (Scope: new AccessScope(Roles.CityOfficer, CityCode: city), Expected: everyone.Where(r => r.CityCode == city).ToList()),
            (Scope: new AccessScope(Roles.ParkManager, ParkCode: park), Expected: everyone.Where(r => r.ParkCode == park).ToList()),
            (Scope: new AccessScope(Roles.Enterprise, CreditCode: own), Expected: everyone.Where(r => r.CreditCode == own).ToList()),
        };
        foreach (var (scope, expected) in scopes)
        {
            Assert.Equal(expected.Select(r => r.CreditCode), All(p, scope).Select(r => r.CreditCode));
            Assert.Equal(expected.Count, p.Directory.CountInScope(scope));
            Assert.NotNull(p.Enterprises.Get(scope, own));
            Assert.Throws<OutOfScopeException>(() => p.Enterprises.Get(scope, outsider.CreditCode));
            Assert.False(p.Enterprises.InScope(scope, outsider.CreditCode));
            // Filters cannot widen a scope: asking for another city inside a park's scope finds nothing.
            Assert.Empty(p.Directory.Search(scope, new DirectoryRepository.Filter(City: outsider.CityCode), DirectoryRepository.SortBy.Name, true, 0, 100).Rows);
            var recognitions = p.Directory.Recognitions(scope);
            Assert.All(recognitions, b => Assert.Contains(expected, r => r.CityCode == b.CityCode && r.ParkCode == b.ParkCode));
        }
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public void OnlyOfficersReviewAndOnlyWithinTheirScope(string provider)
    {
        var p = Seeded(provider);
        var queue = p.Review.For(AccessScope.Province, AsOf);
        Assert.Equal(new DateOnly(2020, 6, 30), queue.Previous);
        Assert.NotEmpty(queue.Items);
        var item = queue.Items[0];
        var otherCity = queue.Items.FirstOrDefault(i => i.CityCode != item.CityCode) ?? throw new InvalidOperationException("the queue spans one city");
        var cityOfficer = new AccessScope(Roles.CityOfficer, CityCode: item.CityCode);

        Assert.All(p.Review.For(cityOfficer, AsOf).Items, i => Assert.Equal(item.CityCode, i.CityCode));
        Assert.Throws<OutOfScopeException>(() => p.Review.Decide(cityOfficer, "city", AsOf, [(otherCity.CreditCode, otherCity.Tier)], true, "越权"));
        Assert.Throws<OutOfScopeException>(() => p.Review.For(new AccessScope(Roles.ParkManager, ParkCode: "nc-hitech"), AsOf));
        Assert.Throws<OutOfScopeException>(() => p.Review.For(new AccessScope(Roles.Enterprise, CreditCode: item.CreditCode), AsOf));
        Assert.Throws<ArgumentException>(() => p.Review.Decide(cityOfficer, "city", AsOf, [(item.CreditCode, item.Tier)], false, " "));

        // Nothing of a refused batch is written: one subject outside the scope refuses all.
        Assert.Throws<OutOfScopeException>(() => p.Review.Decide(cityOfficer, "city", AsOf, [(item.CreditCode, item.Tier), (otherCity.CreditCode, otherCity.Tier)], true, "批量"));
        Assert.Empty(new ReviewRepository(p.Db).DecisionsFor(item.CreditCode));

        Assert.Equal(1, p.Review.Decide(cityOfficer, "city", AsOf, [(item.CreditCode, item.Tier)], false, "材料不符"));
        var decision = Assert.Single(new ReviewRepository(p.Db).DecisionsFor(item.CreditCode));
        Assert.Equal(("rejected", "city", "材料不符", item.Change, AsOf), (decision.Decision, decision.DecidedBy, decision.Note, decision.Change, decision.AsOf));
        Assert.Contains("@", decision.Parameters); // the parameter versions the screening used
        var counts = p.Directory.ScreeningCounts(AccessScope.Province).Single(c => c.Tier == item.Tier);
        Assert.Equal(1, counts.Rejected);
        Assert.Equal(1, p.Review.Decide(cityOfficer, "city", AsOf, [(item.CreditCode, item.Tier)], true, "复核后确认"));
        counts = p.Directory.ScreeningCounts(AccessScope.Province).Single(c => c.Tier == item.Tier);
        Assert.Equal((1, 0), (counts.Confirmed, counts.Rejected)); // the latest decision counts
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public void TheReviewQueueExportsAsTheCallerSeesItWithTheDecisions(string provider)
    {
        var p = Seeded(provider);
        static List<IDictionary<string, object>> Export(Province p, AccessScope scope, string tier, bool pendingOnly)
        {
            using var s = new MemoryStream();
            p.Review.Export(scope, AsOf, tier, pendingOnly, s);
            s.Position = 0;
            Assert.Equal(["复核清单"], MiniExcel.GetSheetNames(s));
            return MiniExcel.Query(s, useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        }

        var queue = p.Review.For(AccessScope.Province, AsOf, "tech-sme");
        var item = queue.Items[0];
        var city = new AccessScope(Roles.CityOfficer, CityCode: item.CityCode);
        var province = Export(p, AccessScope.Province, "tech-sme", pendingOnly: true);
        Assert.Equal(queue.Items.Select(i => i.CreditCode), province.Select(r => (string)r["统一社会信用代码"]));
        var cityName = JiangxiReference.Default.CityByCode(item.CityCode)!.Name;
        var cityRows = Export(p, city, "tech-sme", pendingOnly: true);
        Assert.Equal(queue.Items.Where(i => i.CityCode == item.CityCode).Select(i => i.CreditCode), cityRows.Select(r => (string)r["统一社会信用代码"]));
        Assert.All(cityRows, r => Assert.Equal(cityName, r["设区市"]));
        Assert.Throws<OutOfScopeException>(() => p.Review.Export(new AccessScope(Roles.ParkManager, ParkCode: "nc-hitech"), AsOf, "tech-sme", true, Stream.Null));
        Assert.Throws<OutOfScopeException>(() => p.Review.Export(new AccessScope(Roles.Enterprise, CreditCode: item.CreditCode), AsOf, "tech-sme", true, Stream.Null));

        // Decided: gone from the pending list, in the whole list with who, why and the parameter versions.
        p.Review.Decide(city, "nanchang-officer", AsOf, [(item.CreditCode, item.Tier)], false, "材料不符");
        Assert.DoesNotContain(Export(p, city, "tech-sme", pendingOnly: true), r => (string)r["统一社会信用代码"] == item.CreditCode);
        var decided = Export(p, city, "tech-sme", pendingOnly: false).Single(r => (string)r["统一社会信用代码"] == item.CreditCode);
        Assert.Equal(("已驳回", "nanchang-officer", "材料不符", "科技型中小企业", item.Parameters),
            ((string)decided["复核结果"], (string)decided["复核人"], (string)decided["复核说明"], (string)decided["层级"], (string)decided["参数版本"]));
        Assert.Equal(item.Change == "newly-qualified" ? "新合格" : "不再合格", decided["变化"]);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public void ScreeningOneCityKeepsTheOthersAndOnlyOfficersScreen(string provider)
    {
        var p = Seeded(provider);
        var before = p.Directory.ScreeningCounts(AccessScope.Province).Sum(c => c.Qualified);
        var city = All(p, AccessScope.Province)[0].CityCode;
        var cityScope = new AccessScope(Roles.CityOfficer, CityCode: city);
        var progress = new List<(int, int)>();
        var summary = p.Screening.Run(AsOf, cityScope, (done, total) => progress.Add((done, total)));
        Assert.Equal(p.Registry.CountInScope(cityScope, AsOf), summary.Enterprises);
        Assert.True(summary.Enterprises < p.Registry.CountInScope(AccessScope.Province, AsOf));
        Assert.Equal((summary.Enterprises, summary.Enterprises), progress[^1]);
        Assert.Equal(before, p.Directory.ScreeningCounts(AccessScope.Province).Sum(c => c.Qualified));
        Assert.Throws<OutOfScopeException>(() => p.Screening.Run(AsOf, new AccessScope(Roles.ParkManager, ParkCode: "nc-hitech")));

        // Cancelled mid-way: rolled back, the stored screening is as before.
        using var cancel = new CancellationTokenSource();
        Assert.ThrowsAny<OperationCanceledException>(() => p.Screening.Run(AsOf, AccessScope.Province, (done, _) => { if (done >= 200) cancel.Cancel(); }, cancel.Token));
        Assert.Equal(before, p.Directory.ScreeningCounts(AccessScope.Province).Sum(c => c.Qualified));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public void AfterOneCitysScreeningTheOthersKeepTheirLatestAndChangesCountFromEachOnesOwnPrevious(string provider)
    {
        var p = Seeded(provider);
        var before = All(p, AccessScope.Province).ToDictionary(r => r.CreditCode);
        var city = before.Values.First().CityCode;
        p.Screening.Run(new DateOnly(2024, 6, 30), new AccessScope(Roles.CityOfficer, CityCode: city));
        var after = All(p, AccessScope.Province);
        Assert.All(after.Where(r => r.CityCode != city), r => Assert.Equal(before[r.CreditCode], r));
        Assert.Contains(after, r => r.CityCode == city && r.QualifiedTier is not null);

        var later = new DateOnly(2025, 6, 30);
        p.Screening.Run(later);
        var queue = p.Review.For(AccessScope.Province, later);
        Assert.NotEmpty(queue.Items);
        // Compared with each one's own screening before: the city's at 2024, the others' at 2023 (none for the newly registered).
        var compared = queue.Items.Where(i => i.PreviousAsOf is not null).ToList();
        Assert.Contains(compared, i => i.CityCode == city);
        Assert.Contains(compared, i => i.CityCode != city);
        Assert.All(compared, i => Assert.Equal(i.CityCode == city ? new DateOnly(2024, 6, 30) : AsOf, i.PreviousAsOf));
        var registry = p.Registry;
        Assert.All(queue.Items.Where(i => i.PreviousAsOf is null), i => Assert.True(registry.Get(i.CreditCode)!.Enterprise.RegisteredOn > AsOf));
    }

    [Fact]
    public void AScopeCanBeNarrowedNeverWidened()
    {
        Assert.Equal(new AccessScope(Roles.CityOfficer, CityCode: "ganzhou"), AccessScope.Province.NarrowedTo("ganzhou"));
        Assert.Equal(new AccessScope(Roles.CityOfficer, CityCode: "ganzhou"), new AccessScope(Roles.Admin).NarrowedTo("ganzhou"));
        var nanchang = new AccessScope(Roles.CityOfficer, CityCode: "nanchang");
        Assert.Equal(nanchang, nanchang.NarrowedTo("ganzhou"));
        var park = new AccessScope(Roles.ParkManager, ParkCode: "nc-hitech");
        Assert.Equal(park, park.NarrowedTo("ganzhou"));
        Assert.Equal(AccessScope.Province, AccessScope.Province.NarrowedTo(""));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public void HostileSearchTextIsSearchedForLiterally(string provider)
    {
        var p = Seeded(provider);
        var hostile = new[] { "%", "_", "' OR 1=1 --", "\\", "<script>alert(1)</script>", "南昌%", "🦄", "\u0000\u001f", new string('x', 10_000) };
        // Each through the name search alone: % and _ are searched for literally, quotes cannot close the string.
        foreach (var text in hostile)
            Assert.Equal(0, p.Directory.Search(AccessScope.Province, new DirectoryRepository.Filter(Text: text), DirectoryRepository.SortBy.Probability, true, 0, 50).Total);
        Assert.True(p.Directory.Search(AccessScope.Province, new DirectoryRepository.Filter(Text: "南昌"), DirectoryRepository.SortBy.Name, false, 0, 1).Total > 0);
        // And through every other filter, each alone.
        foreach (var text in hostile)
            foreach (var filter in new DirectoryRepository.Filter[] { new(City: text), new(Park: text), new(Chain: text), new(RecognizedTier: text),
                         new(OutcomeTier: "tech-sme", Outcome: text), new(OutcomeTier: text, Outcome: "qualified"), new(QualifiedTier: text) })
                Assert.Equal(0, p.Directory.Search(AccessScope.Province, filter, DirectoryRepository.SortBy.Name, false, 0, 50).Total);
        Assert.Equal(600, p.Directory.Search(AccessScope.Province, new DirectoryRepository.Filter(Text: "有限公司"), DirectoryRepository.SortBy.Name, false, 0, 10).Total);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public void EveryFilterAndSortAgreesWithTheRecordsItReads(string provider)
    {
        var p = Seeded(provider);
        var all = p.Directory.Search(AccessScope.Province, new DirectoryRepository.Filter(), DirectoryRepository.SortBy.CreditCode, false, 0, 1000).Rows;
        var qualifiedTechSme = p.Directory.Search(AccessScope.Province, new DirectoryRepository.Filter(OutcomeTier: "tech-sme", Outcome: "qualified"),
            DirectoryRepository.SortBy.CreditCode, false, 0, 1000);
        Assert.Equal(p.Directory.ScreeningCounts(AccessScope.Province).Single(c => c.Tier == "tech-sme").Qualified, qualifiedTechSme.Total);
        var current = p.Directory.Search(AccessScope.Province, new DirectoryRepository.Filter(QualifiedTier: "tech-sme"), DirectoryRepository.SortBy.Name, true, 0, 1000);
        Assert.Equal(all.Count(r => r.QualifiedTier == "tech-sme"), current.Total);
        Assert.All(current.Rows, r => Assert.Equal("tech-sme", r.QualifiedTier));
        Assert.Equal(current.Rows.Select(r => r.Name).OrderDescending(StringComparer.Ordinal), current.Rows.Select(r => r.Name));
        var none = p.Directory.Search(AccessScope.Province, new DirectoryRepository.Filter(RecognizedTier: "none"), DirectoryRepository.SortBy.CreditCode, false, 0, 1000);
        Assert.Equal(all.Count(r => r.RecognizedTier is null), none.Total);
        // Paging: pages of 50 put together are the whole list, in order.
        var paged = Enumerable.Range(0, 12).SelectMany(i => p.Directory.Search(AccessScope.Province, new DirectoryRepository.Filter(), DirectoryRepository.SortBy.City, false, i * 50, 50).Rows).ToList();
        Assert.Equal(600, paged.Select(r => r.CreditCode).Distinct().Count());
        Assert.Equal(paged.Select(r => r.CityCode).Order(StringComparer.Ordinal), paged.Select(r => r.CityCode));
    }
}
