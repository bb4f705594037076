using AutoIntel.Core.Runs;
using AutoIntel.Intelligence.Budgets;
using AutoIntel.Intelligence.Llm;
using AutoIntel.Intelligence.Providers;
using AutoIntel.Intelligence.Routing;
using AutoIntel.TestKit;
using Microsoft.Extensions.Time.Testing;

namespace AutoIntel.Intelligence.Tests;

public sealed class RouterTests
{
    private static LlmOptions Catalog() => new()
    {
        Providers = { ["p"] = new LlmProviderOptions { Endpoint = "http://localhost/v1/" } },
        Models =
        [
            GatewayHarness.Model("nano", 0.0001m, 0.0004m, 0.70, 600, context: 16_000, provider: "p"),
            GatewayHarness.Model("mini", 0.0004m, 0.0016m, 0.89, 900, provider: "p"),
            GatewayHarness.Model("large", 0.002m, 0.008m, 0.92, 1800, provider: "p"),
            new LlmModelOptions { Name = "embed", Provider = "p", Capabilities = ["embeddings"], ContextWindow = 8000 },
        ],
        Routing = new RoutingOptions { Explore = false },
    };

    private static ModelRouter Router(LlmOptions o, BanditLearner? learner = null, ModelResilience? resilience = null) =>
        new(ModelCatalog.FromOptions(o), o.Routing, learner ?? new BanditLearner(o.Routing), resilience);

    [Fact]
    public void Decide_Summary_PicksCheapModelAboveFloorAndRanksFallbacks()
    {
        var d = Router(Catalog()).Decide(new RoutingRequest("summary", 1000, 300, Depth.Standard, Explore: false));

        d.Winner!.Model.Id.Should().Be("mini");
        d.Ranked.Select(c => c.Model.Id).Should().Equal("mini", "large");
        d.Filtered.Should().Contain(f => f.Model == "nano" && f.Reason.Contains("below floor"));
        d.Filtered.Should().Contain(f => f.Model == "embed" && f.Reason.Contains("capability"));
    }

    [Fact]
    public void Decide_ClaimVerificationDeep_RaisesFloorToStrongestModel()
    {
        var d = Router(Catalog()).Decide(new RoutingRequest("claim_verification", 3000, 250, Depth.Deep, Explore: false));

        d.Winner!.Model.Id.Should().Be("large");
        d.QualityFloor.Should().BeGreaterThan(0.89);
    }

    [Fact]
    public void Decide_HardConstraints_FilterContextBudgetLatencyAndOpenCircuit()
    {
        var o = Catalog();
        var d = Router(o).Decide(new RoutingRequest("tone", 20_000, 300, Depth.Quick, MaxCallUsd: 0.01m, MaxLatencyMs: 1000, Explore: false));

        d.Filtered.Should().Contain(f => f.Model == "nano" && f.Reason.StartsWith("context window", StringComparison.Ordinal));
        d.Filtered.Should().Contain(f => f.Model == "large" && f.Reason.StartsWith("latency", StringComparison.Ordinal));
        d.Winner!.Model.Id.Should().Be("mini");

        var broke = Router(o).Decide(new RoutingRequest("tone", 1000, 300, Depth.Quick, MaxCallUsd: 0.0001m, Explore: false));
        broke.Winner.Should().BeNull();
        broke.Reason.Should().Contain("No model is usable").And.Contain("budget");
    }

    [Fact]
    public async Task Decide_OpenCircuit_FiltersModel()
    {
        var o = Catalog();
        var time = new FakeTimeProvider();
        var resilience = new ModelResilience(new ResilienceOptions { BaseDelay = TimeSpan.Zero }, time);
        var failing = () => resilience.ExecuteAsync<int>("mini", _ => throw new HttpRequestException("down"), CancellationToken.None).AsTask();
        await failing.Should().ThrowAsync<Exception>();

        var d = Router(o, resilience: resilience).Decide(new RoutingRequest("summary", 1000, 300, Depth.Standard, Explore: false));

        d.Filtered.Should().Contain(f => f.Model == "mini" && f.Reason == "circuit open");
        d.Winner!.Model.Id.Should().Be("large");
    }

    [Fact]
    public void Decide_LearnsFromInvalidOutputs_SwitchesAwayFromFailingModel()
    {
        var o = Catalog();
        var learner = new BanditLearner(o.Routing);
        var router = Router(o, learner);
        var request = new RoutingRequest("summary", 1000, 300, Depth.Standard, Explore: false);
        router.Decide(request).Winner!.Model.Id.Should().Be("mini");

        for (var i = 0; i < 10; i++)
        {
            learner.Observe("summary", "small", "mini", 0.89, valid: false, latencyMs: 900);
        }

        router.Decide(request).Winner!.Model.Id.Should().Be("large");
        router.Decide(request with { PromptTokens = 3000 }).Winner!.Model.Id.Should().Be("mini", "learning is per complexity bucket");
    }

    [Fact]
    public void Decide_ExplorationWithSeed_StaysWithinBudgetAndFloor()
    {
        var o = Catalog();
        o.Routing.Explore = true;
        o.Routing.Seed = 42;
        var router = Router(o);

        var winners = Enumerable.Range(0, 200)
            .Select(_ => router.Decide(new RoutingRequest("summary", 1000, 300, Depth.Standard, MaxCallUsd: 0.002m)).Winner!)
            .ToList();

        winners.Should().OnlyContain(w => w.EstimatedUsd <= 0.002m);
        winners.Select(w => w.Model.Id).Should().NotContain("nano");
    }

    [Fact]
    public async Task Learner_SaveAndLoad_RestoresLearnedState()
    {
        var o = Catalog();
        var store = new TestArtifactStore();
        var learner = new BanditLearner(o.Routing, store);
        learner.Observe("fallacies", "small", "mini", 0.89, valid: false, latencyMs: 1234);
        await learner.SaveAsync();

        var restored = new BanditLearner(o.Routing, store);
        await restored.LoadAsync();

        restored.Mean("fallacies", "small", "mini", 0.89).Should().BeApproximately(learner.Mean("fallacies", "small", "mini", 0.89), 1e-12);
        restored.Mean("fallacies", "small", "mini", 0.89).Should().BeLessThan(0.89);
        restored.LatencyMs("mini").Should().Be(1234);
    }

    [Fact]
    public void Explainer_ClaimVerification3000_RendersCandidatesScoresFiltersAndReason()
    {
        var o = Catalog();
        var explainer = new ModelsExplainer(Router(o), new BudgetOptions());

        var e = explainer.Explain("claim_verification", 3000);
        var text = ModelsExplainer.Render(e);

        e.Winner.Should().Be("large");
        e.Candidates.Should().NotBeEmpty();
        e.Filtered.Select(f => f.Model).Should().Contain(["nano", "embed"]);
        text.Should().Contain("* large").And.Contain("filtered").And.Contain("wins claim_verification").And.Contain("floor");
    }
}
