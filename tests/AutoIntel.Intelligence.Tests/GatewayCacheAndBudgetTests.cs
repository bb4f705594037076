using AutoIntel.Core.FactCheck;
using AutoIntel.Core.Text;
using AutoIntel.Intelligence.Cache;
using AutoIntel.TestKit;
using Microsoft.Extensions.Time.Testing;
using static AutoIntel.Intelligence.Tests.GatewayTests;

namespace AutoIntel.Intelligence.Tests;

public sealed class GatewayCacheAndBudgetTests : IAsyncLifetime
{
    private const string Summary = """{"keyPoints":["A point."],"ignoredInstructions":[]}""";
    private static readonly Chunk Chunk = new(0, string.Join(' ', Enumerable.Range(0, 150).Select(i => $"sentence{i} about rivers.")), 400);
    private FakeOpenAiServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeOpenAiServer.StartAsync();
        _server.Chat = _ => FakeReply.Json(Summary) with { PromptTokens = 1000, CompletionTokens = 200 };
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Execute_SameRequestTwice_SecondIsExactHitWithSavings()
    {
        await using var h = new GatewayHarness(_server);

        var first = await h.Analyzer.AnalyseChunkAsync(new global::AutoIntel.Intelligence.Analyses.SummaryAnalysis(), Request(), Chunk);
        var second = await h.Analyzer.AnalyseChunkAsync(new global::AutoIntel.Intelligence.Analyses.SummaryAnalysis(), Request(run: "run-2"), Chunk);

        _server.ChatRequests.Should().HaveCount(1);
        second.Usage.CacheHits.Should().Be(1);
        second.Usage.Usd.Should().Be(0);
        second.Usage.UsdSaved.Should().Be(first.Usage.Usd);
        h.Journal.CostLine("run-2").Should().Contain("1 hits saved $");
        var stats = h.Analytics.Snapshot();
        stats.Cache.MemoryHits.Should().Be(1);
        stats.Cache.BytesSaved.Should().BeGreaterThan(0);
        stats.ToText().Should().Contain("cache hit rate 50.0 %");
    }

    [Fact]
    public async Task Execute_SameRequestOtherTenant_MissesCache()
    {
        await using var h = new GatewayHarness(_server);

        await h.Analyzer.AnalyseChunkAsync(new global::AutoIntel.Intelligence.Analyses.SummaryAnalysis(), Request(tenant: "guild-a"), Chunk);
        var other = await h.Analyzer.AnalyseChunkAsync(new global::AutoIntel.Intelligence.Analyses.SummaryAnalysis(), Request(tenant: "guild-b"), Chunk);

        other.Usage.CacheHits.Should().Be(0);
        _server.ChatRequests.Should().HaveCount(2);
    }

    [Fact]
    public async Task Execute_NearlySameChunk_HitsSemanticTier_ButNeverForVerification()
    {
        await using var h = new GatewayHarness(_server);
        await h.Analyzer.AnalyseChunkAsync(new global::AutoIntel.Intelligence.Analyses.SummaryAnalysis(), Request(), Chunk);

        var near = await h.Analyzer.AnalyseChunkAsync(new global::AutoIntel.Intelligence.Analyses.SummaryAnalysis(), Request(), Chunk with { Text = Chunk.Text.Replace("sentence77", "sentence77b", StringComparison.Ordinal) });

        near.Usage.CacheHits.Should().Be(1);
        h.Analytics.Snapshot().Cache.SemanticHits.Should().Be(1);

        _server.Chat = _ => FakeReply.Json("""{"verdict":"supported","confidence":0.8,"rationale":"evidence 1","citations":["E1"],"ignoredInstructions":[]}""");
        var claim = new Claim("c1", Chunk.Text, 0, 0.9);
        Evidence[] evidence = [new("wikipedia", "An extract.", 0.5)];
        await h.Analyzer.VerifyClaimAsync(Request(), claim, evidence);
        var v2 = await h.Analyzer.VerifyClaimAsync(Request(), claim with { Text = claim.Text.Replace("sentence77", "sentence77b", StringComparison.Ordinal) }, evidence);
        v2.Usage.LlmCalls.Should().Be(1, "the model was asked again");
        v2.Usage.CacheHits.Should().Be(0);
    }

    [Fact]
    public async Task Execute_ConcurrentIdenticalRequests_MakeOneCall()
    {
        await using var h = new GatewayHarness(_server);
        _server.Chat = _ => FakeReply.Json(Summary) with { Delay = TimeSpan.FromMilliseconds(300) };

        var results = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => h.Analyzer.AnalyseChunkAsync(new global::AutoIntel.Intelligence.Analyses.SummaryAnalysis(), Request(), Chunk)));

        _server.ChatRequests.Should().HaveCount(1);
        results.Sum(r => r.Usage.LlmCalls).Should().Be(1);
        results.Should().OnlyContain(r => r.Value.KeyPoints.Count == 1);
    }

    [Fact]
    public async Task Execute_RunCapReached_DegradesToOfflineAndSaysSo()
    {
        await using var h = new GatewayHarness(_server, o => o.Budgets.PerRunUsd = 0.0005m);

        var first = await h.Analyzer.AnalyseChunkAsync(new global::AutoIntel.Intelligence.Analyses.SummaryAnalysis(), Request(), Chunk);
        var second = await h.Analyzer.AnalyseChunkAsync(new global::AutoIntel.Intelligence.Analyses.SummaryAnalysis(), Request(), Chunk with { Index = 1, Text = "Different text entirely." });

        first.Usage.LlmCalls.Should().Be(1);
        second.Value.KeyPoints.Should().Equal("offline point");
        h.Budgets.SpentByRun("run-1").Should().Be(0.00036m); // 1,000 in + 200 out on "cheap"
        h.Journal.Notes("run-1").Should().Contain(n => n.Contains("offline analyzer") && n.Contains("budget"));
    }

    [Fact]
    public async Task Execute_PerCallCapBelowStrongModel_UsesCheaperModelAndNotes()
    {
        await using var h = new GatewayHarness(_server, o => o.Budgets.PerCallUsd = 0.002m);
        _server.Chat = _ => FakeReply.Json("""{"verdict":"refuted","confidence":0.9,"rationale":"evidence 1","citations":["E1"],"ignoredInstructions":[]}""");

        var verdict = await h.Analyzer.VerifyClaimAsync(Request(), new Claim("c1", "The moon is made of cheese.", 0, 0.9), [new Evidence("wikipedia", "The Moon is rock.", 0.5)]);

        verdict.Value.Method.Should().Be("cheap");
        h.Journal.Notes("run-1").Should().Contain(n => n.Contains("Budget caps"));
        h.Analytics.Snapshot().BudgetDegradations.Should().Be(1);
    }

    [Fact]
    public async Task Execute_TenantDailyCap_ResetsNextUtcDay()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        await using var h = new GatewayHarness(_server, o => o.Budgets.PerTenantDailyUsd = 0.0005m, time);
        await h.Analyzer.AnalyseChunkAsync(new global::AutoIntel.Intelligence.Analyses.SummaryAnalysis(), Request(run: "a"), Chunk);

        var blocked = await h.Analyzer.AnalyseChunkAsync(new global::AutoIntel.Intelligence.Analyses.SummaryAnalysis(), Request(run: "b"), Chunk with { Text = "Other text." });
        time.Advance(TimeSpan.FromHours(13));
        var nextDay = await h.Analyzer.AnalyseChunkAsync(new global::AutoIntel.Intelligence.Analyses.SummaryAnalysis(), Request(run: "c"), Chunk with { Text = "Third text." });

        blocked.Value.KeyPoints.Should().Equal("offline point");
        nextDay.Usage.LlmCalls.Should().Be(1);
    }
}
