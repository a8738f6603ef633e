using JxEnterpriseLadder.Data;
using JxEnterpriseLadder.Domain.Access;
using JxEnterpriseLadder.Prediction;
using JxEnterpriseLadder.Services;
using JxEnterpriseLadder.Web.Auth;

namespace JxEnterpriseLadder.Web.Api;

/// <summary>
/// Excel downloads of the lists as the page shows them (the same query string): a plain link, so the browser shows the
/// download's progress and the officer can go on working. Always within the caller's scope.
/// </summary>
public static class ExportsApi
{
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static void MapExports(this WebApplication app)
    {
        app.MapGet("/export/enterprises.xlsx", async (HttpContext http, EnterpriseDirectory directory) =>
        {
            var scope = UserScope.Of(http.User)!;
            var q = EnterpriseQuery.From(http.Request.Query);
            return await Workbook(s => directory.Export(scope, q.Filter, q.Sort, q.Descending, s), $"企业名单-{DateTime.Now:yyyyMMdd}.xlsx");
        }).RequireAuthorization(AuthSetup.Officers);

        app.MapGet("/export/candidates.xlsx", async (HttpContext http, CandidateLists lists) =>
        {
            var scope = UserScope.Of(http.User)!;
            var query = CandidateQuery.From(http.Request.Query);
            return await Workbook(s => lists.Export(scope, query, s), $"候选名单-{query.Transition.Id}-{DateTime.Now:yyyyMMdd}.xlsx");
        }).RequireAuthorization(AuthSetup.OfficersAndParks);

        // The review queue as /review shows it: the screening date, the screening compared with, tier, pending or all,
        // and the city a province officer narrowed to (never wider than the caller's scope).
        app.MapGet("/export/review.xlsx", async (HttpContext http, ScreeningReview reviews) =>
        {
            var q = http.Request.Query;
            if (!DateOnly.TryParseExact(q["asOf"], "yyyy-MM-dd", out var asOf)) return Results.BadRequest("asOf：筛查日须为 yyyy-MM-dd");
            var scope = UserScope.Of(http.User)!.NarrowedTo(q["city"]);
            string? tier = string.IsNullOrEmpty(q["tier"]) ? null : q["tier"].ToString();
            DateOnly? baseline = null;
            if (!string.IsNullOrEmpty(q["baseline"]))
            {
                if (!DateOnly.TryParseExact(q["baseline"], "yyyy-MM-dd", out var b) || b >= asOf) return Results.BadRequest("baseline：对比的筛查日须为早于筛查日的 yyyy-MM-dd");
                baseline = b;
            }
            return await Workbook(s => reviews.Export(scope, asOf, tier, q["show"] != "all", s, baseline), $"复核清单-{asOf:yyyyMMdd}-{tier ?? "全部层级"}.xlsx");
        }).RequireAuthorization(AuthSetup.Officers);

        // The dashboard's tables for a year, within the caller's scope.
        app.MapGet("/export/progress.xlsx", async (HttpContext http, TargetProgress targets) =>
        {
            if (!int.TryParse(http.Request.Query["year"], out var year) || year is < 1900 or > 2999) return Results.BadRequest("year：年度须为四位数字");
            var scope = UserScope.Of(http.User)!;
            return await Workbook(s => targets.Export(scope, year, s), $"目标进度-{year}.xlsx");
        }).RequireAuthorization();
    }

    /// <summary>A finished what-if's comparison (issue 22), for the province officers and administrators who run them.</summary>
    public static void MapWhatIfExport(this WebApplication app) =>
        app.MapGet("/export/whatif/{id:int}.xlsx", (int id, HttpContext http, WhatIfJobs jobs) =>
        {
            var scope = UserScope.Of(http.User)!;
            if (!PolicyDrafts.MayDraft(scope)) return Task.FromResult(Results.Forbid());
            if (jobs.Find(id) is not { Result: { } result }) return Task.FromResult<IResult>(Results.NotFound("没有这次模拟的结果（结果只保留最近几次，且在重启后清空）"));
            var safe = string.Concat(result.DraftName.Select(c => Path.GetInvalidFileNameChars().Contains(c) || char.IsControl(c) ? '_' : c));
            return Workbook(s => PolicyWhatIf.Export(result, s), $"政策模拟-{safe}-{result.AsOf:yyyyMMdd}.xlsx");
        }).RequireAuthorization(p => p.RequireRole(Roles.Admin, Roles.ProvinceOfficer));

    private static Task<IResult> Workbook(Action<Stream> write, string fileName) => Download(write, Xlsx, fileName);

    /// <summary>An .xlsx (or a zip) is written with synchronous seeks: build it in a temporary file (not in memory, a list
    /// may be the whole registry), then send that file, which is deleted once sent.</summary>
    internal static async Task<IResult> Download(Action<Stream> write, string contentType, string fileName)
    {
        var path = Path.GetTempFileName();
        try
        {
            await Task.Run(() =>
            {
                using var file = File.Create(path);
                write(file);
            });
        }
        catch
        {
            File.Delete(path);
            throw;
        }
        var sent = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
        return Results.File(sent, contentType, fileName);
    }
}

/// <summary>The enterprise search as a query string, shared by the list page and its export.</summary>
public sealed record EnterpriseQuery(DirectoryRepository.Filter Filter, DirectoryRepository.SortBy Sort, bool Descending)
{
    public static EnterpriseQuery From(IQueryCollection q) => new(
        new DirectoryRepository.Filter(q["q"], q["city"], q["park"], q["chain"], q["tier"], q["outcomeTier"], q["outcome"],
            double.TryParse(q["minP"], System.Globalization.CultureInfo.InvariantCulture, out var p) ? p : null, q["current"]),
        Enum.TryParse<DirectoryRepository.SortBy>(q["sort"], out var s) ? s : DirectoryRepository.SortBy.CreditCode,
        q["desc"] == "1");

    public string ToQueryString() => QueryString.Create(new Dictionary<string, string?>
    {
        ["q"] = Filter.Text, ["city"] = Filter.City, ["park"] = Filter.Park, ["chain"] = Filter.Chain, ["tier"] = Filter.RecognizedTier,
        ["outcomeTier"] = Filter.OutcomeTier, ["outcome"] = Filter.Outcome,
        ["minP"] = Filter.MinProbability?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["current"] = Filter.QualifiedTier, ["sort"] = Sort.ToString(), ["desc"] = Descending ? "1" : null,
    }.Where(kv => !string.IsNullOrEmpty(kv.Value))).ToUriComponent();
}

/// <summary>The candidate list as a query string, shared by the page and its export.</summary>
public static class CandidateQuery
{
    public static CandidateLists.Query From(IQueryCollection q) => new(
        Transition.All.FirstOrDefault(t => t.Id == q["rung"]) ?? Transition.HnteEntry,
        string.IsNullOrEmpty(q["park"]) ? null : q["park"].ToString(),
        string.IsNullOrEmpty(q["chain"]) ? null : q["chain"].ToString(),
        double.TryParse(q["minP"], System.Globalization.CultureInfo.InvariantCulture, out var p) ? p : null,
        // Each listed enterprise is assessed for its gaps: an export lists at most 1,000.
        int.TryParse(q["limit"], out var n) ? Math.Clamp(n, 1, 1000) : 50);

    public static string ToQueryString(CandidateLists.Query query) => QueryString.Create(new Dictionary<string, string?>
    {
        ["rung"] = query.Transition.Id, ["park"] = query.Park, ["chain"] = query.Chain,
        ["minP"] = query.MinProbability?.ToString(System.Globalization.CultureInfo.InvariantCulture), ["limit"] = query.Limit.ToString(System.Globalization.CultureInfo.InvariantCulture),
    }.Where(kv => !string.IsNullOrEmpty(kv.Value))).ToUriComponent();
}
