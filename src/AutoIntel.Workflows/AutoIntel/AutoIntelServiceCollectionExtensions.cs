using AutoIntel.Ingestion;
using AutoIntel.Ingestion.EvidenceSources;
using AutoIntel.Intelligence;
using AutoIntel.Intelligence.Analyzers;
using AutoIntel.Intelligence.Llm;
using AutoIntel.Intelligence.Offline;
using AutoIntel.Intelligence.Providers;
using AutoIntel.Intelligence.Simulation;
using AutoIntel.Memory;
using AutoIntel.Storage;
using AutoIntel.Workflows.AutoIntel.Quality;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace AutoIntel.Workflows.AutoIntel;

/// <summary>Registers what the /autointel activities need, over one local data folder (embedded defaults).</summary>
public static class AutoIntelServiceCollectionExtensions
{
    /// <summary>The key of the offline analyzer, which is also the LLM gateway's last fallback.</summary>
    public const string OfflineAnalyzerKey = "offline";

    /// <summary>Artifacts (files under <paramref name="dataDir"/>, or Azure Blob when <c>Storage:Kind</c> says so), guarded ingestion, embedded memory and the offline analyzer under <paramref name="dataDir"/>; the LLM gateway when <c>Llm</c> is configured; the evidence sources <c>Evidence</c> turns on; reader feedback (the quality loop).</summary>
    public static IServiceCollection AddAutoIntelServices(this IServiceCollection services, IConfiguration configuration, string dataDir)
    {
        services.AddAutoIntelArtifactStore(configuration, Path.Combine(dataDir, "artifacts"));
        services.AddAutoIntelIngestion(configuration);
        services.AddAutoIntelMemory(configuration, Path.Combine(dataDir, "memory"));

        // Offline analyzers are the default; the LLM gateway replaces IContentAnalyzer when an endpoint is configured.
        services.AddKeyedSingleton<IContentAnalyzer, OfflineAnalyzer>(OfflineAnalyzerKey);
        services.AddSingleton<IContentAnalyzer>(sp => sp.GetRequiredKeyedService<IContentAnalyzer>(OfflineAnalyzerKey));
        services.AddAutoIntelIntelligence(configuration);
        services.AddHealthChecks()
            .AddCheck<ArtifactStoreHealthCheck>(AutoIntelHealth.Storage)
            .AddCheck<MemoryStoreHealthCheck>(AutoIntelHealth.Memory)
            .Add(new HealthCheckRegistration(AutoIntelHealth.Llm, sp => new LlmEndpointHealthCheck(sp.GetRequiredService<IOptions<LlmOptions>>()), null, null));
        services.AddAutoIntelEvidence(configuration, IntelligenceServiceCollectionExtensions.LlmConfigured(configuration));
        services.AddQualityLoop(configuration);
        return services;
    }

    /// <summary>Makes the offline analyzer wait like real LLM calls (<c>bench pipeline</c> and the engine benchmark): replaces <see cref="IContentAnalyzer"/>.</summary>
    public static IServiceCollection AddSimulatedLlmLatency(this IServiceCollection services, SimulatedLatencyOptions latency) =>
        services.AddSingleton<IContentAnalyzer>(sp => new LatencySimulatingAnalyzer(
            sp.GetRequiredKeyedService<IContentAnalyzer>(OfflineAnalyzerKey), latency, sp.GetRequiredService<TimeProvider>()));
}
