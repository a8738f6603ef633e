using JxEnterpriseLadder.Domain.Access;
using JxEnterpriseLadder.Domain.Registry;
using JxEnterpriseLadder.Exchange;
using JxEnterpriseLadder.Rules.Engine;
using JxEnterpriseLadder.Services;
using static JxEnterpriseLadder.Data.Tests.ImportTests;
using JxEnterpriseLadder.Domain;
using JxEnterpriseLadder.Rules;

namespace JxEnterpriseLadder.Data.Tests;

/// <summary>
/// The HNTE judged items held in the registry, on both databases: a screening scores them, so HNTE is no longer always
/// undetermined; items given after a screening's date are not read by it; who gave them is kept and audited.
/// </summary>
public sealed class HnteJudgementTests
{
    private static readonly DateOnly AsOf = new(2024, 6, 30);
    private static readonly AssessmentEngine Engine = new();

    /// <summary>A generated province as a registry that holds no judged items yet (the generator keeps its simulated
    /// reviews' items on the record, revision 3): the state these tests start from.</summary>
    private static List<EnterpriseRecord> Unjudged(IEnumerable<EnterpriseRecord> records) => records.Select(r => r with
    {
        Enterprise = r.Enterprise with
        {
            HnteTechAdvancement = null, HnteCoreSupport = null, HnteRdRulesAndAccounts = null, HnteRdUnitAndCooperation = null,
            HnteCommercializationIncentives = null, HnteTalentRules = null, HnteJudgedBasis = null, HnteJudgedBy = null, HnteJudgedOn = null,
        },
    }).ToList();

    private static List<string> Open(DirectoryRepository directory) =>
        directory.StreamSearch(AccessScope.Province, new DirectoryRepository.Filter(OutcomeTier: "hnte", Outcome: "undetermined"), DirectoryRepository.SortBy.CreditCode, false)
            .Select(r => r.CreditCode).ToList();

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public void AScreeningScoresTheJudgedItemsGivenByItsDate(string provider)
    {
        var db = Fresh(provider);
        var registry = new RegistryRepository(db);
        registry.Insert(Unjudged(Province(300)));
        var directory = new DirectoryRepository(db);
        var screening = new Screening(registry, Engine);
        var screened = screening.Run(AsOf).Enterprises; // those registered by the date

        var before = directory.ScreeningCounts(AccessScope.Province).Single(c => c.Tier == "hnte");
        Assert.Equal(screened, before.Qualified + before.Undetermined + before.NotQualified);
        // Without judged items, an enterprise whose other conditions hold can only be "may qualify".
        var open = Open(directory).Where(code =>
            Engine.Assess(ProfileBuilder.Build(registry.Get(code)!, AsOf), AsOf).Results.Single(r => r.Tier == "hnte").Missing.All(m => m.StartsWith("expert.", StringComparison.Ordinal))).ToList();
        Assert.True(open.Count >= 3, $"{open.Count} enterprises wait only on judged items");

        // The best items for all but one, given before the date; the last one's given after it.
        var late = open[^1];
        foreach (var code in open)
        {
            var read = registry.Get(code)!.Enterprise;
            var judged = read with
            {
                HnteTechAdvancement = "A", HnteCoreSupport = "A", HnteRdRulesAndAccounts = true, HnteRdUnitAndCooperation = true,
                HnteCommercializationIncentives = true, HnteTalentRules = true,
            };
            judged = HnteJudgement.Stamp(judged, read, HnteJudgement.Officer, "officer-j", code == late ? AsOf.AddDays(1) : AsOf.AddDays(-30));
            new RecordChangeRepository(registry.Database).UpdateEnterprise(read, judged, new AuditStamp("officer-j", "专家评价录入"), 1_717_000_000);
        }
        screening.Run(AsOf);

        var stillOpen = Open(directory);
        Assert.Contains(late, stillOpen); // given after the screening's date: not known then
        foreach (var code in open.Where(c => c != late))
        {
            Assert.DoesNotContain(code, stillOpen);
            // The screening agrees with the engine reading the same record itself.
            var expected = Engine.Assess(ProfileBuilder.Build(registry.Get(code)!, AsOf), AsOf).Results.Single(r => r.Tier == "hnte").Outcome;
            Assert.NotEqual(Outcome.Undetermined, expected);
        }
        var after = directory.ScreeningCounts(AccessScope.Province).Single(c => c.Tier == "hnte");
        Assert.Equal(before.Undetermined - (open.Count - 1), after.Undetermined);
        Assert.True(after.Qualified > before.Qualified);

        // Who gave them is kept and in the trail.
        var first = registry.Get(open[0])!.Enterprise;
        Assert.Equal((HnteJudgement.Officer, "officer-j"), (first.HnteJudgedBasis, first.HnteJudgedBy));
        Assert.Contains(new AuditRepository(db).Stream(AccessScope.Province), e => e.CreditCode == open[0] && e.AfterValue != null && e.AfterValue.Contains("\"A\"", StringComparison.Ordinal));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public void ImportedJudgedItemsAreStampedAndReimportingChangesNothing(string provider)
    {
        var db = Fresh(provider);
        var records = Unjudged(Province(5));
        var rows = Rows(SheetSchema.Enterprises, records);
        var grade = SheetSchema.Of(SheetSchema.Enterprises).Columns.Select(c => c.Column).ToList().IndexOf("hnte_tech_advancement");
        var fact = SheetSchema.Of(SheetSchema.Enterprises).Columns.Select(c => c.Column).ToList().IndexOf("hnte_talent_rules");
        rows[0][grade] = "B";
        rows[0][fact] = "是";
        Assert.True(Importer(db).Import(AccessScope.Province, new AuditStamp("officer-i", "导入评价"), [new("a.xlsx", Workbook((SheetSchema.Enterprises, rows)))]).Written);
        var e = new RegistryRepository(db).Get((string)rows[0][0]!)!.Enterprise;
        Assert.Equal(("B", true, HnteJudgement.Import, "officer-i"), (e.HnteTechAdvancement, e.HnteTalentRules, e.HnteJudgedBasis, e.HnteJudgedBy));
        Assert.Null(new RegistryRepository(db).Get((string)rows[1][0]!)!.Enterprise.HnteJudgedBasis);

        var trail = Count(db, "audit_trail");
        var again = Importer(db).Import(AccessScope.Province, new AuditStamp("officer-k", "再次导入"), [new("a.xlsx", Workbook((SheetSchema.Enterprises, rows)))]);
        Assert.False(again.Written);
        Assert.Equal(trail, Count(db, "audit_trail"));
        Assert.Equal("officer-i", new RegistryRepository(db).Get((string)rows[0][0]!)!.Enterprise.HnteJudgedBy);

        // The registry's own export carries the stamp; an officer changes a grade in it and imports it back: the change
        // is stamped as this import's, not left under the old stamp.
        var exported = Rows(SheetSchema.Enterprises, [new RegistryRepository(db).Get((string)rows[0][0]!)!]);
        exported[0][grade] = "A";
        Assert.True(Importer(db).Import(AccessScope.Province, new AuditStamp("officer-m", "改评级"), [new("c.xlsx", Workbook((SheetSchema.Enterprises, exported)))]).Written);
        var regraded = new RegistryRepository(db).Get((string)rows[0][0]!)!.Enterprise;
        Assert.Equal(("A", "officer-m"), (regraded.HnteTechAdvancement, regraded.HnteJudgedBy));
        rows[0][grade] = "A";

        // A bad grade is named by row and column.
        rows[1][grade] = "F";
        var bad = Importer(db).Import(AccessScope.Province, new AuditStamp("officer-i", "导入评价"), [new("b.xlsx", Workbook((SheetSchema.Enterprises, rows)))]);
        Assert.False(bad.Written);
        Assert.Contains(bad.Problems, p => p.Row == 3 && p.Message.Contains("A|B|C|D|E", StringComparison.Ordinal) || p.Row == 3 && p.Message.Contains('A'));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public void ASavedSelfCheckKeepsTheItemsItLeavesOpen(string provider)
    {
        var db = Fresh(provider);
        var registry = new RegistryRepository(db);
        registry.Insert(Unjudged(Province(3)));
        var code = registry.StreamAll().First().Enterprise.CreditCode;
        var read = registry.Get(code)!.Enterprise;
        var graded = HnteJudgement.Stamp(read with { HnteTechAdvancement = "A", HnteCoreSupport = "B", HnteTalentRules = true }, read, HnteJudgement.Officer, "officer-o", AsOf);
        new RecordChangeRepository(registry.Database).UpdateEnterprise(read, graded, new AuditStamp("officer-o", "专家评价"), 1_717_000_000);

        var directory = new EnterpriseDirectory(new DirectoryRepository(db), registry, new PredictionRepository(db), new ReviewRepository(db), new AuditRepository(db), new JxEnterpriseLadder.Rules.AssessmentEngine(), TimeProvider.System);
        var scope = new AccessScope(Roles.Enterprise, CreditCode: code);
        var profile = ProfileBuilder.Build(registry.Get(code)!, AsOf) with
        {
            Expert = new Domain.Profiles.ExpertGrades { CoreSupport = "C", RdManagement = new Domain.Profiles.RdManagementFacts { RdRulesAndAccounts = true } },
        };
        directory.SaveSelfCheck(scope, "enterprise-user", profile, AsOf);

        var after = registry.Get(code)!.Enterprise;
        Assert.Equal(("A", "C", true, true), (after.HnteTechAdvancement, after.HnteCoreSupport, after.HnteTalentRules, after.HnteRdRulesAndAccounts));
        Assert.Equal((HnteJudgement.SelfAssessed, "enterprise-user"), (after.HnteJudgedBasis, after.HnteJudgedBy));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public void ASelfCheckWithoutAnyYearsFiguresIsNotSaved(string provider)
    {
        var db = Fresh(provider);
        var registry = new RegistryRepository(db);
        registry.Insert(Unjudged(Province(3)));
        var code = registry.StreamAll().First().Enterprise.CreditCode;
        var before = registry.Get(code)!;
        var directory = new EnterpriseDirectory(new DirectoryRepository(db), registry, new PredictionRepository(db), new ReviewRepository(db), new AuditRepository(db), new JxEnterpriseLadder.Rules.AssessmentEngine(), TimeProvider.System);
        var scope = new AccessScope(Roles.Enterprise, CreditCode: code);

        var blank = new Domain.Profiles.EnterpriseProfile { CreditCode = code, Expert = new Domain.Profiles.ExpertGrades { CoreSupport = "C" } };
        Assert.False(EnterpriseDirectory.HasFigures(blank));
        Assert.Throws<ArgumentException>(() => directory.SaveSelfCheck(scope, "enterprise-user", blank, AsOf));

        Assert.Equal(before.Enterprise, registry.Get(code)!.Enterprise); // the judged items were not taken over either
        Assert.Empty(new ReviewRepository(db).SelfChecksFor(code));
        Assert.True(EnterpriseDirectory.HasFigures(ProfileBuilder.Build(before, AsOf)));
    }
}
