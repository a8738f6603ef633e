using System.Text.Json.Nodes;

namespace JxEnterpriseLadder.Exchange;

/// <summary>The type of a column as the data dictionary gives it.</summary>
public enum CellType { Text, Integer, Decimal, Date, Boolean }

/// <summary>
/// One column of an import sheet, straight from data-dictionary/fields.json: its Chinese header (with the unit), the
/// English alias, the type and unit. Money columns in 元 also accept a header in 万元 (ten thousand yuan), the unit
/// most office spreadsheets use; their values are converted.
/// </summary>
/// <param name="Range">The dictionary's allowed values, as developers read them (the import checks coded columns against it).</param>
/// <param name="HintZh">How to fill the column in, for people: what the template's instructions sheet says.</param>
public sealed record ColumnSpec(string Column, string Zh, string En, CellType Type, string? Unit, bool Required, string Range,
    string HintZh, string HintEn)
{
    /// <summary>The header a template writes: the Chinese name with its unit, e.g. 研究开发费用总额（元）.</summary>
    public string Header => Unit is null or "" || Type is not (CellType.Decimal or CellType.Integer) || Unit.Contains('|') ? Zh : $"{Zh}（{Unit}）";

    public bool IsYuan => Type == CellType.Decimal && Unit == "元";
}

/// <summary>
/// One kind of sheet: which table it fills, its Chinese sheet name (and English alias), its columns in order. The
/// sheets of an import are the tables of an enterprise's record; a CSV file holds one of them, recognised by its headers.
/// </summary>
public sealed record SheetKind(string Id, string Table, string Zh, string En, IReadOnlyList<ColumnSpec> Columns)
{
    public ColumnSpec Column(string column) => Columns.Single(c => c.Column == column);
}

public static class SheetSchema
{
    public const string Enterprises = "enterprises", Filings = "filings", Ip = "ip", TechSmeRegistrations = "tech-sme-registrations",
        HnteCertificates = "hnte-certificates", ListEntries = "list-entries", Financing = "financing", CleanRecord = "clean-record",
        LocationChanges = "location-changes", QualityTitles = "quality-titles", RdInstitutions = "rd-institutions", Awards = "awards",
        ContestResults = "contest-results", TitleUpdates = "title-updates", ChangeReports = "change-reports";

    // (kind, table, sheet name, English sheet name, columns the import requires; the dictionary's other columns are optional)
    private static readonly (string Id, string Table, string Zh, string En, string[] Required, string[] Skip)[] Kinds =
    [
        (Enterprises, "enterprises", "企业", "Enterprises", ["credit_code", "name", "registered_on", "city_code"], ["version", "record_version"]),
        (Filings, "filings", "年度申报", "Filings", ["credit_code", "year"], []),
        (Ip, "ip_holdings", "知识产权", "IP", ["credit_code", "ip_class", "kind", "own_rd", "valid_from"], ["id"]),
        (TechSmeRegistrations, "tech_sme_registrations", "科技型中小企业入库", "Tech SME registrations", ["credit_code", "year", "registration_number"], []),
        (HnteCertificates, "hnte_certificates", "高新技术企业证书", "HNTE certificates", ["credit_code", "certificate_number", "issued_on"], []),
        (ListEntries, "list_entries", "瞪羚独角兽名单", "Gazelle and unicorn lists", ["credit_code", "tier", "year"], []),
        (Financing, "financing_rounds", "融资", "Financing rounds", ["credit_code", "round_date", "amount", "currency", "professional_investor"], ["id"]),
        (CleanRecord, "clean_record_events", "诚信记录", "Clean record events", ["credit_code", "flag", "occurred_on"], []),
        (LocationChanges, "location_changes", "迁移记录", "Location changes", ["credit_code", "changed_on", "previous_city_code"], []),
        (QualityTitles, "quality_titles", "优质中小企业称号", "Quality SME titles", ["credit_code", "title", "issued_on", "expires_on"], []),
        (RdInstitutions, "rd_institutions", "研发机构", "R&D institutions", ["credit_code", "name", "level", "recognised_on"], []),
        (Awards, "awards", "科技奖励", "Science and technology awards", ["credit_code", "name", "level", "awarded_on"], []),
        (ContestResults, "contest_results", "创客中国名次", "Maker China contest places", ["credit_code", "year", "national_top"], []),
        (TitleUpdates, "title_annual_updates", "称号年度更新", "Titles' annual updates", ["credit_code", "title", "year", "updated_on"], []),
        (ChangeReports, "major_change_reports", "重大变化报告", "Major change reports", ["credit_code", "changed_on", "change"], []),
    ];

    public static readonly IReadOnlyList<SheetKind> All = Load();

    public static SheetKind Of(string id) => All.Single(k => k.Id == id);

    private static IReadOnlyList<SheetKind> Load()
    {
        using var s = typeof(SheetSchema).Assembly.GetManifestResourceStream("fields.json")!;
        var tables = JsonNode.Parse(s)!["tables"]!.AsObject();
        return Kinds.Select(k =>
        {
            var columns = tables[k.Table]!["columns"]!.AsObject()
                .Where(c => !k.Skip.Contains(c.Key))
                .Select(c => new ColumnSpec(c.Key, c.Value!["zh"]!.GetValue<string>(), c.Value!["en"]!.GetValue<string>(),
                    c.Value!["type"]!.GetValue<string>() switch
                    {
                        "integer" => CellType.Integer, "decimal" => CellType.Decimal, "date" => CellType.Date, "boolean" => CellType.Boolean, _ => CellType.Text,
                    },
                    c.Value!["unit"]?.GetValue<string>(), k.Required.Contains(c.Key), c.Value!["range"]!.GetValue<string>(),
                    c.Value!["hint"]?["zh"]?.GetValue<string>() ?? throw new InvalidDataException($"fields.json: {k.Table}.{c.Key} has no hint for people"),
                    c.Value!["hint"]!["en"]!.GetValue<string>()))
                .ToList();
            return new SheetKind(k.Id, k.Table, k.Zh, k.En, columns);
        }).ToList();
    }
}
