using AutoIntel.Core.Content;
using AutoIntel.Intelligence.Analyzers;
using AutoIntel.Intelligence.Budgets;
using AutoIntel.Intelligence.Cache;
using AutoIntel.Intelligence.EvidenceGathering;
using AutoIntel.Intelligence.Gateway;
using AutoIntel.Intelligence.Llm;
using AutoIntel.Intelligence.Providers;
using AutoIntel.Intelligence.Routing;
using AutoIntel.Memory.Embeddings;
using AutoIntel.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AutoIntel.Intelligence;

/// <summary>Registers the LLM gateway; the LLM analyzer replaces the offline default only when an endpoint is configured.</summary>
public static class IntelligenceServiceCollectionExtensions
{
    /// <summary>Key under which the offline analyzer must be registered; the LLM analyzer falls back to it.</summary>
    public const string OfflineAnalyzerKey = "offline";

    /// <summary>Whether the configuration names an LLM endpoint (<c>Llm:Endpoint</c> + a model, or <c>Llm:Providers</c> + <c>Llm:Models</c>).</summary>
    public static bool LlmConfigured(IConfiguration configuration) => Bind(configuration).IsConfigured;

    /// <summary>Registers options (validated on start), catalog, router, learner, cache, budgets, resilience, analytics, the gateway, the explainer,
    /// and, when an LLM endpoint is configured, <see cref="IContentAnalyzer"/> as <see cref="LlmContentAnalyzer"/> (and <see cref="ISpeechToText"/> when a transcription model is configured).</summary>
    public static IServiceCollection AddAutoIntelIntelligence(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<LlmOptions>().Bind(configuration.GetSection(LlmOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LlmOptions>, LlmOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<LlmOptions>>().Value);
        services.TryAddSingleton(sp => ModelCatalog.FromOptions(sp.GetRequiredService<LlmOptions>()));
        services.TryAddSingleton(sp => new OpenAiClientFactory(sp.GetRequiredService<LlmOptions>()));
        services.TryAddSingleton<ILlmClient, OpenAiLlmClient>();
        services.TryAddSingleton(sp => new ModelResilience(sp.GetRequiredService<LlmOptions>().Resilience, sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new BanditLearner(sp.GetRequiredService<LlmOptions>().Routing, sp.GetService<IArtifactStore>()));
        services.TryAddSingleton(sp => new ModelRouter(
            sp.GetRequiredService<ModelCatalog>(), sp.GetRequiredService<LlmOptions>().Routing, sp.GetRequiredService<BanditLearner>(), sp.GetRequiredService<ModelResilience>()));
        services.TryAddSingleton(sp => new ResponseCache(
            sp.GetRequiredService<LlmOptions>().Cache, sp.GetRequiredService<TimeProvider>(), sp.GetService<IArtifactStore>(), sp.GetService<IEmbedder>()));
        services.TryAddSingleton(sp => new BudgetLedger(sp.GetRequiredService<LlmOptions>().Budgets, sp.GetRequiredService<TimeProvider>(), sp.GetService<IArtifactStore>()));
        services.TryAddSingleton<GatewayAnalytics>();
        services.TryAddSingleton<RunJournal>();
        services.TryAddSingleton(sp => new LlmGateway(
            sp.GetRequiredService<ModelRouter>(),
            sp.GetRequiredService<ILlmClient>(),
            sp.GetRequiredService<ModelResilience>(),
            sp.GetRequiredService<ResponseCache>(),
            sp.GetRequiredService<BudgetLedger>(),
            sp.GetRequiredService<BanditLearner>(),
            sp.GetRequiredService<GatewayAnalytics>(),
            sp.GetRequiredService<RunJournal>(),
            sp.GetRequiredService<LlmOptions>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILogger<LlmGateway>>() ?? NullLogger<LlmGateway>.Instance,
            sp.GetService<IArtifactStore>() is { } store ? new GatewayStatsStore(store) : null));
        services.TryAddSingleton(sp => new ModelsExplainer(sp.GetRequiredService<ModelRouter>(), sp.GetRequiredService<LlmOptions>().Budgets));
        services.TryAddSingleton<OpenAiSpeechToText>();
        services.AddOptions<EvidenceGatheringOptions>().Bind(configuration.GetSection(EvidenceGatheringOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<EvidenceBudget>();
        services.TryAddSingleton<EvidenceGatherer>();

        var options = Bind(configuration);
        if (options.IsConfigured)
        {
            services.AddSingleton<IContentAnalyzer>(sp => new LlmContentAnalyzer(
                sp.GetRequiredService<LlmGateway>(),
                sp.GetRequiredKeyedService<IContentAnalyzer>(OfflineAnalyzerKey),
                sp.GetRequiredService<RunJournal>()));
            if (ModelCatalog.FromOptions(options).FirstWith(ModelCapabilities.Transcription) is not null)
            {
                services.AddSingleton<ISpeechToText>(sp => sp.GetRequiredService<OpenAiSpeechToText>());
            }
        }

        return services;
    }

    private static LlmOptions Bind(IConfiguration configuration)
    {
        var options = new LlmOptions();
        configuration.GetSection(LlmOptions.SectionName).Bind(options);
        return options;
    }
}
