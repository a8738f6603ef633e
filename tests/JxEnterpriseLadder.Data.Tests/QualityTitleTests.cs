using JxEnterpriseLadder.Domain;
using JxEnterpriseLadder.Domain.Access;
using JxEnterpriseLadder.Domain.Registry;
using JxEnterpriseLadder.Exchange;
using JxEnterpriseLadder.Rules;
using static JxEnterpriseLadder.Data.Tests.ImportTests;

namespace JxEnterpriseLadder.Data.Tests;

/// <summary>
/// The second ladder's titles (issue 21) on both databases: imported from their own sheet and audited, counted at each
/// year's end while valid (a passed review continues, a withdrawn title does not count), read by the rules as the
/// firm's titles, and refused with the row and the column named when they cannot be right.
/// </summary>
public sealed class QualityTitleTests
{
    private static readonly AuditStamp Officer = new("officer-a", "2024 年专精特新名单");

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public void TitlesAreImportedAuditedCountedAtEachYearsEndAndReadByTheRules(string provider)
    {
        var db = Fresh(provider);
        var records = Province(40).Select(r => r with { QualityTitles = [], TitleUpdates = [], ChangeReports = [] }).ToList();
        var importer = Importer(db);
        Assert.True(importer.Import(AccessScope.Province, Officer, [new("firms.xlsx", Workbook((SheetSchema.Enterprises, Rows(SheetSchema.Enterprises, records))))]).Written);

        var firm = records.First(r => r.Enterprise.RegisteredOn.Year < 2015).Enterprise;
        var other = records.Last(r => r.Enterprise.RegisteredOn.Year < 2015).Enterprise;
        QualityTitleRecord[] titles =
        [
            // Held at the ends of 2022, 2023 and 2024; reviewed and passed, so a new title runs on from 2025-08-01 to
            // 2028-07-31: held at the ends of 2025–2027, not of 2028.
            new(firm.CreditCode, TierIds.SpecialisedSme, new DateOnly(2022, 8, 1), new DateOnly(2025, 7, 31), "2022 年", QualityTitles.Passed),
            new(firm.CreditCode, TierIds.SpecialisedSme, new DateOnly(2025, 8, 1), new DateOnly(2028, 7, 31), "2025 年复核", null),
            new(firm.CreditCode, TierIds.InnovativeSme, new DateOnly(2022, 8, 1), new DateOnly(2025, 7, 31), "2022 年", null),
            // Withdrawn: never counted, never held.
            new(other.CreditCode, TierIds.LittleGiant, new DateOnly(2023, 7, 15), new DateOnly(2026, 7, 14), "2023 年第五批", QualityTitles.Withdrawn),
            // Valid to the last day of 2024: held at that year's end.
            new(other.CreditCode, TierIds.InnovationDemo, new DateOnly(2021, 12, 31), new DateOnly(2024, 12, 31), "2021 年", null),
        ];
        var rows = RegistryExport.Rows(SheetSchema.Of(SheetSchema.QualityTitles), titles.GroupBy(t => t.CreditCode)
            .Select(g => new EnterpriseRecord { Enterprise = records.Single(r => r.Enterprise.CreditCode == g.Key).Enterprise, QualityTitles = g.ToList() })).ToList();
        var result = importer.Import(AccessScope.Province, Officer, [new("titles.xlsx", Workbook((SheetSchema.QualityTitles, rows)))]);
        Assert.True(result.Written, string.Join("\n", result.Problems));
        Assert.Equal(2, result.Summary.ChangedEnterprises);

        var stored = new RegistryRepository(db).Get(firm.CreditCode)!;
        Assert.Equal(titles.Where(t => t.CreditCode == firm.CreditCode).OrderBy(t => (t.Title, t.IssuedOn)), stored.QualityTitles.OrderBy(t => (t.Title, t.IssuedOn)));
        Assert.Contains(new AuditRepository(db).For(firm.CreditCode), e => e.Subject == AuditSubjects.QualityTitle && e.Action == "insert");

        // Counted at each year's end while valid, in the kept counts and from the records alike.
        var directory = new DirectoryRepository(db);
        int Held(IReadOnlyList<DirectoryRepository.Breakdown> counts, string title, int year) => counts.Where(b => b.Measure == title && b.Year == year).Sum(b => b.Count);
        foreach (var counts in new[] { directory.Recognitions(AccessScope.Province), directory.RecognitionsFromRecords(AccessScope.Province) })
        {
            Assert.Equal([0, 1, 1, 1, 1, 1, 1, 0], Enumerable.Range(2021, 8).Select(y => Held(counts, TierIds.SpecialisedSme, y)));
            Assert.Equal([0, 1, 1, 1, 0], Enumerable.Range(2021, 5).Select(y => Held(counts, TierIds.InnovativeSme, y)));
            Assert.Equal([1, 1, 1, 1, 0], Enumerable.Range(2021, 5).Select(y => Held(counts, TierIds.InnovationDemo, y)));
            Assert.All(Enumerable.Range(2021, 8), y => Assert.Equal(0, Held(counts, TierIds.LittleGiant, y)));
        }
        Assert.Equal(1, new RegistryStatistics(db).TitlesHeldOn(TierIds.SpecialisedSme, new DateOnly(2024, 8, 4)));
        Assert.Equal(0, new RegistryStatistics(db).TitlesHeldOn(TierIds.LittleGiant, new DateOnly(2024, 8, 4)));

        // The rules read the titles held at the date: a valid 专精特新 title is the 小巨人's prerequisite, a withdrawn
        // 小巨人 title excludes nothing and holds nothing.
        var engine = new AssessmentEngine();
        var asOf = new DateOnly(2024, 6, 30);
        Assert.Equal(true, engine.Assess(stored, asOf).For(TierIds.LittleGiant)!.Criteria.Single(c => c.Id == "little-giant.prerequisite").Passed);
        Assert.Equal(false, engine.Assess(new RegistryRepository(db).Get(other.CreditCode)!, asOf).For(TierIds.LittleGiant)!
            .Criteria.Single(c => c.Id == "little-giant.prerequisite").Passed);
        // The 专精特新 title stops the firm from being evaluated as 创新型 again (the not-higher condition).
        Assert.Equal(Outcome.NotQualified, engine.Assess(stored, asOf).For(TierIds.InnovativeSme)!.Outcome);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public void ATitleThatCannotBeRightIsRefusedWithItsRowAndColumnAndNothingIsWritten(string provider)
    {
        var db = Fresh(provider);
        var records = Province(10).Select(r => r with { QualityTitles = [], TitleUpdates = [], ChangeReports = [] }).ToList();
        var importer = Importer(db);
        Assert.True(importer.Import(AccessScope.Province, Officer, [new("firms.xlsx", Workbook((SheetSchema.Enterprises, Rows(SheetSchema.Enterprises, records))))]).Written);
        var code = records[0].Enterprise.CreditCode;
        List<object?[]> rows =
        [
            [code, "specialised-sme", "2023-08-01", "2026-07-31", "2023 年", null],
            [code, "gold-medal", "2023-08-01", "2026-07-31", null, null],
            [records[1].Enterprise.CreditCode, "little-giant", "2023-07-15", "2030-07-14", null, null],
            [records[2].Enterprise.CreditCode, "innovative-sme", "2023-08-01", "2026-07-31", null, "lost"],
        ];
        var result = importer.Import(AccessScope.Province, Officer, [new("bad.xlsx", Workbook((SheetSchema.QualityTitles, rows)))]);
        Assert.False(result.Written);
        var sheet = SheetSchema.Of(SheetSchema.QualityTitles);
        Assert.Contains(result.Problems, p => p.Sheet == sheet.Zh && p.Column.StartsWith(sheet.Column("title").Header, StringComparison.Ordinal) && p.Value == "gold-medal");
        Assert.Contains(result.Problems, p => p.Sheet == sheet.Zh && p.Column.StartsWith(sheet.Column("expires_on").Header, StringComparison.Ordinal) && p.CreditCode == records[1].Enterprise.CreditCode);
        Assert.Contains(result.Problems, p => p.Sheet == sheet.Zh && p.Column.StartsWith(sheet.Column("review_outcome").Header, StringComparison.Ordinal) && p.CreditCode == records[2].Enterprise.CreditCode);
        Assert.Equal(0, Count(db, "quality_titles"));
    }
}
