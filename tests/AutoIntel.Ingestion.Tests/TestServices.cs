using AutoIntel.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AutoIntel.Ingestion.Tests;

/// <summary>Builds the real ingestion wiring from in-memory configuration, as the hosts do.</summary>
internal static class TestServices
{
    public static ServiceProvider Build(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null)
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();
        var services = new ServiceCollection();
        services.AddInMemoryArtifactStore();
        configure?.Invoke(services);
        services.AddAutoIntelIngestion(configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    /// <summary>Settings that allow the loopback test server and keep limits small.</summary>
    public static Dictionary<string, string?> Loopback(long maxBytes = 64 * 1024, string timeout = "00:00:10", int maxRedirects = 3) => new()
    {
        ["Fetch:AllowedHosts:0"] = "127.0.0.1",
        ["Fetch:MaxBytes"] = maxBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Fetch:Timeout"] = timeout,
        ["Fetch:MaxRedirects"] = maxRedirects.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
