using Dapper;
using JxEnterpriseLadder.Domain;
using JxEnterpriseLadder.Domain.Registry;
using JxEnterpriseLadder.Generator;
using JxEnterpriseLadder.Rules.Engine;
using JxEnterpriseLadder.Services;
using JxEnterpriseLadder.Rules;

namespace JxEnterpriseLadder.Data.Tests;

public sealed class RegistryTests
{
    private static readonly AssessmentEngine Engine = new();

    private static string Code(string first17) => first17 + UnifiedSocialCreditCode.CheckCharacter(first17);

    private static EnterpriseRecord Sample(string code) => new()
    {
        Enterprise = new Enterprise
        {
            CreditCode = code, Name = "南昌测试科技有限公司 <b>'; DROP TABLE enterprises; --", RegisteredOn = new DateOnly(2016, 2, 29),
            CityCode = "nanchang", County = "青山湖区", ParkCode = "nc-hitech", ChainCode = "vr", Industry = "electronic-information",
            HiTechField = "electronic-information", LedStandardYear = 2021,
        },
        Filings =
        [
            new Filing { CreditCode = code, Year = 2022, Employees = 120, TechStaff = 40, SalesRevenue = 12_345_678.91m, TotalIncome = 12_400_000.01m,
                HiTechIncome = 9_000_000m, TotalCostsAndExpenses = 11_000_000m, RdExpense = 999_999.99m, RdExpenseDomestic = 999_999.99m,
                TotalAssets = 30_000_000m, TotalLiabilities = 10_000_000m, ResultsCommercialized = 3 },
            new Filing { CreditCode = code, Year = 2023, Employees = 130, TechStaff = 45, SalesRevenue = 15_000_000m, RdExpense = 1_200_000.5m },
        ],
        Ip = [new IpHolding { CreditCode = code, IpClass = 1, Kind = "invention", OwnRd = true, ValidFrom = new DateOnly(2019, 3, 1), ValidTo = new DateOnly(2039, 3, 1) }],
        HnteCertificates = [new HnteCertificateRecord(code, "GR202236000001", new DateOnly(2022, 11, 4))],
        TechSmeRegistrations = [new TechSmeRegistrationRecord(code, 2023, "202336010100001")],
        ListEntries = [new ListEntryRecord(code, "potential-gazelle", 2023)],
        Financing = [new FinancingRoundRecord { CreditCode = code, RoundDate = new DateOnly(2021, 5, 1), Amount = 20_000_000m, PostMoneyValuation = 150_000_000m, Currency = "CNY", ProfessionalInvestor = true }],
        CleanRecord = [new CleanRecordEvent(code, "abnormalOperations", new DateOnly(2018, 1, 5))],
    };

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public void MigrationsApplyOnceAndAgainIsANoOp(string provider)
    {
        var db = Providers.Fresh(provider);
        Assert.Empty(Migrator.Migrate(db));
        using var c = db.Open();
        Assert.Equal(Migrator.Available(db.Provider).Max(m => m.Version), Migrator.CurrentVersion(c));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public void ARecordRoundTripsExactly(string provider)
    {
        var db = Providers.Fresh(provider);
        var repo = new RegistryRepository(db);
        repo.SaveReferenceData(JiangxiReference.Default);
        var record = Sample(Code("91360100MA35ABCD1"));
        repo.Insert([record]);
        var back = repo.Get(record.Enterprise.CreditCode)!;
        Assert.Equal(record.Enterprise with { Version = 1 }, back.Enterprise);
        Assert.Equal(record.Filings, back.Filings);
        Assert.Equal(12_345_678.91m, back.Filings[0].SalesRevenue); // exact decimals, not floating point
        Assert.Equal(record.Ip, back.Ip);
        Assert.Equal(record.HnteCertificates, back.HnteCertificates);
        Assert.Equal(record.TechSmeRegistrations, back.TechSmeRegistrations);
        Assert.Equal(record.ListEntries, back.ListEntries);
        Assert.Equal(record.Financing, back.Financing);
        Assert.Equal(record.CleanRecord, back.CleanRecord);
    }

    public static IEnumerable<object[]> BadFilings()
    {
        foreach (var p in Providers.All())
        {
            yield return [p[0], "negative", "salesRevenue"];
            yield return [p[0], "techStaffAboveEmployees", "techStaff"];
            yield return [p[0], "domesticAboveRd", "rdExpenseDomestic"];
            yield return [p[0], "beforeRegistration", "year"];
            yield return [p[0], "duplicate", "year"];
            yield return [p[0], "invalidCode", "creditCode"];
        }
    }

    [Theory, MemberData(nameof(BadFilings))]
    public void BadFilingsAreRejectedNamingEnterpriseYearAndFieldAndNothingIsWritten(string provider, string kind, string field)
    {
        var db = Providers.Fresh(provider);
        var repo = new RegistryRepository(db);
        repo.SaveReferenceData(JiangxiReference.Default);
        var code = Code("91360100MA35ABCD1");
        repo.Insert([Sample(code)]);
        var filing = new Filing { CreditCode = code, Year = 2024, Employees = 10, TechStaff = 2, SalesRevenue = 100m, RdExpense = 10m, RdExpenseDomestic = 5m };
        filing = kind switch
        {
            "negative" => filing with { SalesRevenue = -1m },
            "techStaffAboveEmployees" => filing with { TechStaff = 11 },
            "domesticAboveRd" => filing with { RdExpenseDomestic = 11m },
            "beforeRegistration" => filing with { Year = 2015 },
            "duplicate" => filing with { Year = 2023 },
            "invalidCode" => filing with { CreditCode = code[..17] + (code[17] == '0' ? '1' : '0') },
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        var e = Assert.Throws<RegistryValidationException>(() => repo.AddFiling(filing));
        var problem = Assert.Single(e.Problems, p => p.Field == field);
        Assert.Equal(filing.Year, problem.Year);
        Assert.Contains(filing.CreditCode, e.Message);
        using var c = db.Open();
        Assert.Equal(2, c.ExecuteScalar<int>("SELECT COUNT(*) FROM filings"));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public void ABatchWithOneBadRecordWritesNothing(string provider)
    {
        var db = Providers.Fresh(provider);
        var repo = new RegistryRepository(db);
        repo.SaveReferenceData(JiangxiReference.Default);
        var good = Sample(Code("91360100MA35ABCD1"));
        var bad = Sample(Code("91360100MA35ABCD2"));
        bad = bad with { Filings = [bad.Filings[0] with { TechStaff = 500 }] };
        var e = Assert.Throws<RegistryValidationException>(() => repo.Insert([good, bad]));
        Assert.Contains(e.Problems, p => p.CreditCode == bad.Enterprise.CreditCode && p.Year == 2022 && p.Field == "techStaff");
        Assert.Equal(0, repo.CountEnterprises());
    }

    public static IEnumerable<object[]> BadChildRows()
    {
        foreach (var p in Providers.All())
        {
            yield return [p[0], "financing.amount"];
            yield return [p[0], "financing.currency"];
            yield return [p[0], "ip.validTo"];
            yield return [p[0], "listEntry.tier"];
        }
    }

    [Theory, MemberData(nameof(BadChildRows))]
    public void EveryKindOfRowIsCheckedBeforeAnythingIsWritten(string provider, string field)
    {
        var db = Providers.Fresh(provider);
        var repo = new RegistryRepository(db);
        repo.SaveReferenceData(JiangxiReference.Default);
        var r = Sample(Code("91360100MA35ABCD1"));
        r = field switch
        {
            "financing.amount" => r with { Financing = [r.Financing[0] with { Amount = -5m }] },
            "financing.currency" => r with { Financing = [r.Financing[0] with { Currency = "EUR" }] },
            "ip.validTo" => r with { Ip = [r.Ip[0] with { ValidTo = r.Ip[0].ValidFrom }] },
            "listEntry.tier" => r with { ListEntries = [r.ListEntries[0] with { Tier = "dragon" }] },
            _ => throw new ArgumentOutOfRangeException(nameof(field)),
        };
        var e = Assert.Throws<RegistryValidationException>(() => repo.Insert([r]));
        Assert.Contains(e.Problems, p => p.Field == field && p.CreditCode == r.Enterprise.CreditCode);
        Assert.Equal(0, repo.CountEnterprises());
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public void ACertificateIssuedOn29FebruaryExpiresOn28FebruaryThreeYearsLater(string provider)
    {
        var db = Providers.Fresh(provider);
        var repo = new RegistryRepository(db);
        repo.SaveReferenceData(JiangxiReference.Default);
        var code = Code("91360100MA35ABCD1");
        var r = Sample(code) with { HnteCertificates = [new HnteCertificateRecord(code, "GR202036000229", new DateOnly(2020, 2, 29))] };
        repo.Insert([r]);
        Assert.Equal(1, new RegistryStatistics(repo.Database).ValidHnteCount(new DateOnly(2023, 2, 27), 3));
        Assert.Equal(0, new RegistryStatistics(repo.Database).ValidHnteCount(new DateOnly(2023, 2, 28), 3));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public void AGeneratedProvinceIsStoredScreenedAndCounted(string provider)
    {
        var db = Providers.Fresh(provider);
        var n = Seeding.SeedProvince(db, new GeneratorOptions { Seed = 11, Enterprises = 400 }, Engine);
        var repo = new RegistryRepository(db);
        Assert.Equal(400, n);
        Assert.Equal(400, repo.CountEnterprises());
        var streamed = repo.StreamAll(pageSize: 64).ToList();
        Assert.Equal(400, streamed.Select(r => r.Enterprise.CreditCode).Distinct().Count());
        Assert.All(streamed, r => Assert.True(UnifiedSocialCreditCode.IsValid(r.Enterprise.CreditCode)));
        var asOf = new DateOnly(2023, 6, 30);
        var summary = new Screening(repo, Engine).Run(asOf);
        var stored = new RegistryStatistics(repo.Database).EligibleByTierAndCity(asOf);
        Assert.Equal(summary.QualifiedByTier["tech-sme"], stored.Where(x => x.Tier == "tech-sme").Sum(x => x.Count));
        Assert.True(summary.QualifiedByTier["tech-sme"] > 0, "a province of 400 firms has some tech SMEs");
        // Recognition follows the engine: every registration was eligible at mid-year of its year.
        foreach (var r in streamed.Where(r => r.TechSmeRegistrations.Count > 0).Take(20))
            foreach (var reg in r.TechSmeRegistrations)
            {
                var at = new DateOnly(reg.Year, 6, 30);
                Assert.Equal(Outcome.Qualified, Engine.Assess(ProfileBuilder.Build(r, at), at).For("tech-sme")!.Outcome);
            }
    }
}
