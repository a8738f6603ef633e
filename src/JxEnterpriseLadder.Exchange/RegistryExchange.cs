using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace JxEnterpriseLadder.Exchange;

/// <summary>Limits on what may be uploaded (configuration Import:MaxUploadMegabytes, default 64) and read from it.</summary>
public sealed record ExchangeLimits(long MaxUploadBytes)
{
    public SheetLimits Sheets { get; init; } = SheetLimits.Default;
}

/// <summary>The exchange's limits from configuration; the importer and the exchange over the registry are registered by
/// Services (AddLadderServices).</summary>
public static class ExchangeServiceCollectionExtensions
{
    public static IServiceCollection AddLadderExchange(this IServiceCollection services, Microsoft.Extensions.Configuration.IConfiguration configuration)
    {
        var sheets = SheetLimits.Default;
        services.AddSingleton(new ExchangeLimits(configuration.GetValue("Import:MaxUploadMegabytes", 64L) * 1024 * 1024)
        {
            Sheets = new SheetLimits(
                configuration.GetValue("Import:MaxUnpackedMegabytes", sheets.MaxUnpackedBytes / 1024 / 1024) * 1024 * 1024,
                configuration.GetValue("Import:MaxCellCharacters", sheets.MaxCellCharacters),
                configuration.GetValue("Import:MaxRows", sheets.MaxRows)),
        });
        return services;
    }
}
