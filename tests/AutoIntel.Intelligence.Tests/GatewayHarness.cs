using AutoIntel.Intelligence.Budgets;
using AutoIntel.Intelligence.Cache;
using AutoIntel.Intelligence.Gateway;
using AutoIntel.Intelligence.Llm;
using AutoIntel.Intelligence.Providers;
using AutoIntel.Intelligence.Routing;
using AutoIntel.Storage;
using AutoIntel.TestKit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AutoIntel.Intelligence.Tests;

/// <summary>A gateway wired to a <see cref="FakeOpenAiServer"/> with a small catalog: "cheap" (weaker) and "strong" (expensive).</summary>
/// <remarks>Composed by <see cref="IntelligenceServiceCollectionExtensions.AddAutoIntelIntelligence"/>, as production is.</remarks>
public sealed class GatewayHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    public GatewayHarness(FakeOpenAiServer server, Action<LlmOptions>? configure = null, TimeProvider? time = null, IArtifactStore? store = null)
    {
        Time = time ?? TimeProvider.System;
        Options = new LlmOptions
        {
            Providers = { ["fake"] = new LlmProviderOptions { Kind = "compatible", Endpoint = server.BaseUrl.ToString(), ApiKey = "test-key" } },
            Models =
            [
                Model("cheap", 0.0002m, 0.0008m, 0.87, 800),
                Model("strong", 0.0025m, 0.01m, 0.90, 1500),
            ],
            Resilience = new ResilienceOptions
            {
                BaseDelay = TimeSpan.FromMilliseconds(1),
                MaxDelay = TimeSpan.FromMilliseconds(5),
                AttemptTimeout = TimeSpan.FromSeconds(10),
            },
            Routing = new RoutingOptions { Seed = 7, Explore = false },
        };
        configure?.Invoke(Options);
        Store = store;

        // The production composition: what the harness decides is registered first, and the registration's TryAdd calls keep it.
        var services = new ServiceCollection().AddSingleton(Options).AddSingleton(Time);
        if (store is not null)
        {
            services.AddSingleton(store);
        }

        _services = services.AddAutoIntelIntelligence(new ConfigurationBuilder().Build()).BuildServiceProvider();
        Catalog = _services.GetRequiredService<ModelCatalog>();
        Client = (OpenAiLlmClient)_services.GetRequiredService<ILlmClient>();
        Resilience = _services.GetRequiredService<ModelResilience>();
        Learner = _services.GetRequiredService<BanditLearner>();
        Router = _services.GetRequiredService<ModelRouter>();
        Cache = _services.GetRequiredService<ResponseCache>();
        Budgets = _services.GetRequiredService<BudgetLedger>();
        Analytics = _services.GetRequiredService<GatewayAnalytics>();
        Journal = _services.GetRequiredService<RunJournal>();
        Gateway = _services.GetRequiredService<LlmGateway>();
        Offline = new StubOfflineAnalyzer();

        // An empty configuration names no endpoint, so the registration leaves IContentAnalyzer alone; compose the LLM analyzer as it would.
        Analyzer = new LlmContentAnalyzer(Gateway, Offline, Journal);
    }

    public TimeProvider Time { get; }

    public LlmOptions Options { get; }

    public IArtifactStore? Store { get; }

    public ModelCatalog Catalog { get; }

    public OpenAiLlmClient Client { get; }

    public ModelResilience Resilience { get; }

    public BanditLearner Learner { get; }

    public ModelRouter Router { get; }

    public ResponseCache Cache { get; }

    public BudgetLedger Budgets { get; }

    public GatewayAnalytics Analytics { get; }

    public RunJournal Journal { get; }

    public LlmGateway Gateway { get; }

    public StubOfflineAnalyzer Offline { get; }

    public LlmContentAnalyzer Analyzer { get; }

    /// <summary>Disposes the composed services asynchronously (the gateway flushes on disposal).</summary>
    public ValueTask DisposeAsync() => _services.DisposeAsync();

    public static LlmModelOptions Model(string name, decimal input, decimal output, double quality, double latencyMs, int context = 128_000, string provider = "fake") => new()
    {
        Name = name,
        Provider = provider,
        InputPricePer1K = input,
        OutputPricePer1K = output,
        ContextWindow = context,
        TypicalLatencyMs = latencyMs,
        DefaultQuality = quality,
    };
}
