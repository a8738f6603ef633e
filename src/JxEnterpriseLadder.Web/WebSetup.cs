using JxEnterpriseLadder.Web.Auth;
using JxEnterpriseLadder.Data;
using JxEnterpriseLadder.Domain;
using JxEnterpriseLadder.Generator;
using JxEnterpriseLadder.Prediction;
using JxEnterpriseLadder.Rules.Engine;
using JxEnterpriseLadder.Services;
using JxEnterpriseLadder.Rules;

namespace JxEnterpriseLadder.Web;

public static class WebSetup
{
    /// <summary>
    /// The component library of the console (ADR 0014): its built-in texts follow the page's culture (zh-CN or en), with
    /// this app's words from Locales/*.json; its icons come from bootstrap-icons, the font the pages already use.
    /// </summary>
    public static IServiceCollection AddComponentLibrary(this IServiceCollection services)
    {
        services.AddBootstrapBlazor(null, o => o.AdditionalJsonAssemblies = [typeof(WebSetup).Assembly]);
        services.Configure<BootstrapBlazor.Components.IconThemeOptions>(o => o.ThemeKey = "bootstrap");
        return services;
    }

    public static IServiceCollection AddLadderWeb(this IServiceCollection services)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddComponentLibrary();
        services.AddProblemDetails();
        services.AddSingleton<Api.ImportReports>();
        services.AddSingleton<WorkFolder>();
        services.AddSingleton<DemoPreparation>();
        services.Configure<Microsoft.AspNetCore.Builder.ForwardedHeadersOptions>(ConfigureProxies);
        services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));
        return services;
    }

    /// <summary>
    /// Behind a reverse proxy that ends TLS: the client's address and scheme are taken from X-Forwarded-For and
    /// X-Forwarded-Proto, but only from the proxies listed in ForwardedHeaders:KnownProxies (addresses) and
    /// ForwardedHeaders:KnownNetworks (CIDR), besides this machine's own loopback. A request whose original scheme was
    /// HTTPS then gets a Secure sign-in cookie and HSTS.
    /// </summary>
    private static void ConfigureProxies(Microsoft.AspNetCore.Builder.ForwardedHeadersOptions o)
    {
        o.ForwardedHeaders = Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedFor | Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedProto;
    }

    /// <summary>
    /// Errors and proxies: no stack trace reaches a user in any environment (Debug:DetailedErrors=true shows them to a
    /// developer who asks); a refused antiforgery token or a malformed request is a 400, not a 500; forwarded headers
    /// from the configured proxies; HSTS on HTTPS outside Development.
    /// </summary>
    public static void UseLadderHosting(this WebApplication app)
    {
        var proxies = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Builder.ForwardedHeadersOptions>>().Value;
        foreach (var address in app.Configuration.GetSection("ForwardedHeaders:KnownProxies").Get<string[]>() ?? [])
            proxies.KnownProxies.Add(System.Net.IPAddress.Parse(address));
        foreach (var network in app.Configuration.GetSection("ForwardedHeaders:KnownNetworks").Get<string[]>() ?? [])
            proxies.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        app.UseForwardedHeaders();
        if (app.Configuration.GetValue("Debug:DetailedErrors", false)) app.UseDeveloperExceptionPage();
        else
            // The page is written here, not re-executed: a failed POST re-executed would fail again on its form.
            app.UseExceptionHandler(new ExceptionHandlerOptions
            {
                StatusCodeSelector = e => e is Microsoft.AspNetCore.Antiforgery.AntiforgeryValidationException or BadHttpRequestException
                    ? StatusCodes.Status400BadRequest : StatusCodes.Status500InternalServerError,
                ExceptionHandler = context => ErrorPage(context, context.Response.StatusCode),
            });
        if (!app.Environment.IsDevelopment()) app.UseHsts();
    }

    /// <summary>
    /// A form whose antiforgery token is missing or stale (the page sat open across a restart) is refused with 400 and a
    /// page that says what to do. Call just before UseAntiforgery.
    /// </summary>
    public static void UseAntiforgeryFailuresAsBadRequests(this WebApplication app) =>
        app.Use(async (context, next) =>
        {
            try
            {
                await next(context);
            }
            catch (Exception) when (!context.Response.HasStarted
                && context.Features.Get<Microsoft.AspNetCore.Antiforgery.IAntiforgeryValidationFeature>() is { IsValid: false })
            {
                context.Response.Clear();
                await ErrorPage(context, StatusCodes.Status400BadRequest);
            }
        });

    private static Task ErrorPage(HttpContext context, int status)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/html; charset=utf-8";
        var (zh, en) = status == StatusCodes.Status400BadRequest
            ? ("页面已过期或请求无效：请返回上一页，刷新后重试。", "The page expired or the request was not valid: go back, reload the page and try again.")
            : ("处理请求时发生错误，请稍后重试或联系管理员。", "The request could not be completed: try again later or ask the administrator.");
        return context.Response.WriteAsync($"""
            <!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{(status == 400 ? "请求无效" : "出错了")} · 江西省科技企业梯次培育</title></head>
            <body style="font-family: sans-serif; max-width: 40rem; margin: 3rem auto; padding: 0 1rem">
            <h1>{(status == 400 ? "请求无效" : "出错了")}</h1><p>{zh}</p><p lang="en">{en}</p><p><a href="/">返回首页 · Home</a></p></body></html>
            """);
    }

    /// <summary>Chinese for everyone until they choose English with the switch (the culture cookie): the browser's own
    /// language does not decide, so every officer sees the same words.</summary>
    public static void UseLadderLocalization(this WebApplication app)
    {
        var options = new RequestLocalizationOptions().SetDefaultCulture("zh-CN").AddSupportedCultures("zh-CN", "en").AddSupportedUICultures("zh-CN", "en");
        options.RequestCultureProviders = [new Microsoft.AspNetCore.Localization.CookieRequestCultureProvider()];
        app.UseRequestLocalization(options);
    }

    /// <summary>
    /// Migrates the registry at start (before the app answers). On an empty embedded (SQLite) registry outside
    /// Production, the demo province (Demo:Enterprises, default 40,000) is then generated, screened and scored in the
    /// background, with its demo accounts, while the app already answers with the progress (<see cref="DemoPreparation"/>).
    /// </summary>
    public static void PrepareDemoRegistry(this WebApplication app)
    {
        var db = app.Services.GetRequiredService<Database>();
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("JxEnterpriseLadder.Demo");
        var preparation = app.Services.GetRequiredService<DemoPreparation>();
        Migrator.Migrate(db);
        app.Services.GetRequiredService<WorkFolder>(); // empties what an earlier run left
        var registry = app.Services.GetRequiredService<RegistryRepository>();
        registry.SaveReferenceData(JiangxiReference.Default);
        var parameters = ParameterAudit.RecordChanges(app.Services.GetRequiredService<ParameterStore>(), app.Services.GetRequiredService<AuditRepository>(), TimeProvider.System);
        if (parameters.Count > 0) log.LogInformation("Parameter sets new or changed since the last start, recorded in the audit trail: {Sets}", string.Join(", ", parameters.Select(p => p.SubjectKey)));
        if (!preparation.IsDemoRegistry)
        {
            preparation.Finished();
            RescoreIfStale(app, log);
            return;
        }
        var empty = registry.CountEnterprises() == 0;
        var predictions = app.Services.GetRequiredService<PredictionRepository>();
        if (!empty && predictions.LatestBaseYear() is not null)
        {
            app.PrepareDemoAccounts();
            preparation.Finished();
            RescoreIfStale(app, log);
            return;
        }
        // Long work in the background: the port opens now, and pages show how far it is.
        _ = Task.Factory.StartNew(() =>
        {
            try
            {
                var engine = app.Services.GetRequiredService<AssessmentEngine>();
                if (empty)
                {
                    var options = new GeneratorOptions { Enterprises = app.Configuration.GetValue("Demo:Enterprises", 40_000) };
                    log.LogInformation("Empty embedded registry at {Db}: generating the demo province ({N} enterprises) …", db.Description, options.Enterprises);
                    preparation.Stage("生成演示省份的企业", "Generating the demo province's enterprises", options.Enterprises);
                    Seeding.SeedProvince(db, options, engine, m => log.LogInformation("{Message}", m), preparation.Report);
                    var dates = Seeding.CalibrationDates(DateOnly.FromDateTime(DateTime.Today));
                    preparation.Stage("按各评价日筛查", "Screening at each evaluation date", dates.Count);
                    Seeding.ScreenCalibrationDates(registry, engine, DateOnly.FromDateTime(DateTime.Today), m => log.LogInformation("{Message}", m), preparation.Report);
                }
                app.PrepareDemoAccounts();
                preparation.Stage("计算下一年晋级预测", "Scoring next year's promotion forecasts", 1);
                PredictDemo(app, registry, log);
                preparation.Report(1, 1);
                log.LogInformation("Demo province ready");
                preparation.Finished();
            }
            catch (Exception e)
            {
                preparation.Failed(e);
            }
        }, TaskCreationOptions.LongRunning);
    }

    /// <summary>A registry whose stored forecast was made otherwise than the model files now say (an upgrade from before
    /// models were bound to their registry, a model replaced) is rescored in the background on start: the pages never
    /// keep showing a refused model's probabilities. A registry never scored stays as it is (`jxladder ml predict`).</summary>
    private static void RescoreIfStale(WebApplication app, ILogger log) => _ = Task.Run(() =>
    {
        try
        {
            var models = app.Services.GetRequiredService<PromotionModels>();
            if (app.Services.GetRequiredService<PredictionRepository>().LatestBaseYear() is null || !models.StoredForecastStale()) return;
            log.LogInformation("The stored forecast was made by other model files than those in use: rescoring");
            models.Predict();
        }
        catch (Exception e)
        {
            log.LogWarning("Stored forecast not rescored: {Reason}", e.Message);
        }
    });

    /// <summary>Scores the embedded registry with the models in use (<see cref="PromotionModels"/>: this registry's own once
    /// trained, else those shipped with the app, which only the demo province they learnt from uses as models) when it
    /// holds no predictions yet, or holds some made otherwise than the files now say (an upgrade, a model refused), so
    /// candidate lists and expected entries are there on first start and never from another registry's model.</summary>
    private static void PredictDemo(WebApplication app, RegistryRepository registry, ILogger log)
    {
        var models = app.Services.GetRequiredService<PromotionModels>();
        try
        {
            if (!models.StoredForecastStale()) return;
            var run = models.Predict();
            log.LogInformation("Predictions for {Year} stored: {Counts}", run.OutcomeYear, string.Join(", ", run.Stored.Select(s => $"{s.Transition} {s.Count}")));
            foreach (var (rung, reason) in run.Unscored) log.LogWarning("No predictions for {Rung}: {Reason}", rung, reason);
        }
        catch (Exception e) when (e is ModelFileException or InvalidOperationException)
        {
            log.LogWarning("No predictions: {Reason}", e.Message);
        }
    }
}
