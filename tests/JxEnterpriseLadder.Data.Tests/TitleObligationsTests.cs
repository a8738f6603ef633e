using JxEnterpriseLadder.Domain;
using JxEnterpriseLadder.Domain.Access;
using JxEnterpriseLadder.Domain.Registry;
using JxEnterpriseLadder.Exchange;
using JxEnterpriseLadder.Rules;
using JxEnterpriseLadder.Rules.Tiers;
using static JxEnterpriseLadder.Data.Tests.ImportTests;

namespace JxEnterpriseLadder.Data.Tests;

/// <summary>
/// The titles' yearly updates and major-change reports (issue 21 point 3, criteria-quality-sme.md §7 item 21) on both
/// databases: imported with the titles, exported back the same, audited, read at a date by the title-lifecycle rules,
/// and refused with the row and the column named when they cannot be right.
/// </summary>
public sealed class TitleObligationsTests
{
    private static readonly AuditStamp Officer = new("officer-a", "2025 年称号年度更新");

    private static EnterpriseRecord Holder(EnterpriseRecord r)
    {
        var code = r.Enterprise.CreditCode;
        return r with
        {
            QualityTitles = [new(code, TierIds.SpecialisedSme, new DateOnly(2023, 8, 1), new DateOnly(2026, 7, 31), "2023 年第一批", null)],
            // 2024 on time, 2025 late (the review is forfeited); 2026 not yet done.
            TitleUpdates = [new(code, TierIds.SpecialisedSme, 2024, new DateOnly(2024, 4, 12)), new(code, TierIds.SpecialisedSme, 2025, new DateOnly(2025, 5, 6))],
            ChangeReports = [new(code, new DateOnly(2025, 3, 10), QualityVocabulary.Rename, new DateOnly(2025, 4, 1))],
        };
    }

    private static List<(string, List<object?[]>)> Sheets(IReadOnlyList<EnterpriseRecord> records) =>
        new[] { SheetSchema.QualityTitles, SheetSchema.TitleUpdates, SheetSchema.ChangeReports }.Select(kind => (kind, Rows(kind, records))).ToList();

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public void UpdatesAndChangeReportsAreImportedExportedTheSameAuditedAndReadAtTheDate(string provider)
    {
        var db = Fresh(provider);
        var records = Province(8).Select(r => r with { QualityTitles = [], TitleUpdates = [], ChangeReports = [] }).ToList();
        var importer = Importer(db);
        Assert.True(importer.Import(AccessScope.Province, Officer, [new("firms.xlsx", Workbook((SheetSchema.Enterprises, Rows(SheetSchema.Enterprises, records))))]).Written);
        var firm = Holder(records[0]);
        var result = importer.Import(AccessScope.Province, Officer, [new("titles.xlsx", Workbook(Sheets([firm]).ToArray()))]);
        Assert.True(result.Written, string.Join("\n", result.Problems));

        var stored = new RegistryRepository(db).Get(firm.Enterprise.CreditCode)!;
        Assert.Equal(firm.TitleUpdates, stored.TitleUpdates);
        Assert.Equal(firm.ChangeReports, stored.ChangeReports);
        var trail = new AuditRepository(db).For(firm.Enterprise.CreditCode);
        Assert.Contains(trail, e => e.Subject == AuditSubjects.TitleUpdate);
        Assert.Contains(trail, e => e.Subject == AuditSubjects.ChangeReport);

        // Exported and imported again: nothing changes.
        var again = importer.Import(AccessScope.Province, Officer, [new("again.xlsx", Workbook(Sheets([stored]).ToArray()))]);
        Assert.Equal(0, again.Summary.ChangedEnterprises);

        // Read at 2026-06-30: 2024 on time, 2025 late, 2026 missed (31 May under 2号); the rename reported in time.
        var laws = new AssessmentEngine().Laws;
        var standing = Assert.Single(TitleLifecycle.Standing(laws, stored, new DateOnly(2026, 6, 30)));
        Assert.Equal([ObligationState.OnTime, ObligationState.Late, ObligationState.Missed], standing.Updates.Select(u => u.State));
        Assert.Equal(new DateOnly(2026, 5, 31), standing.Updates[^1].Deadline);
        Assert.Equal(ObligationState.OnTime, Assert.Single(standing.Changes).State);
        Assert.True(standing.ReviewForfeited);
        Assert.False(standing.WithdrawalPossible);
        // At 2025-04-20 the late 2025 update was not done yet, and its deadline not passed: nothing is lost then.
        var earlier = Assert.Single(TitleLifecycle.Standing(laws, stored, new DateOnly(2025, 4, 20)));
        Assert.Equal([ObligationState.OnTime, ObligationState.Pending], earlier.Updates.Select(u => u.State));
        Assert.False(earlier.ReviewForfeited);
    }

    /// <summary>The officers' overview: per title the holders and this year's update by state, the firms to follow up (a
    /// change not reported in time first), only within the caller's scope.</summary>
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public void TheOverviewCountsEachTitlesObligationsInScopeAndListsTheFirmsToFollowUpFirst(string provider)
    {
        var db = Fresh(provider);
        var records = Province(30).Select(r => r with { QualityTitles = [], TitleUpdates = [], ChangeReports = [] }).ToList();
        var city = records.GroupBy(r => r.Enterprise.CityCode).OrderByDescending(g => g.Count()).First().Key;
        var inCity = records.Where(r => r.Enterprise.CityCode == city).Take(3).ToList();
        var elsewhere = records.First(r => r.Enterprise.CityCode != city);
        var asOf = new DateOnly(2026, 6, 30);
        EnterpriseRecord Held(EnterpriseRecord r, params TitleAnnualUpdateRecord[] updates) => r with
        {
            QualityTitles = [new(r.Enterprise.CreditCode, TierIds.SpecialisedSme, new DateOnly(2024, 8, 1), new DateOnly(2027, 7, 31), null, null)],
            TitleUpdates = updates,
        };
        string C(EnterpriseRecord r) => r.Enterprise.CreditCode;
        var firms = new[]
        {
            // In time in 2025 and 2026.
            Held(inCity[0], new TitleAnnualUpdateRecord(C(inCity[0]), TierIds.SpecialisedSme, 2025, new DateOnly(2025, 4, 1)), new TitleAnnualUpdateRecord(C(inCity[0]), TierIds.SpecialisedSme, 2026, new DateOnly(2026, 5, 31))),
            // 2026 missed: not to be reviewed.
            Held(inCity[1], new TitleAnnualUpdateRecord(C(inCity[1]), TierIds.SpecialisedSme, 2025, new DateOnly(2025, 4, 1))),
            // In time, but a relocation in 2025 never reported: may be withdrawn.
            Held(inCity[2], new TitleAnnualUpdateRecord(C(inCity[2]), TierIds.SpecialisedSme, 2025, new DateOnly(2025, 4, 1)), new TitleAnnualUpdateRecord(C(inCity[2]), TierIds.SpecialisedSme, 2026, new DateOnly(2026, 6, 2))) with
            {
                ChangeReports = [new(C(inCity[2]), new DateOnly(2025, 9, 1), QualityVocabulary.Relocation, null)],
            },
            // Another city's holder, missed both years.
            Held(elsewhere),
        };
        var byCode = firms.ToDictionary(C);
        new RegistryRepository(db).Insert(records.Select(r => byCode.GetValueOrDefault(C(r)) ?? r).ToList());

        var overview = new Services.TitleObligations(new RegistryRepository(db), new AssessmentEngine());
        var province = overview.For(AccessScope.Province, asOf);
        var row = province.Rows.Single(r => r.Title == TierIds.SpecialisedSme);
        Assert.Equal((4, 1, 1, 2, 0, 3, 1), (row.Held, row.OnTime, row.Late, row.Missed, row.Pending, row.ReviewForfeited, row.WithdrawalPossible));
        Assert.All(province.Rows.Where(r => r.Title != TierIds.SpecialisedSme), r => Assert.Equal(0, r.Held));
        Assert.Equal(3, province.ToActOnTotal);
        Assert.All(province.ToActOn, f => Assert.Equal([TierIds.SpecialisedSme], f.Titles));
        Assert.Equal(C(inCity[2]), province.ToActOn[0].CreditCode); // a possible withdrawal first
        Assert.Equal(new DateOnly(2025, 9, 1), province.ToActOn[0].UnreportedChange);
        Assert.Equal(2026, province.ToActOn.Single(f => f.CreditCode == C(inCity[1])).MissedYear);

        var local = overview.For(new AccessScope(Roles.CityOfficer, CityCode: city), asOf);
        Assert.Equal(3, local.Rows.Single(r => r.Title == TierIds.SpecialisedSme).Held);
        Assert.DoesNotContain(local.ToActOn, f => f.CreditCode == C(elsewhere));

        // Asked again, the same; after an import of the missed update (the record moves on), read anew.
        Assert.Same(province, overview.For(AccessScope.Province, asOf));
        var late = firms[1] with { TitleUpdates = [.. firms[1].TitleUpdates, new TitleAnnualUpdateRecord(C(inCity[1]), TierIds.SpecialisedSme, 2026, new DateOnly(2026, 6, 20))] };
        var imported = Importer(db).Import(AccessScope.Province, Officer, [new("late.xlsx", Workbook((SheetSchema.TitleUpdates, Rows(SheetSchema.TitleUpdates, [late]))))]);
        Assert.True(imported.Written, string.Join("\n", imported.Problems));
        var after = overview.For(AccessScope.Province, asOf).Rows.Single(r => r.Title == TierIds.SpecialisedSme);
        Assert.Equal((2, 1), (after.Late, after.Missed));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public void AnUpdateOrReportThatCannotBeRightIsRefusedWithItsRowAndColumnAndNothingIsWritten(string provider)
    {
        var db = Fresh(provider);
        var records = Province(8).Select(r => r with { QualityTitles = [], TitleUpdates = [], ChangeReports = [] }).ToList();
        var importer = Importer(db);
        Assert.True(importer.Import(AccessScope.Province, Officer, [new("firms.xlsx", Workbook((SheetSchema.Enterprises, Rows(SheetSchema.Enterprises, records))))]).Written);
        string Code(int i) => records[i].Enterprise.CreditCode;
        var bad = new[]
        {
            // A title that is not updated yearly on the platform.
            Holder(records[0]) with { TitleUpdates = [new(Code(0), QualityTitles.IpAdvantage, 2024, new DateOnly(2024, 4, 1))] },
            // An update dated before the year it is for.
            Holder(records[1]) with { TitleUpdates = [new(Code(1), TierIds.SpecialisedSme, 2025, new DateOnly(2024, 12, 30))] },
            // A change not in the list, and a report before its change.
            Holder(records[2]) with { ChangeReports = [new(Code(2), new DateOnly(2025, 3, 10), "bankruptcy", null)] },
            Holder(records[3]) with { ChangeReports = [new(Code(3), new DateOnly(2025, 3, 10), QualityVocabulary.Merger, new DateOnly(2025, 3, 1))] },
        };
        var result = importer.Import(AccessScope.Province, Officer, [new("bad.xlsx", Workbook(Sheets(bad).ToArray()))]);
        Assert.False(result.Written);
        void Named(string kind, string column, EnterpriseRecord r)
        {
            var sheet = SheetSchema.Of(kind);
            Assert.Contains(result.Problems, p => p.Sheet == sheet.Zh && p.Column.StartsWith(sheet.Column(column).Header, StringComparison.Ordinal)
                && p.CreditCode == r.Enterprise.CreditCode && p.Row > 1);
        }
        Named(SheetSchema.TitleUpdates, "title", bad[0]);
        Named(SheetSchema.TitleUpdates, "updated_on", bad[1]);
        Named(SheetSchema.ChangeReports, "change", bad[2]);
        Named(SheetSchema.ChangeReports, "reported_on", bad[3]);
        foreach (var table in new[] { "quality_titles", "title_annual_updates", "major_change_reports" }) Assert.Equal(0, Count(db, table));
    }
}
