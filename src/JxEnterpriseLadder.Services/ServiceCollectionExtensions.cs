using JxEnterpriseLadder.Data;
using JxEnterpriseLadder.Rules.Engine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using JxEnterpriseLadder.Rules;

namespace JxEnterpriseLadder.Services;

public static class ServiceCollectionExtensions
{
    /// <summary>The registry (ConnectionStrings:Registry, default the embedded SQLite file), the engine and the services over them.</summary>
    public static IServiceCollection AddLadderServices(this IServiceCollection services, IConfiguration configuration)
    {
        var spec = configuration.GetConnectionString("Registry") ?? "sqlite:data/jxladder.db";
        services.AddSingleton(Database.Parse(spec));
        services.AddSingleton<RegistryRepository>();
        services.AddSingleton<RegistryStatistics>();
        services.AddSingleton<ScreeningResultRepository>();
        services.AddSingleton<RecordChangeRepository>();
        services.AddSingleton(_ => new AssessmentEngine(ParameterStore.Default));
        services.AddSingleton(sp => sp.GetRequiredService<AssessmentEngine>().Parameters);
        services.AddSingleton<Screening>();
        services.AddSingleton<ProvinceStatistics>();
        services.AddSingleton<PredictionRepository>();
        services.AddSingleton<CandidateLists>();
        services.AddSingleton<TargetProgress>();
        services.AddSingleton<UserRepository>();
        services.AddSingleton(new LockoutPolicy(configuration.GetValue("Auth:MaxFailedSignIns", 5), configuration.GetValue("Auth:LockoutMinutes", 15)));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<Accounts>();
        services.AddSingleton<DirectoryRepository>();
        services.AddSingleton<ReviewRepository>();
        services.AddSingleton<EnterpriseDirectory>();
        services.AddSingleton<TitleObligations>();
        services.AddSingleton<ScreeningReview>();
        services.AddSingleton<ScreeningJobs>();
        services.AddSingleton<AuditRepository>();
        services.AddSingleton<EnterpriseEditing>();
        services.AddSingleton<PromotionModels>();
        services.AddSingleton<DraftRepository>();
        services.AddSingleton<PolicyDrafts>();
        services.AddSingleton<PolicyWhatIf>();
        services.AddSingleton<WhatIfJobs>();
        // Imports and exports: the exchange library reads and plans, the registry's repository applies (ExchangeLimits
        // come from AddLadderExchange).
        services.AddSingleton<Exchange.IImportTarget, RegistryImportTarget>();
        services.AddSingleton<Exchange.RegistryImporter>();
        services.AddSingleton<RegistryExchange>();
        return services;
    }
}
