using System.Globalization;
using System.IO.Compression;
using System.Text;
using JxEnterpriseLadder.Domain;
using JxEnterpriseLadder.Domain.Registry;
using MiniExcelLibs;

namespace JxEnterpriseLadder.Exchange;

/// <summary>
/// Writes registry records in the import's own format: the same sheets, the same Chinese headers (from the data
/// dictionary), the same values, so that what is exported imports back to identical data. Cities, parks, chains,
/// industries and fields are written by their Chinese names (the importer takes names or codes); yes/no as 是/否.
/// </summary>
public static class RegistryExport
{
    /// <summary>Each kind's rows of the records, as values in the kind's column order (xlsx: dates and numbers typed).</summary>
    public static IEnumerable<object?[]> Rows(SheetKind kind, IEnumerable<EnterpriseRecord> records) =>
        Values(kind, records).Select(r => Array.ConvertAll(r, SpreadsheetText.Guard)); // texts safe to open; the importer reads them back

    private static IEnumerable<object?[]> Values(SheetKind kind, IEnumerable<EnterpriseRecord> records) => kind.Id switch
    {
        SheetSchema.Enterprises => records.Select(r => Enterprise(r.Enterprise)),
        SheetSchema.Filings => records.SelectMany(r => r.Filings.OrderBy(f => f.Year)).Select(f => new object?[]
        {
            f.CreditCode, f.Year, f.Employees, f.TechStaff, f.SalesRevenue, f.TotalIncome, f.HiTechIncome, f.TotalCostsAndExpenses,
            f.RdExpense, f.RdExpenseDomestic, f.TotalAssets, f.TotalLiabilities, f.ResultsCommercialized,
            f.MainBusinessRevenue, f.NetProfit, f.RdStaff, f.DevelopmentScore,
        }),
        SheetSchema.Ip => records.SelectMany(r => r.Ip).Select(i => new object?[]
        {
            i.CreditCode, i.IpClass, i.Kind, YesNo(i.OwnRd), Day(i.ValidFrom), Day(i.ValidTo), YesNo(i.RelatedToMainProduct), YesNo(i.HighValue), Day(i.AcquiredOn),
            YesNo(i.AppliedWithBenefit),
        }),
        SheetSchema.TechSmeRegistrations => records.SelectMany(r => r.TechSmeRegistrations.OrderBy(t => t.Year)).Select(t => new object?[] { t.CreditCode, t.Year, t.RegistrationNumber }),
        SheetSchema.HnteCertificates => records.SelectMany(r => r.HnteCertificates.OrderBy(h => h.IssuedOn)).Select(h => new object?[] { h.CreditCode, h.CertificateNumber, Day(h.IssuedOn) }),
        SheetSchema.ListEntries => records.SelectMany(r => r.ListEntries.OrderBy(l => l.Year)).Select(l => new object?[] { l.CreditCode, l.Tier, l.Year }),
        SheetSchema.Financing => records.SelectMany(r => r.Financing).Select(f => new object?[] { f.CreditCode, Day(f.RoundDate), f.Amount, f.PostMoneyValuation, f.Currency, YesNo(f.ProfessionalInvestor), f.QualifiedPaidIn }),
        SheetSchema.CleanRecord => records.SelectMany(r => r.CleanRecord).Select(c => new object?[] { c.CreditCode, c.Flag, Day(c.OccurredOn) }),
        SheetSchema.LocationChanges => records.SelectMany(r => r.LocationChanges.OrderBy(m => m.ChangedOn)).Select(m => new object?[]
        {
            m.CreditCode, Day(m.ChangedOn), JiangxiReference.Default.CityByCode(m.PreviousCityCode)?.Name ?? m.PreviousCityCode,
            m.PreviousParkCode is { } p ? JiangxiReference.Default.ParkByCode(p)?.Name ?? p : null,
        }),
        SheetSchema.QualityTitles => records.SelectMany(r => r.QualityTitles.OrderBy(t => t.IssuedOn)).Select(t => new object?[]
        {
            t.CreditCode, t.Title, Day(t.IssuedOn), Day(t.ExpiresOn), t.Batch, t.ReviewOutcome,
        }),
        SheetSchema.RdInstitutions => records.SelectMany(r => r.RdInstitutions.OrderBy(i => i.RecognisedOn)).Select(i => new object?[]
        {
            i.CreditCode, i.Name, i.Level, i.Kind, Day(i.RecognisedOn), YesNo(i.Joint),
        }),
        SheetSchema.Awards => records.SelectMany(r => r.Awards.OrderBy(a => a.AwardedOn)).Select(a => new object?[] { a.CreditCode, a.Name, a.Level, Day(a.AwardedOn), a.Rank }),
        SheetSchema.ContestResults => records.SelectMany(r => r.ContestResults.OrderBy(c => c.Year)).Select(c => new object?[] { c.CreditCode, c.Year, c.NationalTop }),
        SheetSchema.TitleUpdates => records.SelectMany(r => r.TitleUpdates.OrderBy(u => u.Title).ThenBy(u => u.Year))
            .Select(u => new object?[] { u.CreditCode, u.Title, u.Year, Day(u.UpdatedOn) }),
        SheetSchema.ChangeReports => records.SelectMany(r => r.ChangeReports.OrderBy(c => c.ChangedOn))
            .Select(c => new object?[] { c.CreditCode, Day(c.ChangedOn), c.Change, Day(c.ReportedOn) }),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static object?[] Enterprise(Enterprise e)
    {
        var reference = JiangxiReference.Default;
        return
        [
            e.CreditCode, e.Name, Day(e.RegisteredOn), reference.CityByCode(e.CityCode)?.Name ?? e.CityCode, e.County,
            e.ParkCode is { } p ? reference.ParkByCode(p)?.Name ?? p : null,
            e.ChainCode is { } c ? reference.ChainByCode(c)?.Name ?? c : null,
            e.Industry is { } i ? reference.IndustryByCode(i)?.Name ?? i : null,
            e.HiTechField is { } h ? reference.HiTechFields.FirstOrDefault(x => x.Code == h)?.Name ?? h : null,
            YesNo(e.Listed), Day(e.ListedOn), YesNo(e.Resident), YesNo(e.ProhibitedIndustry), YesNo(e.BranchOrTradingOnly),
            e.NationalAwardYear, e.RdInstitutionYear, e.LedStandardYear,
            e.HnteTechAdvancement, e.HnteCoreSupport, YesNo(e.HnteRdRulesAndAccounts), YesNo(e.HnteRdUnitAndCooperation),
            YesNo(e.HnteCommercializationIncentives), YesNo(e.HnteTalentRules), e.HnteJudgedBasis, e.HnteJudgedBy, Day(e.HnteJudgedOn),
            e.SizeIndustry, Day(e.NicheEnteredOn), YesNo(e.StrategicEmerging),
            e.NicheMarket, e.NationalMarketShare, YesNo(e.ChineseControlled), YesNo(e.RelatedToLittleGiant), e.DigitalisationLevel, e.CoreBusinessesOnSystems,
            YesNo(e.QualityAward), YesNo(e.QualitySystemCertificate), YesNo(e.OwnBrand), YesNo(e.StandardDrafting), YesNo(e.DevelopedMarketCertification),
            e.ChainRole, YesNo(e.KeyChainLink), YesNo(e.PriorityField), e.ChainJudgedBy, Day(e.ChainJudgedOn),
        ];
    }

    private static string YesNo(bool b) => b ? "是" : "否";
    private static string? YesNo(bool? b) => b is { } v ? YesNo(v) : null;
    private static DateTime? Day(DateOnly? d) => d?.ToDateTime(TimeOnly.MinValue);

    /// <summary>One workbook, a sheet per kind (a kind with no rows still has its header), plus the instructions sheet.</summary>
    public static void Workbook(IReadOnlyCollection<EnterpriseRecord> records, Stream output, bool instructions = true)
    {
        var sheets = new Dictionary<string, object>();
        foreach (var kind in SheetSchema.All)
            sheets[kind.Zh] = Table(kind, Rows(kind, records));
        if (instructions) sheets[ImportParser.InstructionSheets[0]] = Templates.Instructions();
        output.SaveAs(sheets);
    }

    /// <summary>A sheet as MiniExcel writes it: a header row of Chinese names, then the values (an empty sheet keeps its header).</summary>
    public static System.Data.DataTable Table(SheetKind kind, IEnumerable<object?[]> rows)
    {
        var table = new System.Data.DataTable(kind.Zh);
        foreach (var c in kind.Columns) table.Columns.Add(c.Header, typeof(object));
        foreach (var r in rows) table.Rows.Add(r.Select(v => v ?? DBNull.Value).ToArray());
        return table;
    }

    /// <summary>One kind of row as CSV in UTF-8 with a BOM (so that Excel opens the Chinese right), RFC 4180 quoting.</summary>
    public static void Csv(SheetKind kind, IEnumerable<EnterpriseRecord> records, TextWriter w)
    {
        w.Write(string.Join(",", kind.Columns.Select(c => Exchange.Csv.Quote(c.Header))));
        w.Write("\r\n");
        CsvRows(kind, records, w);
    }

    private static void CsvRows(SheetKind kind, IEnumerable<EnterpriseRecord> records, TextWriter w)
    {
        foreach (var row in Rows(kind, records))
        {
            w.Write(string.Join(",", row.Select(v => Exchange.Csv.Quote(v switch
            {
                null => null,
                DateTime d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                _ => v.ToString(),
            }))));
            w.Write("\r\n");
        }
    }

    public static readonly Encoding Utf8Bom = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true);

    /// <summary>
    /// The registry (or a scope of it) as CSV files, one per kind, named by the sheet (企业.csv, 年度申报.csv …) in a
    /// folder. Reads the records once: each kind goes to its own file as the stream passes.
    /// </summary>
    public static IReadOnlyList<string> CsvFolder(IEnumerable<EnterpriseRecord> records, string folder, Action<int>? progress = null)
    {
        Directory.CreateDirectory(folder);
        var writers = SheetSchema.All.ToDictionary(k => k.Id, k => new StreamWriter(Path.Combine(folder, k.Zh + ".csv"), false, Utf8Bom, 1 << 16));
        try
        {
            foreach (var (kind, w) in writers) Csv(SheetSchema.Of(kind), [], w);
            var n = 0;
            foreach (var chunk in records.Chunk(1000))
            {
                foreach (var (kind, w) in writers) CsvRows(SheetSchema.Of(kind), chunk, w);
                progress?.Invoke(n += chunk.Length);
            }
        }
        finally
        {
            foreach (var w in writers.Values) w.Dispose();
        }
        return SheetSchema.All.Select(k => Path.Combine(folder, k.Zh + ".csv")).ToList();
    }

    /// <summary>The same CSV files in one zip (the web download).</summary>
    public static void CsvZip(IEnumerable<EnterpriseRecord> records, Stream output)
    {
        var folder = Path.Combine(Path.GetTempPath(), "jxladder-export-" + Guid.NewGuid().ToString("N"));
        try
        {
            var files = CsvFolder(records, folder);
            using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
            foreach (var f in files) zip.CreateEntryFromFile(f, Path.GetFileName(f), CompressionLevel.Fastest);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

/// <summary>The import templates, generated from the data dictionary: the headers, and a sheet that explains each column.</summary>
public static class Templates
{
    /// <summary>An empty workbook with every sheet's headers and the instructions sheet.</summary>
    public static void Workbook(Stream output) => RegistryExport.Workbook([], output);

    /// <summary>One CSV template (headers only, UTF-8 with BOM).</summary>
    public static void Csv(SheetKind kind, Stream output)
    {
        using var w = new StreamWriter(output, RegistryExport.Utf8Bom, 4096, leaveOpen: true);
        RegistryExport.Csv(kind, [], w);
    }

    /// <summary>Every column of every sheet: its Chinese and English name, type, unit, whether required, allowed values.</summary>
    public static IEnumerable<Dictionary<string, object?>> Instructions() =>
        SheetSchema.All.SelectMany(k => k.Columns.Select(c => new Dictionary<string, object?>
        {
            ["工作表 Sheet"] = $"{k.Zh} {k.En}",
            ["列名 Column"] = c.Header,
            ["English"] = c.En,
            ["类型 Type"] = c.Type switch
            {
                CellType.Integer => "整数 integer", CellType.Decimal => "数值 number", CellType.Date => "日期 date (yyyy-MM-dd)", CellType.Boolean => "是/否 yes/no", _ => "文本 text",
            },
            ["单位 Unit"] = c.Unit + (c.IsYuan ? "（表头写「…（万元）」则按万元填写 / a 万元 header takes 10k yuan）" : ""),
            ["必填 Required"] = c.Required ? "是 yes" : "否 no",
            ["填写说明"] = c.HintZh,
            ["How to fill in"] = c.HintEn,
        })).Prepend(new Dictionary<string, object?>
        {
            ["工作表 Sheet"] = "说明 About",
            ["列名 Column"] = "企业表一行设定企业本身的信息；年度申报一行设定该年度（其他年度不变）；其余各表中一家企业的各行即为该企业此类记录的全部。任何一行有误则不写入任何数据。",
            ["English"] = "An enterprise row sets the enterprise's own fields; a filing row sets that year; the rows of any other sheet are the enterprise's whole set of that kind. Any problem writes nothing.",
            ["类型 Type"] = null, ["单位 Unit"] = null, ["必填 Required"] = null, ["填写说明"] = null, ["How to fill in"] = null,
        });
}
