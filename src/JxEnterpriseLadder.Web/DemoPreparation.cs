using System.Net;

namespace JxEnterpriseLadder.Web;

/// <summary>
/// The embedded demo's first start, done in the background so that the app answers on its URL at once: the stage,
/// how far it is (n of N), and whether it is ready. Until then every page answers with a page that shows the progress
/// and reloads itself, and goes on to the page asked for once the demo is ready. The console gets a line at every tenth.
/// </summary>
public sealed class DemoPreparation(ILogger<DemoPreparation> log, JxEnterpriseLadder.Data.Database db, IHostEnvironment environment)
{
    /// <summary>Whether this is the demo registry: the embedded database outside production. Only then are the demo
    /// province and its accounts made, and the sign-in page lists the accounts. The one place this rule is written.</summary>
    public bool IsDemoRegistry { get; } = db.Provider == JxEnterpriseLadder.Data.DatabaseProvider.Sqlite && !environment.IsProduction();

    private readonly TaskCompletionSource ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int lastTenth = -1;

    public string StageZh { get; private set; } = "启动";
    public string StageEn { get; private set; } = "Starting";
    public int Done { get; private set; }
    public int Total { get; private set; }
    public bool IsReady => ready.Task.IsCompleted;
    /// <summary>Completes when the demo is ready (at once when there is nothing to prepare), or fails with its cause.</summary>
    public Task Ready => ready.Task;

    public void Stage(string zh, string en, int total)
    {
        (StageZh, StageEn, Done, Total, lastTenth) = (zh, en, 0, total, -1);
        log.LogInformation("Preparing the demo: {Stage} (0 of {Total})", en, total);
    }

    public void Report(int done, int total)
    {
        (Done, Total) = (done, total);
        var tenth = total > 0 ? (int)((long)done * 10 / total) : 10;
        if (tenth <= lastTenth) return;
        lastTenth = tenth;
        log.LogInformation("Preparing the demo: {Stage} {Done} of {Total} ({Percent}%)", StageEn, done, total, tenth * 10);
    }

    public void Finished() => ready.TrySetResult();

    public void Failed(Exception e)
    {
        log.LogError(e, "The demo could not be prepared");
        (StageZh, StageEn) = ("演示数据准备失败，请查看控制台日志", "The demo could not be prepared: see the console log");
        ready.TrySetException(e);
    }

    /// <summary>Answers every page with the progress until the demo is ready; static files and the API go through.</summary>
    public static void UseDemoPreparation(WebApplication app)
    {
        var preparation = app.Services.GetRequiredService<DemoPreparation>();
        app.Use(async (context, next) =>
        {
            var path = context.Request.Path.Value ?? "/";
            if (preparation.IsReady || path.StartsWith("/_framework", StringComparison.Ordinal) || path.StartsWith("/_content", StringComparison.Ordinal)
                || path.StartsWith("/lib/", StringComparison.Ordinal) || path.StartsWith("/js/", StringComparison.Ordinal) || path.StartsWith("/api/", StringComparison.Ordinal)
                || path.EndsWith(".css", StringComparison.Ordinal) || path.EndsWith(".js", StringComparison.Ordinal))
            {
                await next(context);
                return;
            }
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = "3";
            context.Response.Headers.CacheControl = "no-store";
            context.Response.ContentType = "text/html; charset=utf-8";
            var english = context.Request.Cookies.TryGetValue(Microsoft.AspNetCore.Localization.CookieRequestCultureProvider.DefaultCookieName, out var c) && c.Contains("en", StringComparison.Ordinal);
            var percent = preparation.Total > 0 ? preparation.Done * 100 / preparation.Total : 0;
            string T(string zh, string en) => WebUtility.HtmlEncode(english ? en : zh);
            await context.Response.WriteAsync($"""
                <!doctype html><html lang="{(english ? "en" : "zh-CN")}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
                <meta http-equiv="refresh" content="3"><title>{T("正在准备演示数据", "Preparing the demo")} · {T("江西省科技企业梯次培育", "Jiangxi tech enterprise ladder")}</title></head>
                <body style="font-family: sans-serif; max-width: 40rem; margin: 3rem auto; padding: 0 1rem">
                <h1>{T("正在准备演示数据", "Preparing the demo")}</h1>
                <p>{T("首次启动会生成一个演示省份的企业登记数据，完成筛查和晋级预测，通常一两分钟（机器繁忙时更久）。本页每 3 秒刷新一次，准备好后自动进入。",
                    "The first start generates a demo province's registry, screens it and scores its promotion forecasts: usually a minute or two (longer on a busy machine). This page refreshes every 3 seconds and goes on by itself when ready.")}</p>
                <p id="stage"><strong>{T(preparation.StageZh, preparation.StageEn)}</strong>{(preparation.Total > 0 ? $"：{preparation.Done:N0} / {preparation.Total:N0}" : "")}</p>
                <progress max="100" value="{percent}" aria-label="{T("准备进度", "Progress")}" style="width: 100%">{percent}%</progress>
                </body></html>
                """);
        });
    }
}
