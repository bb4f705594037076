using AutoIntel.Intelligence.Budgets;
using AutoIntel.Intelligence.Cache;
using AutoIntel.Intelligence.Gateway;
using AutoIntel.Intelligence.Llm;
using AutoIntel.Intelligence.Providers;
using AutoIntel.Intelligence.Routing;
using AutoIntel.Storage;
using AutoIntel.TestKit;
using Microsoft.Extensions.Logging.Abstractions;

namespace AutoIntel.Intelligence.Tests;

/// <summary>A gateway wired to a <see cref="FakeOpenAiServer"/> with a small catalog: "cheap" (weaker) and "strong" (expensive).</summary>
public sealed class GatewayHarness
{
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
        Catalog = ModelCatalog.FromOptions(Options);
        Client = new OpenAiLlmClient(new OpenAiClientFactory(Options));
        Resilience = new ModelResilience(Options.Resilience, Time);
        Learner = new BanditLearner(Options.Routing, store);
        Router = new ModelRouter(Catalog, Options.Routing, Learner, Resilience);
        Cache = new ResponseCache(Options.Cache, Time, store);
        Budgets = new BudgetLedger(Options.Budgets, Time, store);
        Analytics = new GatewayAnalytics();
        Journal = new RunJournal();
        Gateway = new LlmGateway(Router, Client, Resilience, Cache, Budgets, Learner, Analytics, Journal, Options, Time, NullLogger<LlmGateway>.Instance);
        Offline = new StubOfflineAnalyzer();
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
