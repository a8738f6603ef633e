using Dapper;
using JxEnterpriseLadder.Data;
using JxEnterpriseLadder.Domain.Registry;
using JxEnterpriseLadder.Generator;
using JxEnterpriseLadder.Rules.Engine;
using JxEnterpriseLadder.Services;
using JxEnterpriseLadder.Rules;

namespace JxEnterpriseLadder.Data.Tests;

/// <summary>
/// The bulk path and the incremental path of issue 7, on both databases: a streamed bulk load is all or nothing;
/// revised filings move record versions on; an incremental screening reassesses exactly the changed enterprises and
/// leaves the stored results identical to a full screening's.
/// </summary>
public sealed class IncrementalScreeningTests
{
    private static readonly AssessmentEngine Engine = new();
    private static readonly DateOnly AsOf = new(2026, 6, 30);
    private static readonly GeneratorOptions Small = new() { Seed = 3, Enterprises = 400, FromYear = 2021, ToYear = 2025, HistoryYears = 0 };

    private static (Database Db, RegistryRepository Registry) Loaded(string provider)
    {
        var db = Providers.Fresh(provider);
        var registry = new RegistryRepository(db);
        registry.SaveReferenceData(Domain.JiangxiReference.Default);
        Assert.Equal(400, registry.BulkLoad(new ProvinceGenerator(Engine).Stream(Small), batch: 64));
        return (db, registry);
    }

    /// <summary>Every stored result at the date, in a fixed order: tier outcomes, then positions with their versions.</summary>
    private static List<string> Stored(Database db)
    {
        using var c = db.Open();
        var tiers = c.Query<(string, int, int, string)>(
            """
            SELECT l.credit_code, l.qualified_tiers, l.undetermined_tiers, r.results FROM ladder_positions l
            JOIN tier_results r ON r.as_of = l.as_of AND r.credit_code = l.credit_code WHERE l.as_of = @AsOf ORDER BY l.credit_code
            """, new { AsOf }).Select(x => x.ToString());
        var positions = c.Query<(string, string?, string?, long?, int)>(
            "SELECT credit_code, recognized_tier, qualified_tier, record_version, latest FROM ladder_positions WHERE as_of = @AsOf ORDER BY credit_code", new { AsOf }).Select(x => x.ToString());
        return tiers.Concat(positions).ToList();
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public void ARegistryReadForAScreeningComesInCreditCodeOrderWithItsIpCountedAsTheRulesCountIt(string provider)
    {
        var (db, registry) = Loaded(provider);
        List<string> codes;
        using (var c = db.Open()) codes = c.Query<string>("SELECT credit_code FROM enterprises").Order(StringComparer.Ordinal).ToList();
        // Pages of 7: 58 of them, which PostgreSQL reads on two connections at once.
        var whole = registry.Stream(Domain.Access.AccessScope.Province, pageSize: 7).ToList();
        Assert.Equal(codes, whole.Select(r => r.Enterprise.CreditCode));
        Assert.Contains(whole, r => r.Ip.Count > 0);
        foreach (var at in new[] { AsOf, new DateOnly(2022, 6, 30) })
        {
            var counted = registry.StreamForAssessment(Domain.Access.AccessScope.Province, at, pageSize: 7).ToList();
            Assert.Equal(codes, counted.Select(r => r.Enterprise.CreditCode));
            // Of the IP items only those listed for the second ladder are read whole (the rest are counted below).
            Assert.Equal(whole.Select(r => r.Ip.Where(i => i.RelatedToMainProduct is not null).Count()), counted.Select(r => r.Ip.Count));
            Assert.All(counted, r => Assert.All(r.Ip, i => Assert.NotNull(i.RelatedToMainProduct)));
            // The database's count (Sql.HeldIpWhere) is the C# rule's (ProfileBuilder.HeldIpAt) on the same rows.
            Assert.Equal(whole.Select(r => ProfileBuilder.HeldIpAt(r, at)), counted.Select(r => r.HeldIp));
            Assert.Contains(counted, r => r.HeldIp is { Class1: > 0 });
            Assert.Contains(counted, r => r.HeldIp is { Class2: > 0, OwnRd: not null });
            Assert.Contains(counted, r => r.HeldIp is { OwnRd: null, Class1: 0, Class2: 0 });
            // A record counted at one date serves no other.
            Assert.Throws<InvalidOperationException>(() => ProfileBuilder.Build(counted[0], at.AddDays(1)));
        }
        Assert.NotEqual(
            registry.StreamForAssessment(Domain.Access.AccessScope.Province, AsOf, pageSize: 50).Select(r => r.HeldIp!.Class1 + r.HeldIp.Class2).Sum(),
            registry.StreamForAssessment(Domain.Access.AccessScope.Province, new DateOnly(2022, 6, 30), pageSize: 50).Select(r => r.HeldIp!.Class1 + r.HeldIp.Class2).Sum());

        // One city's scope: exactly its enterprises, in order.
        var city = whole[0].Enterprise.CityCode;
        Assert.Equal(whole.Where(r => r.Enterprise.CityCode == city).Select(r => r.Enterprise.CreditCode),
            registry.StreamForAssessment(new Domain.Access.AccessScope(Domain.Access.Roles.CityOfficer, CityCode: city), AsOf, pageSize: 5)
                .Select(r => r.Enterprise.CreditCode));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public void IncrementalScreeningReassessesOnlyTheChangedAndMatchesAFullScreening(string provider)
    {
        var (db, registry) = Loaded(provider);
        var screening = new Screening(registry, Engine);
        var full = screening.Run(AsOf);
        Assert.True(full.Enterprises > 300);
        Assert.Equal(0, screening.RunIncremental(AsOf).Enterprises); // nothing changed since

        // An import of revised filings: R&D tripled for six enterprises spread over the registry.
        var changed = registry.FiledIn(2025).Where((_, i) => i % 50 == 7).Take(6).ToList();
        var revised = registry.Stream(changed).Select(r => r.Filings.Single(f => f.Year == 2025))
            .Select(f => f with { RdExpense = f.RdExpense * 3, RdExpenseDomestic = f.RdExpenseDomestic * 3, TotalCostsAndExpenses = f.TotalCostsAndExpenses + f.RdExpense * 2 }).ToList();
        var before = Stored(db);
        Assert.Equal(changed, new RecordChangeRepository(registry.Database).ReviseFilings(revised));
        Assert.All(changed, code => Assert.Equal(2, registry.Get(code)!.Enterprise.RecordVersion));
        Assert.Equal(changed, new ScreeningResultRepository(registry.Database).StaleAt(AsOf, Domain.Access.AccessScope.Province));

        var incremental = screening.RunIncremental(AsOf);
        Assert.Equal(6, incremental.Enterprises);
        Assert.Empty(new ScreeningResultRepository(registry.Database).StaleAt(AsOf, Domain.Access.AccessScope.Province));
        var afterIncremental = Stored(db);
        Assert.NotEqual(before, afterIncremental); // the stored versions, at least, moved on
        Assert.Equal(before.Where(r => !changed.Any(r.Contains)), afterIncremental.Where(r => !changed.Any(r.Contains))); // nobody else touched

        screening.Run(AsOf);
        Assert.Equal(Stored(db), afterIncremental);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public void RevisedFilingsWithAnyProblemWriteNothing(string provider)
    {
        var (_, registry) = Loaded(provider);
        var code = registry.FiledIn(2025).First();
        var good = registry.Get(code)!.Filings.Single(f => f.Year == 2025) with { Employees = 999 };
        var unknown = good with { CreditCode = "91360100MA0000000X" };
        var negative = good with { Year = 2024, RdExpense = -1 };

        var e = Assert.Throws<RegistryValidationException>(() => new RecordChangeRepository(registry.Database).ReviseFilings([good, unknown, negative, good]));
        Assert.Contains(e.Problems, p => p.CreditCode == unknown.CreditCode && p.Field == "creditCode");
        Assert.Contains(e.Problems, p => p.CreditCode == code && p.Year == 2024 && p.Field.Contains("rdExpense", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(e.Problems, p => p.CreditCode == code && p.Year == 2025 && p.Message.Contains("重复"));
        var after = registry.Get(code)!;
        Assert.NotEqual(999, after.Filings.Single(f => f.Year == 2025).Employees);
        Assert.Equal(1, after.Enterprise.RecordVersion);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public void ABulkLoadIsAllOrNothing(string provider)
    {
        var db = Providers.Fresh(provider);
        var registry = new RegistryRepository(db);
        registry.SaveReferenceData(Domain.JiangxiReference.Default);
        // The fifth batch holds a record with a bad credit code: the four before it are rolled back too.
        var records = new ProvinceGenerator(Engine).Stream(Small).Select((r, i) => i == 4 * 64 + 10 ? r with { Enterprise = r.Enterprise with { CreditCode = "not-a-code" } } : r);
        var e = Assert.Throws<RegistryValidationException>(() => registry.BulkLoad(records, batch: 64));
        Assert.Contains(e.Problems, p => p.CreditCode == "not-a-code");
        Assert.Equal(0, registry.CountEnterprises());

        registry.BulkLoad(new ProvinceGenerator(Engine).Stream(Small).Take(10));
        Assert.Throws<InvalidOperationException>(() => registry.BulkLoad(new ProvinceGenerator(Engine).Stream(Small).Skip(10).Take(5)));
        Assert.Equal(10, registry.CountEnterprises());
    }
}
