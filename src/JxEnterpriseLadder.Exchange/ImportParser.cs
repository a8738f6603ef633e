using System.Text.RegularExpressions;
using JxEnterpriseLadder.Domain;
using JxEnterpriseLadder.Domain.Registry;

namespace JxEnterpriseLadder.Exchange;

/// <summary>One thing wrong with an import: the file, sheet, row and column, the value as written, and what is wrong.</summary>
public sealed record ImportProblem(string File, string Sheet, int Row, string Column, string? Value, string Message, string? CreditCode = null)
{
    public override string ToString() => $"{File} 〔{Sheet}〕 第 {Row} 行 {Column}{(Value is null ? "" : $"「{Value}」")}：{Message}";
}

/// <summary>Where a record came from: its file, sheet and row.</summary>
public sealed record Origin(string File, string Sheet, int Row);

/// <summary>The records a set of files holds, each with where it came from, and every problem found reading them.</summary>
public sealed class ParsedImport
{
    public List<ImportProblem> Problems { get; } = [];
    public Dictionary<string, (Enterprise Enterprise, Origin Origin)> Enterprises { get; } = new(StringComparer.Ordinal);
    public List<(Filing Filing, Origin Origin)> Filings { get; } = [];
    public List<(IpHolding Ip, Origin Origin)> Ip { get; } = [];
    public List<(TechSmeRegistrationRecord Registration, Origin Origin)> Registrations { get; } = [];
    public List<(HnteCertificateRecord Certificate, Origin Origin)> Certificates { get; } = [];
    public List<(ListEntryRecord Entry, Origin Origin)> ListEntries { get; } = [];
    public List<(FinancingRoundRecord Round, Origin Origin)> Financing { get; } = [];
    public List<(CleanRecordEvent Event, Origin Origin)> CleanRecord { get; } = [];
    public List<(LocationChange Move, Origin Origin)> LocationChanges { get; } = [];
    public List<(QualityTitleRecord Title, Origin Origin)> QualityTitles { get; } = [];
    public List<(RdInstitutionRecord Institution, Origin Origin)> RdInstitutions { get; } = [];
    public List<(AwardRecord Award, Origin Origin)> Awards { get; } = [];
    public List<(ContestResultRecord Result, Origin Origin)> ContestResults { get; } = [];
    public List<(TitleAnnualUpdateRecord Update, Origin Origin)> TitleUpdates { get; } = [];
    public List<(MajorChangeReportRecord Report, Origin Origin)> ChangeReports { get; } = [];
    /// <summary>Every row of each enterprise, by kind: where to point a problem found on the whole record.</summary>
    public Dictionary<(string CreditCode, string Kind), Origin> FirstRow { get; } = [];
    public HashSet<string> Kinds { get; } = [];
    /// <summary>The columns each kind's sheets hold: a column a sheet leaves out keeps the registry's value.</summary>
    public Dictionary<string, HashSet<string>> Columns { get; } = [];
    public int Rows { get; set; }

    public IEnumerable<string> CreditCodes => FirstRow.Keys.Select(k => k.CreditCode).Distinct(StringComparer.Ordinal);
}

/// <summary>
/// Reads sheets into registry records: recognises each sheet's kind (by its name, else by its headers), maps each header
/// to its column (Chinese, Chinese with unit, English, or the database name; 万元 money columns are converted to 元),
/// converts each cell to its column's type, and reports every problem with its file, sheet, row, column and value.
/// Duplicate rows within the files are problems too. Nothing here looks at the registry (see <see cref="RegistryImporter"/>).
/// </summary>
public static partial class ImportParser
{
    public static readonly string[] InstructionSheets = ["说明", "填表说明", "Instructions", "README"];

    public static ParsedImport Parse(IEnumerable<RawSheet> sheets, CancellationToken cancel = default)
    {
        var parsed = new ParsedImport();
        var seen = new Dictionary<string, Origin>(StringComparer.Ordinal);
        foreach (var sheet in sheets)
        {
            if (InstructionSheets.Contains(sheet.Name.Trim(), StringComparer.OrdinalIgnoreCase)) continue;
            var kind = KindOf(sheet);
            if (kind is null)
            {
                parsed.Problems.Add(new(sheet.File, sheet.Name, 1, "", null,
                    "无法识别的工作表：名称与表头都不属于任何导入表（企业、年度申报、知识产权、科技型中小企业入库、高新技术企业证书、瞪羚独角兽名单、融资、诚信记录、迁移记录、优质中小企业称号）(unrecognised sheet)"));
                continue;
            }
            var columns = MapHeader(sheet, kind, parsed.Problems);
            if (columns is null) continue;
            parsed.Kinds.Add(kind.Id);
            var present = parsed.Columns.TryGetValue(kind.Id, out var seenColumns) ? seenColumns : parsed.Columns[kind.Id] = [];
            present.UnionWith(columns.Where(c => c is not null).Select(c => c!.Value.Column.Column));
            foreach (var raw in sheet.Rows)
            {
                if (raw.Cells.All(CellValues.IsEmpty)) continue;
                if ((++parsed.Rows & 0xFFF) == 0) cancel.ThrowIfCancellationRequested();
                var row = new Row(sheet, kind, columns, raw, parsed.Problems);
                var origin = new Origin(sheet.File, sheet.Name, raw.Number);
                Read(kind.Id, row, origin, parsed, seen);
            }
        }
        return parsed;
    }

    private static SheetKind? KindOf(RawSheet sheet)
    {
        var name = Normal(sheet.Name);
        var byName = SheetSchema.All.FirstOrDefault(k => Normal(k.Zh) == name || Normal(k.En) == name || Normal(k.Id) == name || Normal(k.Table) == name);
        if (byName is not null) return byName;
        // A CSV file, or a sheet renamed: the kind whose required columns the headers name, the most specific first.
        var headers = sheet.Header.Select(h => Normal(CellValues.Text(h).Value ?? "")).ToHashSet();
        return SheetSchema.All.Where(k => k.Columns.Where(c => c.Required).All(c => Names(c).Any(n => headers.Contains(n.Name))))
            .OrderByDescending(k => k.Columns.Count(c => c.Required)).FirstOrDefault();
    }

    /// <summary>Each header cell's column and the factor its values are multiplied by; null when the header is unusable.</summary>
    private static (ColumnSpec Column, decimal Scale, string Header)?[]? MapHeader(RawSheet sheet, SheetKind kind, List<ImportProblem> problems)
    {
        var map = new (ColumnSpec, decimal, string)?[sheet.Header.Count];
        var found = new Dictionary<string, int>();
        var ok = true;
        for (var i = 0; i < sheet.Header.Count; i++)
        {
            var text = CellValues.Text(sheet.Header[i]).Value;
            if (string.IsNullOrWhiteSpace(text)) continue;
            var match = kind.Columns.SelectMany(c => Names(c).Select(n => (Column: c, n.Name, n.Scale))).FirstOrDefault(x => x.Name == Normal(text));
            if (match.Column is null)
            {
                problems.Add(new(sheet.File, sheet.Name, 1, Letter(i), text, $"未知的列：{kind.Zh}表没有这一列 (unknown column for {kind.En})"));
                ok = false;
                continue;
            }
            if (!found.TryAdd(match.Column.Column, i))
            {
                problems.Add(new(sheet.File, sheet.Name, 1, Letter(i), text, $"重复的列，与第 {Letter(found[match.Column.Column])} 列相同 (duplicate column)"));
                ok = false;
                continue;
            }
            map[i] = (match.Column, match.Scale, $"{text}（{Letter(i)}列）");
        }
        foreach (var missing in kind.Columns.Where(c => c.Required && !found.ContainsKey(c.Column)))
        {
            problems.Add(new(sheet.File, sheet.Name, 1, missing.Header, null, $"缺少必填列「{missing.Header}」(missing required column {missing.En})"));
            ok = false;
        }
        return ok ? map : null;
    }

    /// <summary>The names a header may use for a column, normalised, with the factor that converts its values.</summary>
    private static IEnumerable<(string Name, decimal Scale)> Names(ColumnSpec c)
    {
        yield return (Normal(c.Zh), 1);
        yield return (Normal(c.Header), 1);
        yield return (Normal(c.En), 1);
        yield return (Normal(c.Column), 1);
        if (c.Unit is { Length: > 0 } unit) yield return (Normal($"{c.En} ({unit})"), 1);
        if (c.IsYuan)
        {
            yield return (Normal(c.Zh + "（万元）"), 10_000m);
            yield return (Normal(c.En + " (10k yuan)"), 10_000m);
        }
    }

    private static string Normal(string s) => Spaces().Replace(s, "").Replace('（', '(').Replace('）', ')').Replace('_', ' ').Replace(" ", "").ToLowerInvariant();

    public static string Letter(int index)
    {
        var s = "";
        for (var i = index + 1; i > 0; i = (i - 1) / 26) s = (char)('A' + (i - 1) % 26) + s;
        return s;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    private static void Read(string kind, Row r, Origin o, ParsedImport p, Dictionary<string, Origin> seen)
    {
        var code = r.Code("credit_code");
        if (code is null) return; // reported: every sheet requires it
        if (UnifiedSocialCreditCode.Validate(code) is { } reason) r.Problem("credit_code", reason);
        p.FirstRow.TryAdd((code, kind), o);
        switch (kind)
        {
            case SheetSchema.Enterprises:
                var e = new Enterprise
                {
                    CreditCode = code, Name = r.Text("name") ?? "", RegisteredOn = r.Date("registered_on") ?? default,
                    CityCode = r.Reference("city_code", JiangxiReference.Default.Cities.Select(c => (c.Code, c.Name))) ?? "",
                    County = r.Text("county"),
                    ParkCode = r.Reference("park_code", JiangxiReference.Default.Parks.Select(x => (x.Code, x.Name))),
                    ChainCode = r.Reference("chain_code", JiangxiReference.Default.IndustryChains.Select(x => (x.Code, x.Name))),
                    Industry = r.Reference("industry", JiangxiReference.Default.Industries.Select(x => (x.Code, x.Name))),
                    HiTechField = r.Reference("hitech_field", JiangxiReference.Default.HiTechFields.Select(x => (x.Code, x.Name))),
                    Listed = r.Bool("listed") ?? false, ListedOn = r.Date("listed_on"), Resident = r.Bool("resident") ?? true,
                    ProhibitedIndustry = r.Bool("prohibited_industry") ?? false, BranchOrTradingOnly = r.Bool("branch_or_trading_only") ?? false,
                    NationalAwardYear = r.Year("national_award_year"), RdInstitutionYear = r.Year("rd_institution_year"), LedStandardYear = r.Year("led_standard_year"),
                    HnteTechAdvancement = r.Code("hnte_tech_advancement"), HnteCoreSupport = r.Code("hnte_core_support"),
                    HnteRdRulesAndAccounts = r.Bool("hnte_rd_rules_and_accounts"), HnteRdUnitAndCooperation = r.Bool("hnte_rd_unit_and_cooperation"),
                    HnteCommercializationIncentives = r.Bool("hnte_commercialization_incentives"), HnteTalentRules = r.Bool("hnte_talent_rules"),
                    HnteJudgedBasis = r.Code("hnte_judged_basis"), HnteJudgedBy = r.Text("hnte_judged_by"), HnteJudgedOn = r.Date("hnte_judged_on"),
                    SizeIndustry = r.Code("size_industry"), NicheEnteredOn = r.Date("niche_entered_on"), StrategicEmerging = r.Bool("strategic_emerging"),
                    NicheMarket = r.Text("niche_market"), NationalMarketShare = r.Share("national_market_share"),
                    ChineseControlled = r.Bool("chinese_controlled"), RelatedToLittleGiant = r.Bool("related_to_little_giant"),
                    DigitalisationLevel = r.Int("digitalisation_level"), CoreBusinessesOnSystems = r.Int("core_businesses_on_systems"),
                    QualityAward = r.Bool("quality_award"), QualitySystemCertificate = r.Bool("quality_system_certificate"), OwnBrand = r.Bool("own_brand"),
                    StandardDrafting = r.Bool("standard_drafting"), DevelopedMarketCertification = r.Bool("developed_market_certification"),
                    ChainRole = r.Code("chain_role"), KeyChainLink = r.Bool("key_chain_link"), PriorityField = r.Bool("priority_field"),
                    ChainJudgedBy = r.Text("chain_judged_by"), ChainJudgedOn = r.Date("chain_judged_on"),
                };
                if (e.ParkCode is { } park && JiangxiReference.Default.ParkByCode(park) is { } pk && e.CityCode.Length > 0 && pk.City != e.CityCode)
                    r.Problem("park_code", $"园区「{pk.Name}」不在所填设区市 (the park is not in the enterprise's city)");
                if (Duplicate(r, seen, $"e|{code}", "企业")) return;
                if (!r.Bad) p.Enterprises[code] = (e, o);
                break;
            case SheetSchema.Filings:
                var f = new Filing
                {
                    CreditCode = code, Year = r.Year("year") ?? 0, Employees = r.Int("employees"), TechStaff = r.Int("tech_staff"),
                    SalesRevenue = r.Amount("sales_revenue"), TotalIncome = r.Amount("total_income"), HiTechIncome = r.Amount("hitech_income"),
                    TotalCostsAndExpenses = r.Amount("total_costs_and_expenses"), RdExpense = r.Amount("rd_expense"), RdExpenseDomestic = r.Amount("rd_expense_domestic"),
                    TotalAssets = r.Amount("total_assets"), TotalLiabilities = r.Amount("total_liabilities"), ResultsCommercialized = r.Int("results_commercialized"),
                    MainBusinessRevenue = r.Amount("main_business_revenue"), NetProfit = r.Amount("net_profit"), RdStaff = r.Int("rd_staff"),
                    DevelopmentScore = r.Amount("development_score"),
                };
                if (Duplicate(r, seen, $"f|{code}|{f.Year}", "年度申报（同一企业同一年度）")) return;
                if (!r.Bad) p.Filings.Add((f, o));
                break;
            case SheetSchema.Ip:
                var ip = new IpHolding
                {
                    CreditCode = code, IpClass = r.Int("ip_class") ?? 0, Kind = r.Code("kind") ?? "", OwnRd = r.Bool("own_rd") ?? false,
                    ValidFrom = r.Date("valid_from") ?? default, ValidTo = r.Date("valid_to", expiry: true),
                    RelatedToMainProduct = r.Bool("related_to_main_product"), HighValue = r.Bool("high_value"), AcquiredOn = r.Date("acquired_on"),
                    AppliedWithBenefit = r.Bool("applied_with_benefit"),
                };
                // IP and financing rows have no identifier: two utility models granted the same day are two equal rows.
                if (!r.Bad) p.Ip.Add((ip, o));
                break;
            case SheetSchema.TechSmeRegistrations:
                var t = new TechSmeRegistrationRecord(code, r.Year("year") ?? 0, r.Code("registration_number") ?? "");
                if (Duplicate(r, seen, $"t|{code}|{t.Year}", "入库登记（同一企业同一年度）")) return;
                if (!r.Bad) p.Registrations.Add((t, o));
                break;
            case SheetSchema.HnteCertificates:
                var h = new HnteCertificateRecord(code, r.Code("certificate_number") ?? "", r.Date("issued_on") ?? default);
                if (Duplicate(r, seen, $"h|{h.CertificateNumber}", "证书编号")) return;
                if (!r.Bad) p.Certificates.Add((h, o));
                break;
            case SheetSchema.ListEntries:
                var l = new ListEntryRecord(code, r.Code("tier") ?? "", r.Year("year") ?? 0);
                if (Duplicate(r, seen, $"l|{code}|{l.Tier}|{l.Year}", "名单记录")) return;
                if (!r.Bad) p.ListEntries.Add((l, o));
                break;
            case SheetSchema.Financing:
                var fr = new FinancingRoundRecord
                {
                    CreditCode = code, RoundDate = r.Date("round_date") ?? default, Amount = r.Amount("amount") ?? 0,
                    PostMoneyValuation = r.Amount("post_money_valuation"), Currency = r.Code("currency") ?? "", ProfessionalInvestor = r.Bool("professional_investor") ?? false,
                    QualifiedPaidIn = r.Amount("qualified_paid_in"),
                };
                if (!r.Bad) p.Financing.Add((fr, o));
                break;
            case SheetSchema.CleanRecord:
                var c = new CleanRecordEvent(code, r.Code("flag") ?? "", r.Date("occurred_on") ?? default);
                if (Duplicate(r, seen, $"c|{code}|{c.Flag}|{c.OccurredOn:yyyy-MM-dd}", "诚信记录")) return;
                if (!r.Bad) p.CleanRecord.Add((c, o));
                break;
            case SheetSchema.LocationChanges:
                var m = new LocationChange(code, r.Date("changed_on") ?? default,
                    r.Reference("previous_city_code", JiangxiReference.Default.Cities.Select(x => (x.Code, x.Name))) ?? "",
                    r.Reference("previous_park_code", JiangxiReference.Default.Parks.Select(x => (x.Code, x.Name))));
                if (Duplicate(r, seen, $"m|{code}|{m.ChangedOn:yyyy-MM-dd}", "迁移记录（同一企业同一日期）")) return;
                if (!r.Bad) p.LocationChanges.Add((m, o));
                break;
            case SheetSchema.QualityTitles:
                var q = new QualityTitleRecord(code, r.Code("title") ?? "", r.Date("issued_on") ?? default, r.Date("expires_on", expiry: true) ?? default,
                    r.Text("batch"), r.Code("review_outcome"));
                if (Duplicate(r, seen, $"q|{code}|{q.Title}|{q.IssuedOn:yyyy-MM-dd}", "称号记录（同一企业同一称号同一认定日期）")) return;
                if (!r.Bad) p.QualityTitles.Add((q, o));
                break;
            case SheetSchema.RdInstitutions:
                var ri = new RdInstitutionRecord(code, r.Text("name") ?? "", r.Code("level") ?? "", r.Code("kind"), r.Date("recognised_on") ?? default, r.Bool("joint"));
                if (Duplicate(r, seen, $"ri|{code}|{ri.Name}", "研发机构（同一企业同一名称）")) return;
                if (!r.Bad) p.RdInstitutions.Add((ri, o));
                break;
            case SheetSchema.Awards:
                var aw = new AwardRecord(code, r.Text("name") ?? "", r.Code("level") ?? "", r.Date("awarded_on") ?? default, r.Int("rank"));
                if (Duplicate(r, seen, $"aw|{code}|{aw.Name}|{aw.AwardedOn:yyyy-MM-dd}", "科技奖励（同一企业同一奖项同一日期）")) return;
                if (!r.Bad) p.Awards.Add((aw, o));
                break;
            case SheetSchema.ContestResults:
                var cr = new ContestResultRecord(code, r.Year("year") ?? 0, r.Int("national_top") ?? 0);
                if (Duplicate(r, seen, $"cr|{code}|{cr.Year}", "创客中国名次（同一企业同一年度）")) return;
                if (!r.Bad) p.ContestResults.Add((cr, o));
                break;
            case SheetSchema.TitleUpdates:
                var tu = new TitleAnnualUpdateRecord(code, r.Code("title") ?? "", r.Year("year") ?? 0, r.Date("updated_on") ?? default);
                if (Duplicate(r, seen, $"tu|{code}|{tu.Title}|{tu.Year}", "年度更新（同一企业同一称号同一年度）")) return;
                if (!r.Bad) p.TitleUpdates.Add((tu, o));
                break;
            case SheetSchema.ChangeReports:
                var mc = new MajorChangeReportRecord(code, r.Date("changed_on") ?? default,
                    r.Reference("change", QualityVocabulary.MajorChanges.Select(t => (t.Id, t.Zh))) ?? "", r.Date("reported_on"));
                if (Duplicate(r, seen, $"mc|{code}|{mc.ChangedOn:yyyy-MM-dd}|{mc.Change}", "重大变化（同一企业同一日期同一类型）")) return;
                if (!r.Bad) p.ChangeReports.Add((mc, o));
                break;
        }
    }

    private static bool Duplicate(Row r, Dictionary<string, Origin> seen, string key, string what)
    {
        if (r.Bad) return false;
        if (seen.TryAdd(key, r.Origin)) return false;
        var first = seen[key];
        r.Problem("credit_code", $"文件内重复的{what}，与〔{first.Sheet}〕第 {first.Row} 行相同 (duplicate row within the file, same as row {first.Row})");
        return true;
    }

    /// <summary>One row being read: typed getters by column name, each reporting its own problem.</summary>
    private sealed class Row(RawSheet sheet, SheetKind kind, (ColumnSpec Column, decimal Scale, string Header)?[] columns, RawRow raw, List<ImportProblem> problems)
    {
        public bool Bad { get; private set; }
        public Origin Origin { get; } = new(sheet.File, sheet.Name, raw.Number);
        private string? code;

        private (object? Value, ColumnSpec Column, decimal Scale, string Header)? Cell(string column)
        {
            for (var i = 0; i < columns.Length; i++)
                if (columns[i] is { } c && c.Column.Column == column)
                    return (i < raw.Cells.Count ? raw.Cells[i] : null, c.Column, c.Scale, c.Header);
            return null;
        }

        public void Problem(string column, string message)
        {
            var cell = Cell(column);
            problems.Add(new(sheet.File, sheet.Name, raw.Number, cell?.Header ?? kind.Column(column).Header, CellValues.Show(cell?.Value), message, code));
            Bad = true;
        }

        private T? Get<T>(string column, Func<object?, ColumnSpec, decimal, (T? Value, string? Error)> convert)
        {
            if (Cell(column) is not { } cell) return default;
            if (CellValues.IsEmpty(cell.Value))
            {
                if (cell.Column.Required) Problem(column, $"必填 (required: {cell.Column.En})");
                return default;
            }
            var (value, error) = convert(cell.Value, cell.Column, cell.Scale);
            if (error is not null) Problem(column, error);
            return value;
        }

        public string? Text(string column) => Get(column, (v, _, _) => CellValues.Text(v));

        /// <summary>A code: trimmed, and one of the values the data dictionary allows where it lists them.</summary>
        public string? Code(string column)
        {
            var value = Get(column, (v, c, _) =>
            {
                var (t, e) = CellValues.Text(v);
                t = t?.Trim();
                if (e is null && t is not null && Allowed(c.Range) is { } allowed && !allowed.Contains(t))
                    return (null, $"应为 {string.Join("、", allowed)} 之一 (must be one of these)");
                return (t, e);
            });
            if (column == "credit_code") code = value;
            return value;
        }

        /// <summary>A reference-data code, written as the code or the Chinese name.</summary>
        public string? Reference(string column, IEnumerable<(string Code, string Name)> known) => Get<string?>(column, (v, _, _) =>
        {
            var t = CellValues.Text(v).Value?.Trim();
            var hit = known.FirstOrDefault(k => k.Code == t || k.Name == t);
            return hit.Code is null ? ((string?)null, "参考数据中没有这一项（填代码或中文名称）(unknown: give the code or the Chinese name)") : (hit.Code, null);
        });

        public int? Int(string column) => Get(column, (v, _, _) => CellValues.Integer(v));

        public int? Year(string column) => Get<int?>(column, (v, _, _) =>
        {
            var (y, e) = CellValues.Integer(v);
            return e is null && y is < 1949 or > 2100 ? (null, "年份应在 1949–2100 之间 (a year between 1949 and 2100)") : (y, e);
        });

        public decimal? Amount(string column) => Get(column, (v, _, scale) => CellValues.Amount(v, scale));

        public decimal? Share(string column) => Get(column, (v, _, _) => CellValues.Share(v));
        // The same range as the API's (InputRanges): a date after next year, like 9999-12-31, is a slip, not a record.
        // An expiry (an IP item's end of validity) lies ahead by nature, up to the registry's last year.
        public DateOnly? Date(string column, bool expiry = false) => Get<DateOnly?>(column, (v, _, _) =>
        {
            var (d, e) = CellValues.Date(v);
            var today = DateOnly.FromDateTime(DateTime.Today);
            return d is { } day && (expiry ? InputRanges.ExpiryProblem(day) : InputRanges.DateProblem(day, today)) is { } range ? (null, range) : (d, e);
        });
        public bool? Bool(string column) => Get(column, (v, _, _) => CellValues.Boolean(v));
    }

    /// <summary>The values a column allows when its data-dictionary range lists them ("a|b|c", or "null or a|b|c").</summary>
    private static IReadOnlyList<string>? Allowed(string range)
    {
        var m = AllowedList().Match(range);
        return m.Success ? m.Groups[1].Value.Split('|') : null;
    }

    [GeneratedRegex(@"^(?:null or )?([a-zA-Z][\w-]*(?:\|[a-zA-Z][\w-]*)+)(?:\s|$|\()")]
    private static partial Regex AllowedList();
}
