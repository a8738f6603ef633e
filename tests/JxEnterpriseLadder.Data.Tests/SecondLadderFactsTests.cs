using JxEnterpriseLadder.Domain;
using JxEnterpriseLadder.Domain.Access;
using JxEnterpriseLadder.Domain.Registry;
using JxEnterpriseLadder.Exchange;
using JxEnterpriseLadder.Rules;
using static JxEnterpriseLadder.Data.Tests.ImportTests;

namespace JxEnterpriseLadder.Data.Tests;

/// <summary>
/// The rest of the second ladder's facts (issue 21, criteria-quality-sme.md §7) on both databases: the enterprise's main
/// product, management and judged 链/品 with who confirmed them, the qualified paid-in of a round, and the R&amp;D
/// institutions, awards and contest places sheets; imported, exported back the same, audited, read by the rules at the
/// date, and refused with the row and the column named when they cannot be right.
/// </summary>
public sealed class SecondLadderFactsTests
{
    private static readonly AuditStamp Officer = new("officer-a", "2024 年优质中小企业材料");

    private static EnterpriseRecord WithFacts(EnterpriseRecord r) => r with
    {
        Enterprise = r.Enterprise with
        {
            NicheMarket = "高端轴承", NationalMarketShare = 0.125m, ChineseControlled = true, RelatedToLittleGiant = false,
            DigitalisationLevel = 3, CoreBusinessesOnSystems = 4, QualityAward = false, QualitySystemCertificate = true, OwnBrand = true,
            StandardDrafting = true, DevelopedMarketCertification = false, ChainRole = QualityVocabulary.ChainKeyLink, KeyChainLink = true, PriorityField = true,
        },
        Financing = [new FinancingRoundRecord
        {
            CreditCode = r.Enterprise.CreditCode, RoundDate = new DateOnly(2023, 3, 1), Amount = 8_000_000m, Currency = "CNY", ProfessionalInvestor = true,
            QualifiedPaidIn = 6_000_000m,
        }],
        // Two items listed for the second ladder (one own and applied, one transferred), and one left unlisted.
        Ip =
        [
            new IpHolding { CreditCode = r.Enterprise.CreditCode, IpClass = 1, Kind = "invention", OwnRd = true, ValidFrom = new DateOnly(2020, 4, 1), RelatedToMainProduct = true, HighValue = false, AppliedWithBenefit = true },
            new IpHolding { CreditCode = r.Enterprise.CreditCode, IpClass = 1, Kind = "invention", OwnRd = false, ValidFrom = new DateOnly(2019, 4, 1), RelatedToMainProduct = true, AcquiredOn = new DateOnly(2023, 11, 1), AppliedWithBenefit = true },
            new IpHolding { CreditCode = r.Enterprise.CreditCode, IpClass = 2, Kind = "utility-model", OwnRd = true, ValidFrom = new DateOnly(2021, 4, 1) },
        ],
        RdInstitutions = [new(r.Enterprise.CreditCode, "江西省高端轴承工程技术研究中心", QualityVocabulary.Provincial, QualityVocabulary.OtherInstitution, new DateOnly(2022, 12, 20), true)],
        Awards = [new(r.Enterprise.CreditCode, "江西省科学技术进步奖二等奖", QualityVocabulary.Provincial, new DateOnly(2023, 5, 18), 1)],
        ContestResults = [new(r.Enterprise.CreditCode, 2023, 500)],
    };

    private static List<(string, List<object?[]>)> Sheets(IReadOnlyList<EnterpriseRecord> records) =>
        new[] { SheetSchema.Enterprises, SheetSchema.Ip, SheetSchema.Financing, SheetSchema.RdInstitutions, SheetSchema.Awards, SheetSchema.ContestResults }
            .Select(kind => (kind, Rows(kind, records))).ToList();

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public void TheFactsAreImportedExportedTheSameAuditedAndReadByTheRulesAtTheDate(string provider)
    {
        var db = Fresh(provider);
        var records = Province(12).Select(r => r with { QualityTitles = [], TitleUpdates = [], ChangeReports = [] }).ToList();
        var firm = WithFacts(records.First(r => r.Enterprise.RegisteredOn.Year < 2015));
        var importer = Importer(db);
        Assert.True(importer.Import(AccessScope.Province, Officer, [new("firms.xlsx", Workbook((SheetSchema.Enterprises, Rows(SheetSchema.Enterprises, records))))]).Written);
        var result = importer.Import(AccessScope.Province, Officer, [new("facts.xlsx", Workbook(Sheets([firm]).ToArray()))]);
        Assert.True(result.Written, string.Join("\n", result.Problems));
        Assert.Equal(1, result.Summary.ChangedEnterprises);

        var stored = new RegistryRepository(db).Get(firm.Enterprise.CreditCode)!;
        // The officer who imported changed 链/品 without a confirmer of the file's own: the import confirms them, today.
        Assert.Equal(Officer.Actor, stored.Enterprise.ChainJudgedBy);
        Assert.Equal(DateOnly.FromDateTime(DateTime.Today), stored.Enterprise.ChainJudgedOn);
        Assert.Equal(firm.Enterprise with { ChainJudgedBy = null, ChainJudgedOn = null, Version = 0, RecordVersion = 0 },
            stored.Enterprise with { ChainJudgedBy = null, ChainJudgedOn = null, Version = 0, RecordVersion = 0 });
        Assert.Equal(firm.Financing, stored.Financing);
        Assert.Equal(firm.Ip.OrderBy(i => i.ValidFrom), stored.Ip.OrderBy(i => i.ValidFrom));
        Assert.Equal(firm.RdInstitutions, stored.RdInstitutions);
        Assert.Equal(firm.Awards, stored.Awards);
        Assert.Equal(firm.ContestResults, stored.ContestResults);
        var trail = new AuditRepository(db).For(firm.Enterprise.CreditCode);
        foreach (var subject in new[] { AuditSubjects.RdInstitution, AuditSubjects.Award, AuditSubjects.ContestResult, AuditSubjects.Financing, AuditSubjects.Enterprise })
            Assert.Contains(trail, e => e.Subject == subject);

        // Exported and imported again: nothing changes.
        var again = importer.Import(AccessScope.Province, Officer, [new("again.xlsx", Workbook(Sheets([stored]).ToArray()))]);
        Assert.True(again.Written || again.Summary.ChangedEnterprises == 0, string.Join("\n", again.Problems));
        Assert.Equal(0, again.Summary.ChangedEnterprises);

        // The rules read them: the provincial institution is 创新型's direct route; the 12.5% share meets 小巨人's 10%.
        var engine = new AssessmentEngine();
        var asOf = new DateOnly(2024, 6, 30);
        var assessed = engine.Assess(stored, asOf);
        Assert.Equal(true, assessed.For(TierIds.InnovativeSme)!.Criteria.Single(c => c.Id == "innovative-sme.direct.rd-institution").Passed);
        Assert.Equal(true, assessed.For(TierIds.LittleGiant)!.Criteria.Single(c => c.Id == "little-giant.market-share").Passed);
        // What was not yet so at the date is not known then: an institution recognised later, 链 confirmed later.
        var profile = ProfileBuilder.Build(stored, new DateOnly(2022, 6, 30));
        Assert.Empty(profile.RdInstitutions!);
        Assert.Null(profile.MainProduct!.KeyChainLink);
        Assert.Equal(0.125m, profile.MainProduct.NationalMarketShare);
        Assert.Equal(6_000_000m, ProfileBuilder.Build(stored, asOf).Financing.Single().QualifiedPaidIn);
        // The items listed for the second ladder, valid at the date, the same from a single record and from a screening's read
        // (which counts the IP in the database and reads only the listed items whole).
        var items = ProfileBuilder.Build(stored, asOf).IpItems!;
        Assert.Equal(2, items.Count);
        Assert.Contains(items, i => i.SelfDeveloped == false && i.AcquiredOn == new DateOnly(2023, 11, 1));
        var screened = new RegistryRepository(db).StreamForAssessment([firm.Enterprise.CreditCode], asOf).Single();
        Assert.Equal(items, ProfileBuilder.Build(screened, asOf).IpItems!);
        Assert.Equal(ProfileBuilder.Build(stored, asOf).Ip, ProfileBuilder.Build(screened, asOf).Ip);
        Assert.Equal(engine.Assess(stored, asOf).Results.Select(x => (x.Tier, x.Outcome)), engine.Assess(screened, asOf).Results.Select(x => (x.Tier, x.Outcome)));
        // A firm without a row of a kind: not known, so its tiers ask for it.
        Assert.Null(ProfileBuilder.Build(new RegistryRepository(db).Get(records[^1].Enterprise.CreditCode)!, asOf).Awards);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public void AFactThatCannotBeRightIsRefusedWithItsRowAndColumnAndNothingIsWritten(string provider)
    {
        var db = Fresh(provider);
        var records = Province(10).Select(r => r with { QualityTitles = [], TitleUpdates = [], ChangeReports = [] }).ToList();
        var importer = Importer(db);
        Assert.True(importer.Import(AccessScope.Province, Officer, [new("firms.xlsx", Workbook((SheetSchema.Enterprises, Rows(SheetSchema.Enterprises, records))))]).Written);
        var bad = new[]
        {
            WithFacts(records[0]) with { RdInstitutions = [new(records[0].Enterprise.CreditCode, "某县级中心", "county", null, new DateOnly(2022, 1, 1), null)] },
            WithFacts(records[1]) with { Enterprise = WithFacts(records[1]).Enterprise with { NationalMarketShare = 12.5m } },
            WithFacts(records[2]) with { ContestResults = [new(records[2].Enterprise.CreditCode, 2023, 100)] },
            WithFacts(records[3]) with { Awards = [new(records[3].Enterprise.CreditCode, "某奖", QualityVocabulary.National, new DateOnly(2023, 1, 1), 0)] },
        };
        var result = importer.Import(AccessScope.Province, Officer, [new("bad.xlsx", Workbook(Sheets(bad).ToArray()))]);
        Assert.False(result.Written);
        void Named(string kind, string column, EnterpriseRecord r)
        {
            var sheet = SheetSchema.Of(kind);
            Assert.Contains(result.Problems, p => p.Sheet == sheet.Zh && p.Column.StartsWith(sheet.Column(column).Header, StringComparison.Ordinal)
                && p.CreditCode == r.Enterprise.CreditCode && p.Row > 1);
        }
        Named(SheetSchema.RdInstitutions, "level", bad[0]);
        Named(SheetSchema.Enterprises, "national_market_share", bad[1]);
        Named(SheetSchema.ContestResults, "national_top", bad[2]);
        Named(SheetSchema.Awards, "rank", bad[3]);
        foreach (var table in new[] { "rd_institutions", "awards", "contest_results" }) Assert.Equal(0, Count(db, table));
        Assert.All(records.Take(4), r => Assert.Null(new RegistryRepository(db).Get(r.Enterprise.CreditCode)!.Enterprise.NicheMarket));
    }
}
