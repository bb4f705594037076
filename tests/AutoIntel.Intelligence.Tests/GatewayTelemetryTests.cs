using AutoIntel.Core.Text;
using AutoIntel.TestKit;
using static AutoIntel.Intelligence.Tests.GatewayTests;

namespace AutoIntel.Intelligence.Tests;

/// <summary>The gateway's spans: one per structured task (model chosen, cache tier), one per chat call (tokens, cost) below it.</summary>
public sealed class GatewayTelemetryTests : IAsyncLifetime, IDisposable
{
    private static readonly Chunk Chunk = new(0, string.Join(' ', Enumerable.Range(0, 150).Select(i => $"sentence{i} about lakes.")), 400);
    private readonly SpanCapture _spans = new();
    private FakeOpenAiServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeOpenAiServer.StartAsync();
        _server.Chat = _ => FakeReply.Json("""{"keyPoints":["A point."],"ignoredInstructions":[]}""") with { PromptTokens = 1000, CompletionTokens = 200 };
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose() => _spans.Dispose();

    [Fact]
    public async Task Execute_CallThenCacheHit_TaskSpansCarryModelTierTokensAndCost()
    {
        string runA = $"run-{Guid.NewGuid():N}", runB = $"run-{Guid.NewGuid():N}";
        await using var h = new GatewayHarness(_server);

        var first = await h.Analyzer.AnalyseChunkAsync(new global::AutoIntel.Intelligence.Analyses.SummaryAnalysis(), Request(run: runA), Chunk);
        await h.Analyzer.AnalyseChunkAsync(new global::AutoIntel.Intelligence.Analyses.SummaryAnalysis(), Request(run: runB), Chunk);

        var all = _spans.All();
        var called = all.Single(s => s.DisplayName.StartsWith("llm ", StringComparison.Ordinal) && (string?)s.GetTagItem("autointel.run_id") == runA);
        var cached = all.Single(s => s.DisplayName.StartsWith("llm ", StringComparison.Ordinal) && (string?)s.GetTagItem("autointel.run_id") == runB);
        called.GetTagItem("autointel.cache.tier").Should().Be("none");
        cached.GetTagItem("autointel.cache.tier").Should().Be("memory");
        cached.GetTagItem("gen_ai.response.model").Should().Be(called.GetTagItem("gen_ai.request.model"));
        all.Should().NotContain(s => s.DisplayName.StartsWith("chat ", StringComparison.Ordinal) && s.ParentSpanId == cached.SpanId, "a cache hit calls no model");
        var chat = all.Should().ContainSingle(s => s.DisplayName.StartsWith("chat ", StringComparison.Ordinal) && s.ParentSpanId == called.SpanId).Subject;
        chat.GetTagItem("gen_ai.usage.input_tokens").Should().Be(1000L);
        chat.GetTagItem("gen_ai.usage.output_tokens").Should().Be(200L);
        ((double)chat.GetTagItem("autointel.cost_usd")!).Should().BeApproximately((double)first.Usage.Usd, 1e-9).And.BePositive();
    }
}
