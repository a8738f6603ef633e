using System.Text.RegularExpressions;
using JxEnterpriseLadder.Domain.Access;
using JxEnterpriseLadder.Domain.Registry;

namespace JxEnterpriseLadder.Exchange;

/// <summary>How an import treats problems: by default any problem writes nothing; <see cref="AcceptValidRows"/> writes
/// every enterprise that has none and leaves out, whole, each that has one. <see cref="DryRun"/> checks only.</summary>
public sealed record ImportOptions(bool AcceptValidRows = false, bool DryRun = false)
{
    /// <summary>What one file may cost to read (<see cref="SheetLimits"/>).</summary>
    public SheetLimits Sheets { get; init; } = SheetLimits.Default;
}

public sealed record ImportSummary(int Rows, int NewEnterprises, int ChangedEnterprises, int UnchangedEnterprises, int AuditEntries, int LeftOut);

/// <summary>What an import did: its problems (empty when clean), its counts, and whether anything was written.</summary>
public sealed record ImportResult(IReadOnlyList<ImportProblem> Problems, ImportSummary Summary, bool Written, IReadOnlyList<string> Changed);

/// <summary>A file to import: its name (for the report, and to tell CSV from xlsx) and its content, seekable.</summary>
public sealed record ImportFile(string Name, Stream Content);

/// <summary>What the importer needs of the registry: the records a file may change, who holds given HNTE certificate
/// numbers, and one transaction that applies the plan with its audit trail. Services implements it over the registry's
/// repository, so that this library reads files and plans changes without knowing how the registry is stored.</summary>
public interface IImportTarget
{
    IEnumerable<EnterpriseRecord> Records(IReadOnlyCollection<string> creditCodes);
    IReadOnlyDictionary<string, string> CertificateHolders(IReadOnlyCollection<string> numbers);
    void Apply(IReadOnlyList<RecordChange> plan, AuditStamp stamp, long at, Action<int> written, CancellationToken cancel);
}

/// <summary>
/// The one importer behind <c>jxladder import</c> and the upload page. It reads the files, checks every row (types,
/// units, ranges, credit-code check character, the registry's consistency rules, reference data, duplicates, the
/// caller's scope), and only then writes, in one transaction with the audit trail. Re-importing the same content
/// changes nothing; changed content updates the record, with before and after in the trail.
/// Semantics per sheet (docs/decisions/0008): an enterprise row sets the enterprise's own fields; a filing row sets
/// that year's filing (other years stay); the rows of any other sheet are the enterprise's whole set of that kind.
/// </summary>
public sealed partial class RegistryImporter(IImportTarget registry, TimeProvider clock)
{
    public ImportResult Import(AccessScope scope, AuditStamp stamp, IReadOnlyList<ImportFile> files, ImportOptions? options = null,
        Action<string>? progress = null, CancellationToken cancel = default)
    {
        options ??= new ImportOptions();
        if (!scope.IsOfficer) throw new OutOfScopeException("只有科技部门可以导入登记数据 (only officers import)");
        var sheets = new List<RawSheet>();
        var unreadable = new List<ImportProblem>();
        foreach (var f in files)
        {
            try { sheets.AddRange(SpreadsheetReader.Open(f.Name, f.Content, options.Sheets)); }
            catch (UnreadableFileException e) { unreadable.Add(new(f.Name, "", 0, "", null, e.Message)); }
        }
        if (unreadable.Count > 0) return new(unreadable, new(0, 0, 0, 0, 0, 0), false, []);

        progress?.Invoke("读取并校验各行 (reading and checking every row) …");
        ParsedImport parsed;
        try { parsed = ImportParser.Parse(sheets, cancel); }
        catch (UnreadableFileException e) { return new([new(e.Message.Split('：')[0], "", 0, "", null, e.Message)], new(0, 0, 0, 0, 0, 0), false, []); }
        var problems = parsed.Problems;

        progress?.Invoke($"已读 {parsed.Rows} 行；与登记库比对 (comparing with the registry) …");
        var codes = parsed.CreditCodes.Where(c => Domain.UnifiedSocialCreditCode.Validate(c) is null).ToList();
        var existing = registry.Records(codes).ToDictionary(r => r.Enterprise.CreditCode, StringComparer.Ordinal);
        var plan = new List<RecordChange>();
        var unchanged = new List<string>(); // read, valid so far, and the same as the registry
        var filings = parsed.Filings.ToLookup(x => x.Filing.CreditCode);
        var ip = parsed.Ip.ToLookup(x => x.Ip.CreditCode);
        var registrations = parsed.Registrations.ToLookup(x => x.Registration.CreditCode);
        var certificates = parsed.Certificates.ToLookup(x => x.Certificate.CreditCode);
        var lists = parsed.ListEntries.ToLookup(x => x.Entry.CreditCode);
        var financing = parsed.Financing.ToLookup(x => x.Round.CreditCode);
        var clean = parsed.CleanRecord.ToLookup(x => x.Event.CreditCode);
        var moves = parsed.LocationChanges.ToLookup(x => x.Move.CreditCode);
        var titles = parsed.QualityTitles.ToLookup(x => x.Title.CreditCode);
        var institutions = parsed.RdInstitutions.ToLookup(x => x.Institution.CreditCode);
        var awards = parsed.Awards.ToLookup(x => x.Award.CreditCode);
        var contests = parsed.ContestResults.ToLookup(x => x.Result.CreditCode);
        var updates = parsed.TitleUpdates.ToLookup(x => x.Update.CreditCode);
        var changeReports = parsed.ChangeReports.ToLookup(x => x.Report.CreditCode);
        foreach (var code in codes)
        {
            cancel.ThrowIfCancellationRequested();
            var before = existing.GetValueOrDefault(code);
            var first = FirstOrigin(parsed, code);
            // Where the file says the judged items came from, read before the registry's values fill its absent columns.
            var fileStamp = parsed.Enterprises.TryGetValue(code, out var fromFile) && fromFile.Enterprise.HnteJudgedBasis is not null
                ? (fromFile.Enterprise.HnteJudgedBasis, fromFile.Enterprise.HnteJudgedBy, fromFile.Enterprise.HnteJudgedOn) : default;
            Enterprise? enterprise = parsed.Enterprises.TryGetValue(code, out var row)
                ? KeepAbsent(row.Enterprise, before?.Enterprise, parsed, SheetSchema.Enterprises) with { Version = before?.Enterprise.Version ?? 1, RecordVersion = before?.Enterprise.RecordVersion ?? 1 }
                : before?.Enterprise;
            // HNTE judged items that this import changes are stamped as imported, by whom and when, unless the file gives
            // a stamp of its own (a registry's export into another registry imports back as it was). A file that carries
            // the registry's own stamp unchanged while changing the items is stamped anew.
            var staleStamp = before is not null && fileStamp == (before.Enterprise.HnteJudgedBasis, before.Enterprise.HnteJudgedBy, before.Enterprise.HnteJudgedOn);
            if (row.Enterprise is not null && enterprise is not null && (fileStamp.HnteJudgedBasis is null || staleStamp))
                enterprise = HnteJudgement.Stamp(enterprise, before?.Enterprise, HnteJudgement.Import, stamp.Actor, DateOnly.FromDateTime(clock.GetLocalNow().DateTime));
            // 链, 品 and the chain role the same way: changed by this file without a confirmer of its own, the importer confirms them.
            if (row.Enterprise is not null && enterprise is not null && (row.Enterprise.ChainJudgedBy is null
                    || before is not null && (row.Enterprise.ChainJudgedBy, row.Enterprise.ChainJudgedOn) == (before.Enterprise.ChainJudgedBy, before.Enterprise.ChainJudgedOn)))
                enterprise = ChainJudgement.Stamp(enterprise, before?.Enterprise, stamp.Actor, DateOnly.FromDateTime(clock.GetLocalNow().DateTime));
            if (enterprise is null)
            {
                if (!parsed.FirstRow.ContainsKey((code, SheetSchema.Enterprises)) && !problems.Any(p => p.CreditCode == code))
                    problems.Add(new(first.File, first.Sheet, first.Row, SheetSchema.Of(SheetSchema.Enterprises).Column("credit_code").Header, code,
                        "登记库中没有该企业，文件的〔企业〕表中也没有 (no such enterprise in the registry or in the file's enterprise sheet)", code));
                continue;
            }
            if (before is not null && !scope.Allows(before.Enterprise) || !scope.Allows(enterprise))
            {
                problems.Add(new(first.File, first.Sheet, first.Row, SheetSchema.Of(SheetSchema.Enterprises).Column("credit_code").Header, code,
                    $"该企业不在{scope.Description}的范围内，不能导入 (outside your scope)", code));
                continue;
            }
            var years = (before?.Filings ?? []).ToDictionary(f => f.Year);
            foreach (var (f, _) in filings[code]) years[f.Year] = KeepAbsent(f, years.GetValueOrDefault(f.Year), parsed, SheetSchema.Filings);
            var after = new EnterpriseRecord
            {
                Enterprise = enterprise,
                Filings = years.Values.OrderBy(f => f.Year).ToList(),
                Ip = Either(ip[code].Select(x => x.Ip), before?.Ip),
                TechSmeRegistrations = Either(registrations[code].Select(x => x.Registration), before?.TechSmeRegistrations),
                HnteCertificates = Either(certificates[code].Select(x => x.Certificate), before?.HnteCertificates),
                ListEntries = Either(lists[code].Select(x => x.Entry), before?.ListEntries),
                Financing = Either(financing[code].Select(x => x.Round), before?.Financing),
                CleanRecord = Either(clean[code].Select(x => x.Event), before?.CleanRecord),
                LocationChanges = Either(moves[code].Select(x => x.Move), before?.LocationChanges),
                QualityTitles = Either(titles[code].Select(x => x.Title), before?.QualityTitles),
                RdInstitutions = Either(institutions[code].Select(x => x.Institution), before?.RdInstitutions),
                Awards = Either(awards[code].Select(x => x.Award), before?.Awards),
                ContestResults = Either(contests[code].Select(x => x.Result), before?.ContestResults),
                TitleUpdates = Either(updates[code].Select(x => x.Update), before?.TitleUpdates),
                ChangeReports = Either(changeReports[code].Select(x => x.Report), before?.ChangeReports),
            };
            foreach (var p in RegistryValidation.Check(after)) problems.Add(Locate(parsed, p));
            var change = new RecordChange(before, after);
            if (change.Audit.Count > 0) plan.Add(change);
            else unchanged.Add(code);
        }
        var numbers = parsed.Certificates.Select(x => x.Certificate.CertificateNumber).ToList();
        foreach (var (number, holder) in registry.CertificateHolders(numbers))
            foreach (var (c, o) in parsed.Certificates.Where(x => x.Certificate.CertificateNumber == number && x.Certificate.CreditCode != holder))
                problems.Add(new(o.File, o.Sheet, o.Row, SheetSchema.Of(SheetSchema.HnteCertificates).Column("certificate_number").Header, number,
                    $"证书编号已属于登记库中的另一企业 {holder} (the certificate number belongs to another enterprise)", c.CreditCode));

        var sorted = problems.OrderBy(p => p.File, StringComparer.Ordinal).ThenBy(p => p.Sheet, StringComparer.Ordinal).ThenBy(p => p.Row).ToList();
        var leftOut = 0;
        if (sorted.Count > 0)
        {
            if (!options.AcceptValidRows || sorted.Any(p => p.CreditCode is null))
                return new(sorted, Summary(parsed, plan, Unchanged(unchanged, sorted), 0), false, []);
            var bad = sorted.Select(p => p.CreditCode!).ToHashSet(StringComparer.Ordinal);
            leftOut = bad.Count;
            plan = plan.Where(x => !bad.Contains(x.CreditCode)).ToList();
        }
        var summary = Summary(parsed, plan, Unchanged(unchanged, sorted), leftOut);
        if (options.DryRun || plan.Count == 0) return new(sorted, summary, false, []);

        progress?.Invoke($"写入 0/{plan.Count} 家企业 (writing, one transaction) …");
        registry.Apply(plan, stamp, clock.GetUtcNow().ToUnixTimeSeconds(), n => progress?.Invoke($"写入 {n}/{plan.Count} 家企业 (written)"), cancel);
        return new(sorted, summary, true, plan.Select(x => x.CreditCode).ToList());
    }

    // An enterprise counts as unchanged only when its rows were read without a problem and say what the registry says: a
    // row refused (a bad credit code, an enterprise nowhere) is a problem, not "no change".
    private static int Unchanged(List<string> unchanged, List<ImportProblem> problems)
    {
        var troubled = problems.Where(p => p.CreditCode is not null).Select(p => p.CreditCode!).ToHashSet(StringComparer.Ordinal);
        return unchanged.Count(c => !troubled.Contains(c));
    }

    private static ImportSummary Summary(ParsedImport parsed, List<RecordChange> plan, int unchanged, int leftOut)
    {
        var fresh = plan.Count(x => x.Before is null);
        return new(parsed.Rows, fresh, plan.Count - fresh, unchanged, plan.Sum(x => x.Audit.Count), leftOut);
    }

    /// <summary>
    /// A row from a sheet that leaves out some columns keeps the registry's values there: a correction file with only
    /// the R&amp;D column changes R&amp;D, not every other amount to empty.
    /// </summary>
    private static T KeepAbsent<T>(T fromFile, T? existing, ParsedImport parsed, string kind) where T : class
    {
        if (existing is null || !parsed.Columns.TryGetValue(kind, out var present)) return fromFile;
        var absent = SheetSchema.Of(kind).Columns.Where(c => !present.Contains(c.Column)).Select(c => Camel(c.Column)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (absent.Count == 0) return fromFile;
        var copy = fromFile;
        foreach (var p in typeof(T).GetProperties().Where(p => p.CanWrite && absent.Contains(p.Name)))
            p.SetValue(copy, p.GetValue(existing)); // the row's record is this import's own, built for it alone
        return copy;
    }

    /// <summary>The file's rows of a kind for the enterprise when it has any; otherwise what the registry holds.</summary>
    private static IReadOnlyList<T> Either<T>(IEnumerable<T> fromFile, IReadOnlyList<T>? fromRegistry)
    {
        var rows = fromFile.ToList();
        return rows.Count > 0 ? rows : fromRegistry ?? [];
    }

    private static Origin FirstOrigin(ParsedImport parsed, string code) =>
        SheetSchema.All.Select(k => parsed.FirstRow.TryGetValue((code, k.Id), out var o) ? o : null).First(o => o is not null)!;

    /// <summary>Points a problem found on a whole record at the row it comes from: the filing of its year, the row of
    /// its kind, or the enterprise's row.</summary>
    private static ImportProblem Locate(ParsedImport parsed, ValidationProblem p)
    {
        var code = p.CreditCode;
        var (kind, field) = p.Field.Split('.') switch
        {
            ["ip", var f] => (SheetSchema.Ip, f),
            ["financing", var f] => (SheetSchema.Financing, f),
            ["listEntry", var f] => (SheetSchema.ListEntries, f),
            ["cleanRecord", var f] => (SheetSchema.CleanRecord, f),
            ["locationChange", var f] => (SheetSchema.LocationChanges, f),
            ["qualityTitle", var f] => (SheetSchema.QualityTitles, f),
            ["rdInstitution", var f] => (SheetSchema.RdInstitutions, f),
            ["award", var f] => (SheetSchema.Awards, f),
            ["contestResult", var f] => (SheetSchema.ContestResults, f),
            ["titleUpdate", var f] => (SheetSchema.TitleUpdates, f),
            ["changeReport", var f] => (SheetSchema.ChangeReports, f),
            ["techSmeRegistration"] => (SheetSchema.TechSmeRegistrations, "year"),
            ["hnteCertificate"] => (SheetSchema.HnteCertificates, "issued_on"),
            [var f] when p.Year is not null && FilingFields.Contains(f) => (SheetSchema.Filings, f),
            [var f] => (SheetSchema.Enterprises, f),
            _ => (SheetSchema.Enterprises, "creditCode"),
        };
        // The row of the year where a kind has one row a year; otherwise the enterprise's first row of the kind.
        Origin? origin = kind switch
        {
            SheetSchema.Filings => parsed.Filings.Where(x => x.Filing.CreditCode == code && x.Filing.Year == p.Year).Select(x => x.Origin).FirstOrDefault(),
            SheetSchema.TitleUpdates => parsed.TitleUpdates.Where(x => x.Update.CreditCode == code && x.Update.Year == p.Year).Select(x => x.Origin).FirstOrDefault(),
            SheetSchema.ChangeReports => parsed.ChangeReports.Where(x => x.Report.CreditCode == code && x.Report.ChangedOn.Year == p.Year).Select(x => x.Origin).FirstOrDefault(),
            _ => null,
        } ?? parsed.FirstRow.GetValueOrDefault((code, kind));
        origin ??= parsed.FirstRow.GetValueOrDefault((code, SheetSchema.Enterprises)) ?? FirstOrigin(parsed, code);
        var column = Snake(field);
        var spec = SheetSchema.Of(kind).Columns.FirstOrDefault(c => c.Column == column) ?? SheetSchema.Of(kind).Column("credit_code");
        return new(origin.File, origin.Sheet, origin.Row, spec.Header, null, p.Message, code);
    }

    private static readonly HashSet<string> FilingFields = SheetSchema.Of(SheetSchema.Filings).Columns.Select(c => Camel(c.Column)).ToHashSet();

    private static string Camel(string snake) => SnakeParts().Replace(snake.Replace("hitech", "hi_tech"), m => m.Groups[1].Value.ToUpperInvariant());
    private static string Snake(string camel) => camel == "hiTechIncome" ? "hitech_income" : camel == "hiTechField" ? "hitech_field" : Upper().Replace(camel, m => "_" + m.Value.ToLowerInvariant());

    [GeneratedRegex("_([a-z])")]
    private static partial Regex SnakeParts();

    [GeneratedRegex("[A-Z]")]
    private static partial Regex Upper();
}
