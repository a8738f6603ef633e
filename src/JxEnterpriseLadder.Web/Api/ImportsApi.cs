using JxEnterpriseLadder.Services;
using System.Collections.Concurrent;
using JxEnterpriseLadder.Domain.Access;
using JxEnterpriseLadder.Exchange;
using JxEnterpriseLadder.Web.Auth;

namespace JxEnterpriseLadder.Web.Api;

/// <summary>
/// The downloads around imports and the record exports: templates (from the data dictionary), an import's problem
/// report, an enterprise's whole record and trail, the registry as CSV. Every one within the caller's scope.
/// </summary>
public static class ImportsApi
{
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static void MapImports(this WebApplication app)
    {
        app.MapGet("/import/template.xlsx", () => ExportsApi.Download(Templates.Workbook, Xlsx, "导入模板.xlsx")).RequireAuthorization(AuthSetup.Officers);
        app.MapGet("/import/template/{kind}.csv", async (string kind) =>
            SheetSchema.All.FirstOrDefault(k => k.Id == kind) is { } k
                ? await ExportsApi.Download(s => Templates.Csv(k, s), "text/csv; charset=utf-8", $"{k.Zh}.csv")
                : Results.NotFound()).RequireAuthorization(AuthSetup.Officers);
        app.MapGet("/import/report/{token}.xlsx", (string token, HttpContext http, ImportReports reports) =>
            reports.Take(token, http.User.Identity?.Name ?? "") is { } path
                ? Results.File(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.None, 1 << 16, FileOptions.DeleteOnClose), Xlsx, "导入问题报告.xlsx")
                : Results.NotFound()).RequireAuthorization(AuthSetup.Officers);

        app.MapGet("/export/enterprise/{code}.xlsx", (string code, HttpContext http, RegistryExchange exchange) =>
            Scoped(http, scope => ExportsApi.Download(s => exchange.ExportRecord(scope, code, s), Xlsx, $"企业记录-{code}.xlsx"))).RequireAuthorization();
        app.MapGet("/export/enterprise/{code}/trail.xlsx", (string code, HttpContext http, RegistryExchange exchange) =>
            Scoped(http, scope => ExportsApi.Download(s => exchange.ExportTrail(scope, code, s), Xlsx, $"变更记录-{code}.xlsx"))).RequireAuthorization();
        app.MapGet("/export/trail.xlsx", (HttpContext http, RegistryExchange exchange) =>
            Scoped(http, scope => ExportsApi.Download(s => exchange.ExportTrail(scope, null, s), Xlsx, $"变更记录-{DateTime.Now:yyyyMMdd}.xlsx"))).RequireAuthorization(AuthSetup.Officers);
        app.MapGet("/export/registry.zip", (HttpContext http, RegistryExchange exchange) =>
            Scoped(http, scope => ExportsApi.Download(s => exchange.ExportRegistryCsv(scope, s), "application/zip", $"登记库-{DateTime.Now:yyyyMMdd}.zip"))).RequireAuthorization(AuthSetup.Officers);
    }

    private static async Task<IResult> Scoped(HttpContext http, Func<AccessScope, Task<IResult>> body)
    {
        try { return await body(UserScope.Of(http.User)!); }
        catch (OutOfScopeException) { return Results.StatusCode(StatusCodes.Status403Forbidden); }
        catch (KeyNotFoundException) { return Results.NotFound(); }
    }
}

/// <summary>Problem reports of recent imports, each downloadable once by the officer who imported, for an hour.</summary>
public sealed class ImportReports(WorkFolder folder)
{
    private readonly ConcurrentDictionary<string, (string User, string Path, DateTimeOffset At)> reports = new();

    public string Add(string user, IEnumerable<ImportProblem> problems)
    {
        foreach (var (key, old) in reports)
            if (old.At < DateTimeOffset.UtcNow.AddHours(-1) && reports.TryRemove(key, out _)) File.Delete(old.Path);
        var path = folder.NewFile(".xlsx");
        using (var file = File.Create(path)) ImportReport.Write(problems, file);
        var token = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        reports[token] = (user, path, DateTimeOffset.UtcNow);
        return token;
    }

    public string? Take(string token, string user) =>
        reports.TryGetValue(token, out var r) && r.User == user && reports.TryRemove(token, out _) ? r.Path : null;
}
