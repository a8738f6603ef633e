using JxEnterpriseLadder.Data;
using JxEnterpriseLadder.Domain;
using JxEnterpriseLadder.Generator;
using JxEnterpriseLadder.Rules.Engine;
using JxEnterpriseLadder.Services;

namespace JxEnterpriseLadder.Web;

public static class WebSetup
{
    public static IServiceCollection AddLadderWeb(this IServiceCollection services)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddProblemDetails();
        return services;
    }

    /// <summary>
    /// Migrates the registry at start; on an empty embedded (SQLite) registry, generates the demo province
    /// (Demo:Enterprises, default 40,000) and screens it, so a newcomer sees a whole province on first start.
    /// </summary>
    public static void PrepareDemoRegistry(this WebApplication app)
    {
        var db = app.Services.GetRequiredService<Database>();
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("JxEnterpriseLadder.Demo");
        Migrator.Migrate(db);
        var registry = app.Services.GetRequiredService<RegistryRepository>();
        registry.SaveReferenceData(JiangxiReference.Default);
        if (db.Provider != DatabaseProvider.Sqlite || registry.CountEnterprises() > 0) return;
        var options = new GeneratorOptions { Enterprises = app.Configuration.GetValue("Demo:Enterprises", 40_000) };
        log.LogInformation("Empty embedded registry at {Db}: generating the demo province ({N} enterprises) …", db.Description, options.Enterprises);
        var engine = app.Services.GetRequiredService<AssessmentEngine>();
        Seeding.SeedProvince(db, options, engine, m => log.LogInformation("{Message}", m));
        Seeding.ScreenCalibrationDates(registry, engine, DateOnly.FromDateTime(DateTime.Today), m => log.LogInformation("{Message}", m));
        log.LogInformation("Demo province ready");
    }
}
