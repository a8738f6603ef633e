using System.IO.Compression;
using System.Text;
using JxEnterpriseLadder.Domain.Access;
using JxEnterpriseLadder.Domain.Registry;
using JxEnterpriseLadder.Exchange;
using static JxEnterpriseLadder.Data.Tests.ImportTests;

namespace JxEnterpriseLadder.Data.Tests;

/// <summary>
/// Workbooks and CSV files built to hurt, on both databases: each is refused with one message naming the limit or the
/// danger, and nothing is written. Dates past next year are refused by row and column. Texts that start like a
/// formula leave the registry guarded and come back exactly.
/// </summary>
public sealed class HostileImportTests
{
    private static readonly AuditStamp Officer = new("officer-h", "hostile import");

    private static MemoryStream EnterpriseBook(int enterprises, Action<object?[]>? change = null)
    {
        var rows = Rows(SheetSchema.Enterprises, Province(enterprises));
        foreach (var r in rows) change?.Invoke(r);
        return Workbook((SheetSchema.Enterprises, rows));
    }

    /// <summary>The workbook with one of its parts rewritten.</summary>
    private static MemoryStream Rewrite(MemoryStream book, string part, Func<string, string> rewrite)
    {
        var copy = new MemoryStream();
        book.Position = 0;
        book.CopyTo(copy);
        using (var zip = new ZipArchive(copy, ZipArchiveMode.Update, leaveOpen: true))
        {
            var entry = zip.GetEntry(part)!;
            string xml;
            using (var r = new StreamReader(entry.Open())) xml = r.ReadToEnd();
            entry.Delete();
            using var w = new StreamWriter(zip.CreateEntry(part).Open(), new UTF8Encoding(false));
            w.Write(rewrite(xml));
        }
        copy.Position = 0;
        return copy;
    }

    private static ImportProblem RefusedWithOneProblem(Database db, string name, Stream content, SheetLimits? limits = null)
    {
        var result = Importer(db).Import(AccessScope.Province, Officer, [new(name, content)], new ImportOptions { Sheets = limits ?? SheetLimits.Default });
        Assert.False(result.Written);
        Assert.Equal(0, Count(db, "enterprises"));
        Assert.Equal(0, Count(db, "audit_trail"));
        return Assert.Single(result.Problems);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public void ACellLongerThanTheLimitIsRefusedBeforeItIsRead(string provider)
    {
        var db = Fresh(provider);
        var book = EnterpriseBook(3, r => r[1] = new string('名', 40_000));
        var problem = RefusedWithOneProblem(db, "long.xlsx", book);
        Assert.Contains("超过 32,767 个字符的上限", problem.Message);
        Assert.Contains("characters", problem.Message);

        var csv = "统一社会信用代码,企业名称\r\n91360100MA35XXXX0A," + new string('x', 50) + "\r\n";
        var small = new SheetLimits(MaxCellCharacters: 20);
        Assert.Contains("超过 20 个字符的上限", RefusedWithOneProblem(db, "企业.csv", new MemoryStream(Encoding.UTF8.GetBytes(csv)), small).Message);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public void AHugeAttributeIsRefusedLikeALongCell(string provider)
    {
        var db = Fresh(provider);
        var book = Rewrite(EnterpriseBook(3), "xl/worksheets/sheet1.xml", xml => xml.Replace("sheetData>", "sheetData><x:row r=\"999\" spans=\"" + new string('9', 40_000) + "\" />", StringComparison.Ordinal));
        Assert.Contains("超过 32,767 个字符的上限", RefusedWithOneProblem(db, "attribute.xlsx", book).Message);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public void TheListsOfficersOpenHaveTheirFormulaLikeTextsGuarded(string provider)
    {
        var db = Fresh(provider);
        var records = Province(3).Select((r, i) => r with { Enterprise = r.Enterprise with { Name = i == 0 ? "=HYPERLINK(\"http://evil.example\")" : "普通企业" + i } }).ToList();
        var registry = new RegistryRepository(db);
        registry.Insert(records);
        var directory = new JxEnterpriseLadder.Services.EnterpriseDirectory(new DirectoryRepository(db), registry, new PredictionRepository(db), new ReviewRepository(db),
            new AuditRepository(db), new JxEnterpriseLadder.Rules.AssessmentEngine(), TimeProvider.System);
        using var book = new MemoryStream();
        directory.Export(AccessScope.Province, new DirectoryRepository.Filter(), DirectoryRepository.SortBy.Name, false, book);
        book.Position = 0;
        var names = MiniExcelLibs.MiniExcel.Query(book, useHeaderRow: true).Cast<IDictionary<string, object>>().Select(r => (string)r["企业名称"]).ToList();
        Assert.Contains("'=HYPERLINK(\"http://evil.example\")", names);
        Assert.DoesNotContain(names, n => n.StartsWith('='));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public void ADocumentTypeDefinitionIsRefused(string provider)
    {
        var db = Fresh(provider);
        const string laughs = """<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>""";
        var book = Rewrite(EnterpriseBook(3), "xl/worksheets/sheet1.xml", xml =>
        {
            var body = xml.IndexOf("?>", StringComparison.Ordinal) is var at and >= 0 ? at + 2 : 0;
            return xml[..body] + laughs + xml[body..];
        });
        var problem = RefusedWithOneProblem(db, "laughs.xlsx", book);
        Assert.Contains("DTD", problem.Message);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public void TooManyRowsOrTooMuchUnpackedIsRefusedNamingTheLimit(string provider)
    {
        var db = Fresh(provider);
        var rows = RefusedWithOneProblem(db, "rows.xlsx", EnterpriseBook(30), new SheetLimits(MaxRows: 20));
        Assert.Contains("超过 20 行的上限", rows.Message);
        Assert.Contains("企业", rows.Message); // the sheet

        // A part that unpacks past the limit, whatever its header says.
        var big = Rewrite(EnterpriseBook(3), "xl/worksheets/sheet1.xml", xml => xml.Replace("sheetData>", "sheetData><!--" + new string('x', 3 * 1024 * 1024) + "-->"));
        var unpacked = RefusedWithOneProblem(db, "bomb.xlsx", big, new SheetLimits(MaxUnpackedBytes: 1024 * 1024));
        Assert.Contains("解压后超过 1 MB 的上限", unpacked.Message);

        var csv = new StringBuilder("统一社会信用代码,企业名称\r\n");
        for (var i = 0; i < 30; i++) csv.Append("x,y\r\n");
        Assert.Contains("超过 20 行的上限", RefusedWithOneProblem(db, "企业.csv", new MemoryStream(Encoding.UTF8.GetBytes(csv.ToString())), new SheetLimits(MaxRows: 20)).Message);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public void ADateAfterNextYearIsRefusedByRowAndColumn(string provider)
    {
        var db = Fresh(provider);
        var book = EnterpriseBook(3, r => { if (r[0] is string) r[2] = new DateTime(9999, 12, 31); });
        var result = Importer(db).Import(AccessScope.Province, Officer, [new("dates.xlsx", book)]);
        Assert.False(result.Written);
        Assert.Equal(0, Count(db, "enterprises"));
        var problem = result.Problems[0];
        Assert.Equal(2, problem.Row);
        Assert.Contains("9999-12-31", problem.Message);
        Assert.Contains("1949-10-01", problem.Message);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public void AShiftJisFileIsRefusedNotReadAsNonsense(string provider)
    {
        var db = Fresh(provider);
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var japanese = "会社コード,会社名\r\n1,株式会社テスト\r\n2,ひらがなカタカナ\r\n";
        var problem = RefusedWithOneProblem(db, "企業.csv", new MemoryStream(Encoding.GetEncoding(932).GetBytes(japanese)));
        Assert.Contains("Shift-JIS", problem.Message);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public void TextsThatStartLikeFormulasLeaveGuardedAndComeBackExactly(string provider)
    {
        var source = Fresh(provider);
        string[] names = ["=1+1", "=HYPERLINK(\"http://evil.example\",\"点击\")", "@SUM(A1:A2)", "+86 科技", "-负号公司", "\t制表", "'=已有撇号", "'普通撇号"];
        var records = Province(names.Length).Select((r, i) => r with { Enterprise = r.Enterprise with { Name = names[i] } }).ToList();
        new RegistryRepository(source).Insert(records);

        var folder = Path.Combine(Path.GetTempPath(), "jxladder-tests", Guid.NewGuid().ToString("N"));
        var files = RegistryExport.CsvFolder(new RegistryRepository(source).StreamAll(), folder);
        var csv = File.ReadAllText(files.Single(f => Path.GetFileName(f).StartsWith("企业", StringComparison.Ordinal)));
        foreach (var line in csv.Split("\r\n").Skip(1).Where(l => l.Length > 0))
        {
            var name = line.Split(',')[1].TrimStart('"');
            Assert.False(name.Length > 0 && name[0] is '=' or '+' or '-' or '@' or '\t' or '\r', $"unguarded: {line}");
        }

        var target = Fresh(provider);
        var streams = files.Select(f => new ImportFile(Path.GetFileName(f), File.OpenRead(f))).ToList();
        try
        {
            var imported = Importer(target).Import(AccessScope.Province, Officer, streams);
            Assert.True(imported.Written, string.Join("\n", imported.Problems));
        }
        finally { foreach (var s in streams) s.Content.Dispose(); }
        Assert.Equal(names.Order(StringComparer.Ordinal), new RegistryRepository(target).StreamAll().Select(r => r.Enterprise.Name).Order(StringComparer.Ordinal));
    }
}
