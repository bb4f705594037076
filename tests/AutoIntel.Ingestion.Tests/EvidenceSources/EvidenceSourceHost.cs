using AutoIntel.Core.FactCheck;
using AutoIntel.Ingestion.EvidenceSources;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AutoIntel.Ingestion.Tests.EvidenceSources;

/// <summary>The evidence sources as the hosts wire them, from in-memory settings (loopback allowed like every other fake).</summary>
internal static class EvidenceSourceHost
{
    public static ServiceProvider Build(Dictionary<string, string?> settings, bool llmConfigured = false, bool allowLoopback = true)
    {
        if (allowLoopback)
        {
            settings["Fetch:AllowedHosts:0"] = "127.0.0.1";
        }

        settings.TryAdd("Evidence:Timeout", "00:00:10");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddAutoIntelEvidence(configuration, llmConfigured);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public static IEvidenceSource Single(ServiceProvider services) => services.GetServices<IEvidenceSource>().Should().ContainSingle().Subject;

    public static EvidenceQuery Query(string claim, string language = "en", string? keywords = null) => new(claim, language, keywords ?? claim);
}
