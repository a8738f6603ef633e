using JxEnterpriseLadder.Data;
using JxEnterpriseLadder.Domain.Access;
using JxEnterpriseLadder.Domain.Registry;
using JxEnterpriseLadder.Exchange;
using MiniExcelLibs;

namespace JxEnterpriseLadder.Services;

/// <summary>
/// Spreadsheets in and out for a signed-in caller: every method takes the caller's scope and applies it. Imports are
/// for officers, within their scope; an enterprise's record and trail for anyone whose scope holds it; the registry as
/// CSV and the trail as a whole for officers, within their scope.
/// </summary>
public sealed class RegistryExchange(RegistryImporter importer, RegistryRepository registry, AuditRepository audit, ExchangeLimits limits)
{
    public ExchangeLimits Limits { get; } = limits;

    public ImportResult Import(AccessScope scope, string userName, IReadOnlyList<ImportFile> files, ImportOptions? options = null,
        Action<string>? progress = null, CancellationToken cancel = default)
    {
        RequireOfficer(scope);
        foreach (var f in files)
            if (f.Content.CanSeek && f.Content.Length > Limits.MaxUploadBytes)
                return new([new(f.Name, "", 0, "", null, $"文件超过上限 {Limits.MaxUploadBytes / 1024 / 1024} MB (larger than the {Limits.MaxUploadBytes / 1024 / 1024} MB limit)")],
                    new(0, 0, 0, 0, 0, 0), false, []);
        var stamp = new AuditStamp(userName, "导入 " + string.Join("、", files.Select(f => f.Name)));
        return importer.Import(scope, stamp, files, (options ?? new ImportOptions()) with { Sheets = Limits.Sheets }, progress, cancel);
    }

    /// <summary>An enterprise's whole record in the import's format (one sheet per kind).</summary>
    public void ExportRecord(AccessScope scope, string creditCode, Stream output) =>
        RegistryExport.Workbook([Record(scope, creditCode)], output);

    /// <summary>The registry within the caller's scope, as one CSV file per kind in a zip.</summary>
    public void ExportRegistryCsv(AccessScope scope, Stream output)
    {
        RequireOfficer(scope);
        RegistryExport.CsvZip(registry.Stream(scope), output);
    }

    /// <summary>An enterprise's audit trail, newest first.</summary>
    public IReadOnlyList<AuditEntry> Trail(AccessScope scope, string creditCode)
    {
        Record(scope, creditCode);
        return audit.For(creditCode).Select(e => e.ForViewer(scope)).ToList();
    }

    /// <summary>The trail as a spreadsheet: one enterprise's (anyone whose scope holds it), or the whole scope's (officers).</summary>
    public void ExportTrail(AccessScope scope, string? creditCode, Stream output)
    {
        IEnumerable<AuditEntry> entries;
        if (creditCode is not null) entries = Trail(scope, creditCode).Reverse();
        else
        {
            RequireOfficer(scope);
            entries = audit.Stream(scope).Select(e => e.ForViewer(scope));
        }
        output.SaveAs(Domain.SpreadsheetText.ForPeople(entries.Select(e => new Dictionary<string, object?>
        {
            ["记录号 Id"] = e.Id,
            ["时间 Time (UTC+8)"] = DateTimeOffset.FromUnixTimeSeconds(e.ChangedAt).ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm:ss"),
            ["操作人 Actor"] = e.Actor,
            ["对象 Subject"] = AuditSubjects.Chinese(e.Subject),
            ["统一社会信用代码 Credit code"] = e.CreditCode,
            ["标识 Key"] = e.SubjectKey,
            ["操作 Action"] = e.Action,
            ["变更前 Before"] = e.BeforeValue,
            ["变更后 After"] = e.AfterValue,
            ["原因 Reason"] = e.Reason,
        })), sheetName: "变更记录");
    }

    private EnterpriseRecord Record(AccessScope scope, string creditCode)
    {
        var record = registry.Get(creditCode) ?? throw new KeyNotFoundException($"登记库中没有 {creditCode}");
        if (!scope.Allows(record.Enterprise)) throw new OutOfScopeException($"{creditCode} 不在{scope.Description}的范围内");
        return record;
    }

    private static void RequireOfficer(AccessScope scope)
    {
        if (!scope.IsOfficer) throw new OutOfScopeException("只有科技部门可以导入或导出整个登记库 (officers only)");
    }
}

/// <summary>The registry as the importer sees it (<see cref="IImportTarget"/>): the repository's reads and its one-transaction
/// apply.</summary>
public sealed class RegistryImportTarget(RegistryRepository registry) : IImportTarget
{
    private RecordChangeRepository Changes => new(registry.Database);

    public IEnumerable<EnterpriseRecord> Records(IReadOnlyCollection<string> creditCodes) => registry.Stream(creditCodes);

    public IReadOnlyDictionary<string, string> CertificateHolders(IReadOnlyCollection<string> numbers) => Changes.CertificateHolders(numbers);

    public void Apply(IReadOnlyList<RecordChange> plan, AuditStamp stamp, long at, Action<int> written, CancellationToken cancel) =>
        Changes.Apply(plan, stamp, at, written, cancel);
}
