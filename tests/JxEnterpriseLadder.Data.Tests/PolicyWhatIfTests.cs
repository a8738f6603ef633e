using System.Text.Json;
using Dapper;
using JxEnterpriseLadder.Domain;
using JxEnterpriseLadder.Domain.Access;
using JxEnterpriseLadder.Domain.Registry;
using JxEnterpriseLadder.Rules.Engine;
using JxEnterpriseLadder.Services;
using MiniExcelLibs;
using JxEnterpriseLadder.Rules;

namespace JxEnterpriseLadder.Data.Tests;

/// <summary>
/// Policy drafts and the what-if screening (issue 22) on both databases. The enterprises are the conformance case
/// "职工正好 500 人" (tests/JxEnterpriseLadder.Rules.Tests/Cases/tech-sme-basics.json) at head counts around the
/// 500-employee ceiling, technical staff kept at 30%: a draft that moves the ceiling moves exactly those between
/// the two ceilings, and nothing stored changes.
/// </summary>
public sealed class PolicyWhatIfTests
{
    private static readonly DateOnly AsOf = new(2024, 6, 30);
    private static readonly int[] HeadCounts = [480, 499, 500, 501, 505, 510, 520];
    private const string Officer = "province";

    private static string Code(int i)
    {
        var first17 = $"91360100MA35W{i:D4}";
        return first17 + UnifiedSocialCreditCode.CheckCharacter(first17);
    }

    /// <summary>The conformance base firm with <paramref name="employees"/> staff, 30% of them technical.</summary>
    private static EnterpriseRecord Firm(int i, int employees, string city)
    {
        var code = Code(i);
        return new EnterpriseRecord
        {
            Enterprise = new Enterprise
            {
                CreditCode = code, Name = $"{employees} 人示例科技有限公司", RegisteredOn = new DateOnly(2015, 3, 10), CityCode = city,
                Industry = "electronic-information", HiTechField = "electronic-information",
            },
            Filings =
            [
                new Filing
                {
                    CreditCode = code, Year = 2023, Employees = employees, TechStaff = employees * 3 / 10, SalesRevenue = 30_000_000, TotalIncome = 30_500_000,
                    HiTechIncome = 20_000_000, TotalCostsAndExpenses = 28_000_000, RdExpense = 1_800_000, RdExpenseDomestic = 1_800_000,
                    TotalAssets = 50_000_000, TotalLiabilities = 20_000_000, ResultsCommercialized = 2,
                },
            ],
            Ip =
            [
                new IpHolding { CreditCode = code, IpClass = 2, Kind = "utility-model", OwnRd = true, ValidFrom = new DateOnly(2020, 1, 1) },
                new IpHolding { CreditCode = code, IpClass = 2, Kind = "utility-model", OwnRd = true, ValidFrom = new DateOnly(2021, 1, 1) },
            ],
        };
    }

    private static (Database Db, PolicyDrafts Drafts, PolicyWhatIf WhatIf, List<EnterpriseRecord> Firms) Registry(string provider)
    {
        var db = Providers.Fresh(provider);
        var registry = new RegistryRepository(db);
        registry.SaveReferenceData(JiangxiReference.Default);
        var firms = HeadCounts.Select((n, i) => Firm(i, n, i % 2 == 0 ? "nanchang" : "ganzhou")).ToList();
        registry.Insert(firms);
        var engine = new AssessmentEngine();
        return (db, new PolicyDrafts(new DraftRepository(db), new UserRepository(db), engine.Parameters, TimeProvider.System), new PolicyWhatIf(registry, engine), firms);
    }

    private static Dictionary<string, JsonElement> Values(params (string Key, string Json)[] values) =>
        values.ToDictionary(v => v.Key, v => JsonDocument.Parse(v.Json).RootElement.Clone());

    private static PolicyWhatIf.Result Run(PolicyDrafts drafts, PolicyWhatIf whatIf, string name, AccessScope? scope = null)
    {
        var draft = drafts.Find(AccessScope.Province, name)!;
        return whatIf.Run(scope ?? AccessScope.Province, name, drafts.SetAt(draft, AsOf), AsOf);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public void ADraftThatMovesTheHeadCountCeilingMovesExactlyTheFirmsBetweenTheTwoCeilings(string provider)
    {
        var (_, drafts, whatIf, firms) = Registry(provider);
        Assert.True(drafts.Save(AccessScope.Province, Officer, "职工上限 510 人", TierIds.TechSme, AsOf, Values(("maxEmployees", "510")), "试算").Saved);
        Assert.True(drafts.Save(AccessScope.Province, Officer, "职工上限 499 人", TierIds.TechSme, AsOf, Values(("maxEmployees", "499")), null).Saved);

        // Raised to 510: the firms of 501, 505 and 510 enter; 520 stays out; nobody leaves, and no other tier moves.
        var raised = Run(drafts, whatIf, "职工上限 510 人");
        Assert.Equal(HeadCounts.Length, raised.Enterprises);
        Assert.Equal([Code(3), Code(4), Code(5)], raised.Movers.Select(m => m.CreditCode).Order());
        Assert.All(raised.Movers, m => Assert.True(m is { Tier: TierIds.TechSme, Enters: true, UnderLaw: Outcome.NotQualified, UnderDraft: Outcome.Qualified }));
        var techSme = TierIds.IndexOf(TierIds.TechSme);
        Assert.Equal((3, 6), (raised.Total.UnderLaw[techSme], raised.Total.UnderDraft[techSme]));
        // By city: Nanchang holds the even positions (480, 500, 505, 520), Ganzhou the odd (499, 501, 510).
        var byCity = raised.ByCity.ToDictionary(c => c.Key);
        Assert.Equal((2, 3), (byCity["nanchang"].UnderLaw[techSme], byCity["nanchang"].UnderDraft[techSme]));
        Assert.Equal((1, 3), (byCity["ganzhou"].UnderLaw[techSme], byCity["ganzhou"].UnderDraft[techSme]));
        var target = raised.Targets.Single(t => t.Group == TierIds.TechSme);
        Assert.Equal((10000, 3, 6), (target.Target, target.UnderLaw, target.UnderDraft));
        Assert.Equal("500 人", raised.ChangedValues.Single().InForce);
        Assert.Equal("510 人", raised.ChangedValues.Single().Proposed);

        // Lowered to 499: the firm of exactly 500 leaves.
        var lowered = Run(drafts, whatIf, "职工上限 499 人");
        var leaver = Assert.Single(lowered.Movers);
        Assert.Equal((Code(2), false, TierIds.TechSme), (leaver.CreditCode, leaver.Enters, leaver.Tier));

        // One city: Ganzhou's 501 and 510 enter, nobody of Nanchang is read.
        var ganzhou = Run(drafts, whatIf, "职工上限 510 人", AccessScope.Province.NarrowedTo("ganzhou"));
        Assert.Equal([Code(3), Code(5)], ganzhou.Movers.Select(m => m.CreditCode).Order());
        Assert.Equal(3, ganzhou.Enterprises);

        // The workbook: who enters, by name, and the counts by city.
        using var book = new MemoryStream();
        PolicyWhatIf.Export(raised, book);
        book.Position = 0;
        var entered = MiniExcel.Query(book, useHeaderRow: true, sheetName: "进入名单").Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(firms.Skip(3).Take(3).Select(f => f.Enterprise.Name).Order(), entered.Select(r => (string)r["企业名称"]).Order());
        book.Position = 0;
        Assert.Contains(MiniExcel.Query(book, useHeaderRow: true, sheetName: "按设区市").Cast<IDictionary<string, object>>(), r => (string)r["设区市"] == "赣州市");
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public void ADraftNeverAltersTheStoredScreeningOrWhatIsInForce(string provider)
    {
        var (db, drafts, whatIf, _) = Registry(provider);
        var registry = new RegistryRepository(db);
        var engine = new AssessmentEngine();
        new Screening(registry, engine).Run(AsOf);
        var before = Stored(db);
        Assert.True(drafts.Save(AccessScope.Province, Officer, "职工上限 510 人", TierIds.TechSme, AsOf, Values(("maxEmployees", "510")), null).Saved);
        Assert.Equal(3, Run(drafts, whatIf, "职工上限 510 人").Movers.Count);

        Assert.Equal(before, Stored(db));
        Assert.Equal(500, engine.Parameters.InForce(TierIds.TechSme, AsOf)!.Integer("maxEmployees"));
        Assert.Equal(500, ParameterStore.Default.InForce(TierIds.TechSme, AsOf)!.Integer("maxEmployees"));
        // A screening run after the what-if stores what it stored before.
        new Screening(registry, engine).Run(AsOf);
        Assert.Equal(before, Stored(db));
        // A new draft may not take another's name; an edited one keeps its creator, and a rename leaves the old name.
        Problem(drafts.Save(AccessScope.Province, "admin", "职工上限 510 人", TierIds.TechSme, AsOf, Values(("maxEmployees", "520")), null), "name", "已有同名");
        Assert.True(drafts.Save(AccessScope.Province, "admin", "职工上限 520 人", TierIds.TechSme, AsOf, Values(("maxEmployees", "520")), null, editing: "职工上限 510 人").Saved);
        var renamed = Assert.Single(new DraftRepository(db).All());
        Assert.Equal(("职工上限 520 人", Officer, "admin"), (renamed.Name, renamed.CreatedBy, renamed.UpdatedBy));

        // Saved with who and when, in the audit trail.
        var trail = new AuditRepository(db).Latest(AuditSubjects.ParameterDraft, "职工上限 510 人")!;
        Assert.Equal(("admin", "delete"), (trail.Actor, trail.Action));
        Assert.Contains("510", trail.BeforeValue);
        var created = new AuditRepository(db).Latest(AuditSubjects.ParameterDraft, "职工上限 520 人")!;
        Assert.Equal(("admin", "insert"), (created.Actor, created.Action));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public void ADraftWithAMissingMistypedOrUnknownValueIsRefusedNamingTheKey(string provider)
    {
        var (db, drafts, _, _) = Registry(provider);
        Problem(drafts.Save(AccessScope.Province, Officer, "错 1", TierIds.TechSme, AsOf, Values(("maxEmployees", "\"五百\"")), null), "maxEmployees", "应为数值");
        Problem(drafts.Save(AccessScope.Province, Officer, "错 2", TierIds.TechSme, AsOf, Values(("maxEmployees", "500.5")), null), "maxEmployees", "应为整数");
        Problem(drafts.Save(AccessScope.Province, Officer, "错 3", TierIds.TechSme, AsOf, Values(("maxEmploye", "510")), null), "maxEmploye", "没有此参数");
        Problem(drafts.Save(AccessScope.Province, Officer, "错 4", TierIds.TechSme, AsOf, Values(("maxEmployees", "-1")), null), "maxEmployees", "负数");
        Problem(drafts.Save(AccessScope.Province, Officer, "错 5", TierIds.TechSme, AsOf, Values(("maxEmployees", "500")), null), "values", "没有改动");
        Problem(drafts.Save(AccessScope.Province, Officer, " ", TierIds.TechSme, AsOf, Values(("maxEmployees", "510")), null), "name", "草案名称");
        Assert.Throws<OutOfScopeException>(() => drafts.Save(new AccessScope(Roles.CityOfficer, CityCode: "nanchang"), "nanchang", "市级", TierIds.TechSme, AsOf, Values(("maxEmployees", "510")), null));
        // A condition the rules always apply is shown, cited and not editable; a draft that turns it off is refused by name.
        Problem(drafts.Save(AccessScope.Province, Officer, "错 6", TierIds.TechSme, AsOf, Values(("resident", "false")), null), "resident", "始终适用");
        Problem(drafts.Save(AccessScope.Province, Officer, "错 7", TierIds.Gazelle, AsOf, Values(("requiresValidHnte", "false")), null), "requiresValidHnte", "始终适用");
        Assert.Equal(PolicyDrafts.ValueKind.Fixed, drafts.Values(TierIds.TechSme, AsOf).Single(v => v.Key == "resident").Kind);
        Assert.Equal(PolicyDrafts.ValueKind.Number, drafts.Values(TierIds.TechSme, AsOf).Single(v => v.Key == "maxSalesRevenue").Kind);
        Assert.Empty(new DraftRepository(db).All());

        // A whole file with a key left out (the CLI's --draft FOLDER) is refused naming the key.
        var inForce = ParameterStore.Default.InForce(TierIds.TechSme, AsOf)!;
        var missing = new ParameterSet { Set = inForce.Set, EffectiveFrom = inForce.EffectiveFrom, Source = inForce.Source, Values = inForce.Values.Where(v => v.Key != "passScore").ToDictionary() };
        var (store, problems) = ParameterDrafts.InPlaceOfLaw(ParameterStore.Default, [missing], AsOf);
        Assert.Null(store);
        Assert.Equal(("passScore", "缺少此参数"), (Assert.Single(problems).Key, problems[0].Message));
    }

    [Fact]
    public void EveryValueADraftCanChangeIsShownInWordsNotAsItsKey()
    {
        foreach (var set in PolicyDrafts.DraftableSets)
            foreach (var version in ParameterStore.Default.All.Where(s => s.Set == set))
                foreach (var (key, p) in version.Values)
                {
                    Assert.False(string.IsNullOrWhiteSpace(p.Label), $"{version.Version}: {key} has no label");
                    var unit = ParameterUnit.Of(key, p.Value);
                    foreach (var english in new[] { false, true })
                        Assert.DoesNotMatch(english ? "[a-z][A-Z]|[a-z]-[a-z]|\\{|\\[|\"" : "[a-zA-Z]{3}|\\{|\\[|\"", unit.Display(p.Value, english)); // no key, code or raw JSON
                }
    }

    private static void Problem(PolicyDrafts.SaveResult result, string key, string says)
    {
        Assert.False(result.Saved);
        var p = Assert.Single(result.Problems);
        Assert.Equal(key, p.Key);
        Assert.Contains(says, p.Message);
    }

    private static List<string> Stored(Database db)
    {
        using var c = db.Open();
        return c.Query<(string, int, int, string)>(
            """
            SELECT l.credit_code, l.qualified_tiers, l.undetermined_tiers, r.results FROM ladder_positions l
            JOIN tier_results r ON r.as_of = l.as_of AND r.credit_code = l.credit_code WHERE l.as_of = @AsOf ORDER BY l.credit_code
            """, new { AsOf }).Select(x => x.ToString()).ToList();
    }
}
