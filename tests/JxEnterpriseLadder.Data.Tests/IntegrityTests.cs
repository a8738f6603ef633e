using System.IO.Compression;
using JxEnterpriseLadder.Domain.Access;
using JxEnterpriseLadder.Domain.Registry;
using JxEnterpriseLadder.Exchange;
using JxEnterpriseLadder.Services;
using static JxEnterpriseLadder.Data.Tests.ImportTests;

namespace JxEnterpriseLadder.Data.Tests;

/// <summary>
/// Concurrent edits, the scope of every new service method called directly as each role, and hostile text through
/// the importer, the exporters and every search filter: on both databases.
/// </summary>
public sealed class IntegrityTests
{
    private sealed record Registry(Database Db, RegistryRepository Records, EnterpriseEditing Editing, RegistryExchange Exchange, List<EnterpriseRecord> Loaded);

    private static Registry Loaded(string provider, int enterprises = 120)
    {
        var db = Fresh(provider);
        var records = Province(enterprises);
        var registry = new RegistryRepository(db);
        registry.Insert(records);
        return new(db, registry, new EnterpriseEditing(registry, TimeProvider.System),
            new RegistryExchange(Importer(db), registry, new AuditRepository(db), new ExchangeLimits(64L << 20)), records);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public void TheSecondOfTwoOfficersSavingTheSameEnterpriseIsRefusedWithWhatChanged(string provider)
    {
        var r = Loaded(provider);
        var code = r.Loaded[0].Enterprise.CreditCode;
        var city = new AccessScope(Roles.CityOfficer, CityCode: r.Loaded[0].Enterprise.CityCode);
        var alice = r.Editing.Read(AccessScope.Province, code);
        var bob = r.Editing.Read(city, code);

        var saved = r.Editing.Save(AccessScope.Province, "alice", alice, alice with { Name = alice.Name + "（更名）" }, "更名公告");
        Assert.Equal(alice.Version + 1, saved.Version);
        var refused = Assert.Throws<ConcurrentChangeException>(() => r.Editing.Save(city, "bob", bob, bob with { County = "新县" }, "县区更正"));
        var change = Assert.Single(refused.Changed);
        Assert.Equal(("name", (object?)alice.Name, (object?)saved.Name), change);
        Assert.Contains(saved.Name, refused.Message);

        var now = r.Records.Get(code)!.Enterprise;
        Assert.Equal(saved.Name, now.Name);
        Assert.Equal(alice.County, now.County); // bob's edit did not land, not even partly
        var trail = new AuditRepository(r.Db).For(code);
        Assert.Equal(("alice", "update", "更名公告"), (trail[0].Actor, trail[0].Action, trail[0].Reason));
        Assert.DoesNotContain(trail, t => t.Actor == "bob");

        // Starting again from the version that is there now, bob's save goes through.
        Assert.Equal("新县", r.Editing.Save(city, "bob", now, now with { County = "新县" }, "县区更正").County);

        // An import that changes the enterprise in between refuses a save too.
        var carol = r.Editing.Read(AccessScope.Province, code);
        var rows = Rows(SheetSchema.Enterprises, [r.Records.Get(code)!]);
        rows[0][1] = "导入后的名称";
        Assert.True(r.Exchange.Import(AccessScope.Province, "importer", [new("e.xlsx", Workbook((SheetSchema.Enterprises, rows)))]).Written);
        var afterImport = Assert.Throws<ConcurrentChangeException>(() => r.Editing.Save(AccessScope.Province, "carol", carol, carol with { Listed = !carol.Listed }, "上市"));
        Assert.Contains(afterImport.Changed, c => c.Field == "name" && (string?)c.After == "导入后的名称");
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public void EveryExchangeAndEditingMethodKeepsEachRoleToItsOwnScope(string provider)
    {
        var r = Loaded(provider);
        var own = r.Loaded.First(x => x.Enterprise.ParkCode is not null).Enterprise;
        var other = r.Loaded.First(x => x.Enterprise.CityCode != own.CityCode).Enterprise;
        var city = new AccessScope(Roles.CityOfficer, CityCode: own.CityCode);
        var park = new AccessScope(Roles.ParkManager, ParkCode: own.ParkCode);
        var enterprise = new AccessScope(Roles.Enterprise, CreditCode: own.CreditCode);
        var sink = new MemoryStream();

        // Officers of another city: nothing of the other city, read or written.
        Assert.Equal(own.Name, r.Editing.Read(city, own.CreditCode).Name);
        Assert.Throws<OutOfScopeException>(() => r.Editing.Read(city, other.CreditCode));
        Assert.Throws<OutOfScopeException>(() => r.Editing.Save(city, "x", other, other with { Name = "x" }, "x"));
        Assert.Throws<OutOfScopeException>(() => r.Editing.Save(city, "x", own, own with { CityCode = other.CityCode, ParkCode = null }, "moving it out"));
        Assert.Throws<OutOfScopeException>(() => r.Exchange.ExportRecord(city, other.CreditCode, sink));
        Assert.Throws<OutOfScopeException>(() => r.Exchange.Trail(city, other.CreditCode));
        Assert.Throws<OutOfScopeException>(() => r.Exchange.ExportTrail(city, other.CreditCode, sink));
        var rows = Rows(SheetSchema.Enterprises, [r.Records.Get(own.CreditCode)!, r.Records.Get(other.CreditCode)!]);
        rows[0][1] = "本市改名";
        rows[1][1] = "外市改名";
        var import = r.Exchange.Import(city, "city-officer", [new("mixed.xlsx", Workbook((SheetSchema.Enterprises, rows)))]);
        Assert.False(import.Written);
        var problem = Assert.Single(import.Problems);
        Assert.Equal((other.CreditCode, 3), (problem.CreditCode, problem.Row));
        Assert.Contains("范围", problem.Message);
        Assert.Equal(own.Name, r.Records.Get(own.CreditCode)!.Enterprise.Name);
        using (var zip = new MemoryStream())
        {
            r.Exchange.ExportRegistryCsv(city, zip);
            zip.Position = 0;
            using var archive = new ZipArchive(zip);
            using var reader = new StreamReader(archive.GetEntry("企业.csv")!.Open());
            var lines = reader.ReadToEnd().Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
            Assert.Equal(r.Loaded.Count(x => x.Enterprise.CityCode == own.CityCode), lines.Count);
            Assert.DoesNotContain(lines, l => l.StartsWith(other.CreditCode, StringComparison.Ordinal));
        }

        // Park managers and enterprises: their own record and trail, nothing else, and no imports or edits.
        foreach (var scope in new[] { park, enterprise })
        {
            r.Exchange.ExportRecord(scope, own.CreditCode, new MemoryStream());
            Assert.NotNull(r.Exchange.Trail(scope, own.CreditCode));
            Assert.Throws<OutOfScopeException>(() => r.Exchange.ExportRecord(scope, other.CreditCode, sink));
            Assert.Throws<OutOfScopeException>(() => r.Exchange.Trail(scope, other.CreditCode));
            Assert.Throws<OutOfScopeException>(() => r.Exchange.Import(scope, "x", [new("a.xlsx", Workbook((SheetSchema.Enterprises, rows)))]));
            Assert.Throws<OutOfScopeException>(() => r.Exchange.ExportRegistryCsv(scope, sink));
            Assert.Throws<OutOfScopeException>(() => r.Exchange.ExportTrail(scope, null, sink));
            Assert.Throws<OutOfScopeException>(() => r.Editing.Read(scope, own.CreditCode));
            Assert.Throws<OutOfScopeException>(() => r.Editing.Save(scope, "x", own, own with { Name = "x" }, "x"));
        }
        // The whole trail of a city holds that city's enterprises only.
        var audit = new AuditRepository(r.Db);
        var otherNow = r.Editing.Read(AccessScope.Province, other.CreditCode);
        r.Editing.Save(AccessScope.Province, "p", otherNow, otherNow with { Name = other.Name + "·" }, "外市");
        Assert.DoesNotContain(audit.Stream(city), e => e.CreditCode == other.CreditCode);
        Assert.Contains(audit.Stream(AccessScope.Province), e => e.CreditCode == other.CreditCode);
    }

    public static readonly string[] Hostile =
    [
        "'; DROP TABLE enterprises; --",
        "Robert'); DELETE FROM audit_trail WHERE ('1'='1",
        "<script>alert('x')</script><img src=x onerror=alert(1)>",
        "控制\u0001字符\u0007\u001b[31m\t制表",
        new string('长', 10_000),
        "😀👨‍👩‍👧 emoji 企业",
        "Ελληνικά العربية עברית 中文 русский",
        "100%_通配\\符",
        "=HYPERLINK(\"http://x\")",
    ];

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public void HostileTextIsStoredVerbatimRoundTripsAndPassesInertThroughEverySearchFilter(string provider)
    {
        var r = Loaded(provider, 40);
        var rows = Rows(SheetSchema.Enterprises, r.Loaded.Take(Hostile.Length).ToList());
        for (var i = 0; i < Hostile.Length; i++)
        {
            rows[i][1] = Hostile[i];
            rows[i][4] = Hostile[(i + 1) % Hostile.Length]; // the county: free text too
        }
        var result = r.Exchange.Import(AccessScope.Province, "officer", [new("hostile.xlsx", Workbook((SheetSchema.Enterprises, rows)))]);
        Assert.True(result.Written, string.Join("\n", result.Problems));
        for (var i = 0; i < Hostile.Length; i++)
        {
            var stored = r.Records.Get((string)rows[i][0]!)!.Enterprise;
            Assert.Equal(Hostile[i], stored.Name);
            Assert.Equal(Hostile[(i + 1) % Hostile.Length], stored.County);
        }
        Assert.Equal(40, Count(r.Db, "enterprises"));

        // Exported and imported elsewhere: the same text.
        using var book = new MemoryStream();
        RegistryExport.Workbook(r.Records.StreamAll().ToList(), book);
        book.Position = 0;
        var copy = Fresh(provider);
        Assert.True(Importer(copy).Import(AccessScope.Province, new AuditStamp("x", "copy"), [new("copy.xlsx", book)]).Written);
        Assert.All(r.Records.StreamAll().Zip(new RegistryRepository(copy).StreamAll()), p => Assert.Empty(RecordDiff.Between(p.First, p.Second)));

        // Every filter of the search, with every hostile value: parameters, never SQL.
        var directory = new DirectoryRepository(r.Db);
        foreach (var h in Hostile)
        {
            DirectoryRepository.Filter[] filters =
            [
                new(City: h), new(Park: h), new(Chain: h), new(RecognizedTier: h), new(OutcomeTier: h, Outcome: h), new(QualifiedTier: h),
            ];
            foreach (var f in filters)
                foreach (var sort in Enum.GetValues<DirectoryRepository.SortBy>())
                    Assert.Empty(directory.Search(AccessScope.Province, f, sort, true, 0, 10).Rows);
            var found = directory.Search(AccessScope.Province, new(Text: h[..Math.Min(h.Length, 30)]), DirectoryRepository.SortBy.Name, false, 0, 10).Rows;
            Assert.Contains(found, x => x.Name == h);
            Assert.Equal(1, directory.CountInScope(new AccessScope(Roles.Enterprise, CreditCode: found.First(x => x.Name == h).CreditCode)));
        }
        Assert.Equal(40, Count(r.Db, "enterprises"));

        // The one thing no database stores: U+0000, refused with the row and the column.
        rows[0][1] = "a\0b";
        var nul = r.Exchange.Import(AccessScope.Province, "officer", [new("nul.xlsx", Workbook((SheetSchema.Enterprises, rows)))]);
        Assert.False(nul.Written);
        Assert.Contains(nul.Problems, p => p.Row == 2 && p.Column.StartsWith("企业名称", StringComparison.Ordinal) && p.Message.Contains("U+0000"));
    }
}
