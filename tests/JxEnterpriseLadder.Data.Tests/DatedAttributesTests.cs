using JxEnterpriseLadder.Domain;
using JxEnterpriseLadder.Domain.Access;
using JxEnterpriseLadder.Domain.Registry;
using JxEnterpriseLadder.Exchange;

namespace JxEnterpriseLadder.Data.Tests;

/// <summary>The listing day and moves of city or park (issue 18): stored, exported, imported, audited and validated on
/// both databases, and read back as they stood at a date.</summary>
public sealed class DatedAttributesTests
{
    private static readonly AuditStamp Officer = new("officer-a", "test");

    /// <summary>An enterprise of the small province that listed in 2023 and moved parks in 2022 and cities in 2024.</summary>
    private static (List<EnterpriseRecord> All, EnterpriseRecord Moved) Province()
    {
        var records = ImportTests.Province(30);
        var i = records.FindIndex(r => r.Enterprise.RegisteredOn.Year < 2020 && r.Enterprise.ParkCode is null);
        var r = records[i];
        var reference = JiangxiReference.Default;
        var firstPark = reference.Parks.First(p => p.City == r.Enterprise.CityCode);
        var now = reference.Parks.First(p => p.City != r.Enterprise.CityCode);
        var code = r.Enterprise.CreditCode;
        records[i] = r with
        {
            Enterprise = r.Enterprise with { Listed = true, ListedOn = new DateOnly(2023, 5, 18), CityCode = now.City, ParkCode = now.Code },
            LocationChanges =
            [
                new LocationChange(code, new DateOnly(2022, 3, 1), r.Enterprise.CityCode, null),
                new LocationChange(code, new DateOnly(2024, 7, 1), firstPark.City, firstPark.Code),
            ],
        };
        return (records, records[i]);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public void MovesAndTheListingDayAreStoredExportedAndImportedWhole(string provider)
    {
        var (records, moved) = Province();
        var source = ImportTests.Fresh(provider);
        new RegistryRepository(source).Insert(records); // binary COPY on PostgreSQL
        var stored = new RegistryRepository(source).Get(moved.Enterprise.CreditCode)!;
        Assert.Empty(RecordDiff.Between(moved, stored));
        Assert.Equal(new DateOnly(2023, 5, 18), stored.Enterprise.ListedOn);
        Assert.Equal(2, stored.LocationChanges.Count);

        // As it stood: in its first city outside a park in 2021, in that city's park in 2023, where it is now since mid-2024.
        Assert.Equal((moved.LocationChanges[0].PreviousCityCode, (string?)null, false), At(stored, new DateOnly(2021, 12, 31)));
        Assert.Equal((moved.LocationChanges[1].PreviousCityCode, moved.LocationChanges[1].PreviousParkCode, true), At(stored, new DateOnly(2023, 12, 31)));
        Assert.Equal((moved.Enterprise.CityCode, moved.Enterprise.ParkCode, true), At(stored, new DateOnly(2024, 12, 31)));
        Assert.False(ProfileBuilder.Build(stored, new DateOnly(2023, 1, 1)).Listed);
        Assert.True(ProfileBuilder.Build(stored, new DateOnly(2024, 1, 1)).Listed);

        using var book = new MemoryStream();
        RegistryExport.Workbook([stored], book);
        book.Position = 0;
        var target = ImportTests.Fresh(provider);
        Assert.True(ImportTests.Importer(target).Import(AccessScope.Province, Officer, [new("one.xlsx", book)]).Written);
        Assert.Empty(RecordDiff.Between(stored, new RegistryRepository(target).Get(moved.Enterprise.CreditCode)!));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public void AnImportedMoveIsAuditedAndABadOneNamesItsRowAndField(string provider)
    {
        var (records, moved) = Province();
        var db = ImportTests.Fresh(provider);
        new RegistryRepository(db).Insert(records);
        var code = moved.Enterprise.CreditCode;

        var third = moved with { LocationChanges = [.. moved.LocationChanges, new LocationChange(code, new DateOnly(2025, 2, 1), moved.LocationChanges[1].PreviousCityCode, null)] };
        var sheet = ImportTests.Rows(SheetSchema.LocationChanges, [third]);
        var result = ImportTests.Importer(db).Import(AccessScope.Province, Officer, [new("moves.xlsx", ImportTests.Workbook((SheetSchema.LocationChanges, sheet)))]);
        Assert.True(result.Written, string.Join("\n", result.Problems));
        Assert.Equal(3, new RegistryRepository(db).Get(code)!.LocationChanges.Count);
        var entry = new AuditRepository(db).For(code)[0];
        Assert.Equal(("location-change", "replace"), (entry.Subject, entry.Action));
        Assert.Contains("2025-02-01", entry.AfterValue);

        // A move before the firm existed, and a listing day on a firm marked not listed: refused, nothing written.
        var bad = moved with
        {
            Enterprise = moved.Enterprise with { Listed = false },
            LocationChanges = [new LocationChange(code, moved.Enterprise.RegisteredOn.AddDays(-1), moved.Enterprise.CityCode, null)],
        };
        var refused = ImportTests.Importer(db).Import(AccessScope.Province, Officer, [new("bad.xlsx", ImportTests.Workbook(
            (SheetSchema.Enterprises, ImportTests.Rows(SheetSchema.Enterprises, [bad])), (SheetSchema.LocationChanges, ImportTests.Rows(SheetSchema.LocationChanges, [bad]))))]);
        Assert.False(refused.Written);
        Assert.Contains(refused.Problems, p => p.Sheet == "迁移记录" && p.Row == 2 && p.Column.StartsWith("迁移日期", StringComparison.Ordinal) && p.Message.Contains("早于注册日期"));
        Assert.Contains(refused.Problems, p => p.Sheet == "企业" && p.Column.StartsWith("上市日期", StringComparison.Ordinal) && p.Message.Contains("是否上市"));
        Assert.Equal(3, new RegistryRepository(db).Get(code)!.LocationChanges.Count);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public void AnOfficerSetsTheListingDayAndARefusalNamesTheField(string provider)
    {
        var (records, moved) = Province();
        var db = ImportTests.Fresh(provider);
        var registry = new RegistryRepository(db);
        registry.Insert(records);
        var editing = new JxEnterpriseLadder.Services.EnterpriseEditing(registry, TimeProvider.System);
        var read = editing.Read(AccessScope.Province, moved.Enterprise.CreditCode);

        var refused = Assert.Throws<RegistryValidationException>(() =>
            editing.Save(AccessScope.Province, "officer-a", read, read with { Listed = false }, "correction"));
        Assert.Contains(refused.Problems, p => p.Field == "listedOn" && p.Message.Contains("是否上市"));

        var saved = editing.Save(AccessScope.Province, "officer-a", read, read with { ListedOn = new DateOnly(2021, 9, 1) }, "correction");
        Assert.Equal(new DateOnly(2021, 9, 1), registry.Get(moved.Enterprise.CreditCode)!.Enterprise.ListedOn);
        var entry = new AuditRepository(db).For(moved.Enterprise.CreditCode)[0];
        Assert.Contains("\"listedOn\":\"2023-05-18\"", entry.BeforeValue);
        Assert.Contains("\"listedOn\":\"2021-09-01\"", entry.AfterValue);
        Assert.Equal(saved.Version, read.Version + 1);
    }

    private static (string City, string? Park, bool Listed) At(EnterpriseRecord r, DateOnly day)
    {
        var e = r.EnterpriseOn(day);
        return (e.CityCode, e.ParkCode, e.Listed);
    }
}
