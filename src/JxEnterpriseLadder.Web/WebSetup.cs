using JxEnterpriseLadder.Data;
using JxEnterpriseLadder.Domain;
using JxEnterpriseLadder.Generator;
using JxEnterpriseLadder.Prediction;
using JxEnterpriseLadder.Rules.Engine;
using JxEnterpriseLadder.Services;

namespace JxEnterpriseLadder.Web;

public static class WebSetup
{
    public static IServiceCollection AddLadderWeb(this IServiceCollection services)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddProblemDetails();
        services.AddSingleton<Api.ImportReports>();
        services.AddSingleton<WorkFolder>();
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
            app.UseExceptionHandler(new ExceptionHandlerOptions
            {
                ExceptionHandlingPath = "/Error",
                CreateScopeForErrors = true,
                StatusCodeSelector = e => e is Microsoft.AspNetCore.Antiforgery.AntiforgeryValidationException or BadHttpRequestException
                    ? StatusCodes.Status400BadRequest : StatusCodes.Status500InternalServerError,
            });
        if (!app.Environment.IsDevelopment()) app.UseHsts();
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
    /// Migrates the registry at start; on an empty embedded (SQLite) registry outside Production, generates the demo
    /// province (Demo:Enterprises, default 40,000) and screens it, so a newcomer sees a whole province on first start.
    /// </summary>
    public static void PrepareDemoRegistry(this WebApplication app)
    {
        var db = app.Services.GetRequiredService<Database>();
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("JxEnterpriseLadder.Demo");
        Migrator.Migrate(db);
        app.Services.GetRequiredService<WorkFolder>(); // empties what an earlier run left
        var registry = app.Services.GetRequiredService<RegistryRepository>();
        registry.SaveReferenceData(JiangxiReference.Default);
        var parameters = ParameterAudit.RecordChanges(app.Services.GetRequiredService<ParameterStore>(), app.Services.GetRequiredService<AuditRepository>(), TimeProvider.System);
        if (parameters.Count > 0) log.LogInformation("Parameter sets new or changed since the last start, recorded in the audit trail: {Sets}", string.Join(", ", parameters.Select(p => p.SubjectKey)));
        if (db.Provider != DatabaseProvider.Sqlite || app.Environment.IsProduction()) return;
        if (registry.CountEnterprises() > 0)
        {
            PredictDemo(app, registry, log);
            return;
        }
        var options = new GeneratorOptions { Enterprises = app.Configuration.GetValue("Demo:Enterprises", 40_000) };
        log.LogInformation("Empty embedded registry at {Db}: generating the demo province ({N} enterprises) …", db.Description, options.Enterprises);
        var engine = app.Services.GetRequiredService<AssessmentEngine>();
        Seeding.SeedProvince(db, options, engine, m => log.LogInformation("{Message}", m));
        Seeding.ScreenCalibrationDates(registry, engine, DateOnly.FromDateTime(DateTime.Today), m => log.LogInformation("{Message}", m));
        PredictDemo(app, registry, log);
        log.LogInformation("Demo province ready");
    }

    /// <summary>Scores the embedded registry with the shipped models (Models:Path, default the models beside the app) when
    /// it holds no predictions yet, so candidate lists and expected entries are there on first start.</summary>
    private static void PredictDemo(WebApplication app, RegistryRepository registry, ILogger log)
    {
        var predictions = app.Services.GetRequiredService<PredictionRepository>();
        if (predictions.LatestBaseYear() is not null) return;
        var models = app.Configuration["Models:Path"] ?? Path.Combine(AppContext.BaseDirectory, "models");
        try
        {
            var workflow = new PromotionWorkflow(registry, app.Services.GetRequiredService<AssessmentEngine>(), new TrainingSettings(),
                m => log.LogInformation("{Message}", m));
            var run = workflow.Predict(models, predictions);
            log.LogInformation("Predictions for {Year} stored: {Counts}", run.OutcomeYear, string.Join(", ", run.Stored.Select(s => $"{s.Transition} {s.Count}")));
        }
        catch (Exception e) when (e is ModelFileException or InvalidOperationException)
        {
            log.LogWarning("No predictions: {Reason}", e.Message);
        }
    }
}
