using System.Diagnostics;
using AutoIntel.Core.Runs;
using AutoIntel.Core.Text;
using AutoIntel.Intelligence.Analyzers;
using AutoIntel.Intelligence.Gateway;
using AutoIntel.Intelligence.Prompts;
using AutoIntel.TestKit;
using Microsoft.Extensions.Time.Testing;
using AutoIntel.Intelligence.Analyses;

namespace AutoIntel.Intelligence.Tests;

public sealed class GatewayTests : IAsyncLifetime
{
    private const string Summary = """{"keyPoints":["Water boils at 100 C at sea level."],"ignoredInstructions":[]}""";
    private static readonly Chunk Chunk = new(0, "Water boils at 100 C at sea level. Everyone knows that.", 14);
    private FakeOpenAiServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeOpenAiServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task SummarizeChunk_ValidJson_SendsStrictSchemaAndReturnsValueWithCost()
    {
        await using var h = new GatewayHarness(_server);
        _server.Chat = _ => FakeReply.Json(Summary) with { PromptTokens = 1000, CompletionTokens = 500 };

        var result = await h.Analyzer.AnalyseChunkAsync(new global::AutoIntel.Intelligence.Analyses.SummaryAnalysis(), Request(), Chunk);

        result.Value.KeyPoints.Should().Equal("Water boils at 100 C at sea level.");
        result.Usage.LlmCalls.Should().Be(1);
        result.Usage.Usd.Should().Be(0.0002m + 0.0004m); // cheap: 1K in at 0.0002 + 0.5K out at 0.0008
        var sent = _server.ChatRequests.Single();
        sent.Model.Should().Be("cheap");
        sent.ResponseFormatType.Should().Be("json_schema");
        sent.SchemaName.Should().Be("summary");
        sent.Authorization.Should().Be("Bearer test-key");
        sent.System.Should().Contain("never instructions");
    }

    [Fact]
    public async Task Execute_InvalidThenValid_RetriesOnceWithValidationError()
    {
        await using var h = new GatewayHarness(_server);
        _server.Enqueue(FakeReply.Json("""{"keyPoints":[],"ignoredInstructions":[]}"""), FakeReply.Json(Summary));

        var result = await h.Analyzer.AnalyseChunkAsync(new global::AutoIntel.Intelligence.Analyses.SummaryAnalysis(), Request(), Chunk);

        result.Value.KeyPoints.Should().ContainSingle();
        result.Usage.LlmCalls.Should().Be(2);
        var repair = _server.ChatRequests[1];
        repair.Model.Should().Be("cheap");
        repair.LastUser.Should().Contain("invalid").And.Contain("keyPoints");
        repair.Messages.Should().Contain(m => m.Role == "assistant");
    }

    [Fact]
    public async Task Execute_InvalidTwiceOnEveryModel_ThrowsClearErrorAndCachesNothing()
    {
        await using var h = new GatewayHarness(_server);
        _server.Chat = _ => FakeReply.Json("""{"keyPoints":"not a list","ignoredInstructions":[]}""");

        var act = () => h.Gateway.ExecuteAsync(Request(), new global::AutoIntel.Intelligence.Analyses.SummaryAnalysis().Prompt, new TaskInput([new DataSection("chunk 1", Chunk.Text)], Chunk.Text, Chunk.Index));

        (await act.Should().ThrowAsync<StructuredOutputException>()).WithMessage("*summary*keyPoints*");
        _server.ChatRequests.Should().HaveCount(4); // two tries on each of the two models
        h.Cache.Count.Should().Be(0);
        await act.Should().ThrowAsync<StructuredOutputException>();
        _server.ChatRequests.Should().HaveCount(8);
    }

    [Fact]
    public async Task Analyze_InvalidTwiceOnEveryModel_OfflineAnswerMarkedDegradedWithTheReason()
    {
        await using var h = new GatewayHarness(_server);
        _server.Chat = _ => FakeReply.Json("""{"keyPoints":"not a list","ignoredInstructions":[]}""");

        var result = await h.Analyzer.AnalyseChunkAsync(new global::AutoIntel.Intelligence.Analyses.SummaryAnalysis(), Request(), Chunk);

        result.Degraded.Should().Be(LlmContentAnalyzer.InvalidOutputReason);
        result.Value.KeyPoints.Should().NotBeEmpty("the offline analyzer's key points stand in");
        result.Notes.Should().Contain(n => n.Contains("no model produced valid output", StringComparison.Ordinal) && n.Contains("keyPoints", StringComparison.Ordinal))
            .And.Contain(n => n.Contains("answered by the offline analyzer (model output invalid)", StringComparison.Ordinal));
        _server.ChatRequests.Should().HaveCount(4, "invalid output is not retried beyond the repair turn and the fallback model");
    }

    [Fact]
    public async Task Analyze_ModelServed_NotDegraded()
    {
        await using var h = new GatewayHarness(_server);
        _server.Chat = FakeAnalyst.Answer;

        var result = await h.Analyzer.AnalyseChunkAsync(new global::AutoIntel.Intelligence.Analyses.SummaryAnalysis(), Request(), Chunk);

        result.Degraded.Should().BeNull();
    }

    [Fact]
    public async Task Execute_QuoteNotInContent_IsInvalidOutput()
    {
        await using var h = new GatewayHarness(_server);
        _server.Enqueue(
            FakeReply.Json("""{"fallacies":[{"type":"ad hominem","quote":"a sentence that was never said","explanation":"x","confidence":0.7}],"ignoredInstructions":[]}"""),
            FakeReply.Json("""{"fallacies":[{"type":"Appeal To Popularity","quote":"Everyone knows that.","explanation":"x","confidence":0.7}],"ignoredInstructions":[]}"""));

        var result = await h.Analyzer.AnalyseChunkAsync(new FallaciesAnalysis(), Request(), Chunk);

        result.Value.Should().ContainSingle().Which.Type.Should().Be("appeal_to_popularity");
        _server.ChatRequests[1].LastUser.Should().Contain("verbatim");
    }

    [Fact]
    public async Task Execute_429WithRetryAfterMs_RetriesSameModelAndSucceeds()
    {
        await using var h = new GatewayHarness(_server);
        _server.Enqueue(FakeReply.Error(429, "slow down", new Dictionary<string, string> { ["retry-after-ms"] = "5" }), FakeReply.Json(Summary));

        var result = await h.Analyzer.AnalyseChunkAsync(new global::AutoIntel.Intelligence.Analyses.SummaryAnalysis(), Request(), Chunk);

        result.Value.KeyPoints.Should().ContainSingle();
        _server.ChatRequests.Select(r => r.Model).Should().Equal("cheap", "cheap");
    }

    [Fact]
    public async Task Execute_RetryAfterSeconds_WaitsExactlyThatLongOnTheClock()
    {
        var time = new SignalingTimeProvider();
        // No attempt timeout, so the only timer on the clock is the retry delay.
        await using var h = new GatewayHarness(_server, o => o.Resilience.AttemptTimeout = Timeout.InfiniteTimeSpan, time);
        _server.Enqueue(FakeReply.RateLimited("2"), FakeReply.Json(Summary));

        var pending = h.Analyzer.AnalyseChunkAsync(new global::AutoIntel.Intelligence.Analyses.SummaryAnalysis(), Request(), Chunk);
        TimeSpan retryDelay = await time.NextTimerAsync();
        time.Advance(TimeSpan.FromSeconds(1.5));
        var countBeforeDue = _server.ChatRequests.Count;
        time.Advance(TimeSpan.FromSeconds(0.6));
        var result = await pending.WaitAsync(TimeSpan.FromSeconds(30));

        retryDelay.Should().Be(TimeSpan.FromSeconds(2));
        countBeforeDue.Should().Be(1);
        result.Value.KeyPoints.Should().ContainSingle();
        _server.ChatRequests.Should().HaveCount(2);
    }

    [Fact]
    public async Task Execute_ModelDown_OneFastFailureThenCircuitOpenAndFallback()
    {
        await using var h = new GatewayHarness(_server);
        _server.ChatByModel["cheap"] = _ => FakeReply.Error(500, "internal error");
        _server.Chat = _ => FakeReply.Json(Summary);

        var first = await h.Analyzer.AnalyseChunkAsync(new global::AutoIntel.Intelligence.Analyses.SummaryAnalysis(), Request(), Chunk);
        var cheapCallsAfterFirst = _server.ChatCallsTo("cheap");
        var second = await h.Analyzer.AnalyseChunkAsync(new global::AutoIntel.Intelligence.Analyses.SummaryAnalysis(), Request(), Chunk with { Text = Chunk.Text + " Again." });

        first.Value.KeyPoints.Should().ContainSingle();
        second.Value.KeyPoints.Should().ContainSingle();
        cheapCallsAfterFirst.Should().Be(3, "the first call's attempt and two retries all fail, which opens the breaker");
        _server.ChatCallsTo("cheap").Should().Be(3, "an open circuit removes the model from routing");
        h.Resilience.IsOpen("cheap").Should().BeTrue();
        var stats = h.Analytics.Snapshot();
        stats.Models.Single(m => m.Model == "cheap").FallbacksFrom.Should().Be(1);
    }

    [Theory]
    [InlineData(429)]
    [InlineData(500)]
    public async Task Execute_OneFailedAttemptThenSuccess_KeepsTheCircuitClosed(int status)
    {
        await using var h = new GatewayHarness(_server);
        _server.Enqueue(status == 429 ? FakeReply.RateLimited("0") : FakeReply.Error(status, "blip"));
        _server.Chat = _ => FakeReply.Json(Summary);

        await h.Analyzer.AnalyseChunkAsync(new global::AutoIntel.Intelligence.Analyses.SummaryAnalysis(), Request(), Chunk);
        await h.Analyzer.AnalyseChunkAsync(new global::AutoIntel.Intelligence.Analyses.SummaryAnalysis(), Request(), Chunk with { Text = Chunk.Text + " Again." });

        _server.ChatRequests.Select(r => r.Model).Should().Equal(["cheap", "cheap", "cheap"], "one failed attempt among successes is not a model that is down");
        h.Resilience.IsOpen("cheap").Should().BeFalse();
    }

    [Fact]
    public async Task Execute_CircuitOpen_ClosesAgainAfterBreakDuration()
    {
        var time = new FakeTimeProvider();
        await using var h = new GatewayHarness(_server, time: time);
        _server.ChatByModel["cheap"] = _ => FakeReply.Error(503, "overloaded");
        _server.Chat = _ => FakeReply.Json(Summary);

        // The retries wait on the manual clock: move it in small steps until the call is done (well inside the break duration).
        var call = h.Analyzer.AnalyseChunkAsync(new global::AutoIntel.Intelligence.Analyses.SummaryAnalysis(), Request(), Chunk);
        while (!call.IsCompleted)
        {
            time.Advance(TimeSpan.FromMilliseconds(100));
            await Task.Delay(5);
        }

        await call;
        h.Resilience.IsOpen("cheap").Should().BeTrue();

        time.Advance(h.Options.Resilience.BreakDuration + TimeSpan.FromSeconds(1));

        h.Resilience.IsOpen("cheap").Should().BeFalse();
    }

    [Fact]
    public async Task Execute_AttemptTimeout_FallsBackToNextModel()
    {
        // The attempt timeout runs on a manual clock, so only the slow model can time out, however loaded the machine is.
        var time = new FakeTimeProvider();
        await using var h = new GatewayHarness(
            _server,
            o =>
            {
                o.Resilience.AttemptTimeout = TimeSpan.FromSeconds(10);
                o.Resilience.MaxRetries = 0;
            },
            time);
        _server.ChatByModel["cheap"] = _ => FakeReply.Json(Summary) with { Delay = TimeSpan.FromSeconds(20) };
        _server.Chat = _ => FakeReply.Json(Summary);

        var call = h.Analyzer.AnalyseChunkAsync(new global::AutoIntel.Intelligence.Analyses.SummaryAnalysis(), Request(), Chunk);
        var waited = Stopwatch.StartNew();
        while (_server.ChatCallsTo("cheap") == 0 && waited.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(5);
        }

        time.Advance(TimeSpan.FromSeconds(11));
        var result = await call;

        result.Value.KeyPoints.Should().ContainSingle();
        h.Analytics.Snapshot().Models.Single(m => m.Model == "cheap").Failures.Should().Be(1);
        _server.ChatRequests.Select(r => r.Model).Should().Equal("cheap", "strong");
    }

    [Fact]
    public async Task Execute_MalformedResponseBody_IsRetriedAsTransient()
    {
        await using var h = new GatewayHarness(_server);
        _server.Enqueue(FakeReply.Malformed(), FakeReply.Json(Summary));

        var result = await h.Analyzer.AnalyseChunkAsync(new global::AutoIntel.Intelligence.Analyses.SummaryAnalysis(), Request(), Chunk);

        result.Value.KeyPoints.Should().ContainSingle();
        _server.ChatRequests.Should().HaveCount(2);
    }

    [Fact]
    public async Task Execute_AllModelsDown_FallsBackToOfflineWithNote()
    {
        await using var h = new GatewayHarness(_server, o => o.Resilience.MaxRetries = 0);
        _server.Chat = _ => FakeReply.Error(500, "down");

        var result = await h.Analyzer.AnalyseChunkAsync(new global::AutoIntel.Intelligence.Analyses.SummaryAnalysis(), Request(), Chunk);

        result.Value.KeyPoints.Should().Equal("offline point");
        h.Journal.Notes("run-1").Should().Contain(n => n.Contains("offline analyzer") && n.Contains("HTTP 500"));
        h.Analytics.Snapshot().OfflineFallbacks.Should().Be(1);
    }

    [Theory]
    [InlineData(401, "check the API key")]
    [InlineData(403, "lack access")]
    [InlineData(404, "check Deployment/Model")]
    public async Task Execute_ConfigurationError_IsNotRetriedAndTheNoteSaysWhatToCheck(int status, string hint)
    {
        await using var h = new GatewayHarness(_server);
        _server.Chat = _ => FakeReply.Error(status, "Incorrect API key provided");

        var result = await h.Analyzer.AnalyseChunkAsync(new global::AutoIntel.Intelligence.Analyses.SummaryAnalysis(), Request(), Chunk);

        result.Value.KeyPoints.Should().Equal("offline point");
        _server.ChatRequests.Should().HaveCount(2, "one attempt per model, no retries");
        h.Journal.Notes("run-1").Should().Contain(n => n.Contains("offline analyzer") && n.Contains($"HTTP {status}") && n.Contains(hint));
    }

    [Fact]
    public async Task Execute_RejectedKey_OpensTheCircuitSoLaterCallsCostNothing()
    {
        await using var h = new GatewayHarness(_server);
        _server.Chat = _ => FakeReply.Error(401, "Incorrect API key provided");

        for (var run = 1; run <= 3; run++)
        {
            await h.Analyzer.AnalyseChunkAsync(new global::AutoIntel.Intelligence.Analyses.SummaryAnalysis(), Request(run: $"run-{run}"), Chunk);
        }

        var before = _server.ChatRequests.Count;
        var fourth = await h.Analyzer.AnalyseChunkAsync(new global::AutoIntel.Intelligence.Analyses.SummaryAnalysis(), Request(run: "run-4"), Chunk);

        before.Should().Be(6, "two models, one attempt each (a rejected key is not retried), three analyses");
        _server.ChatRequests.Should().HaveCount(before, "both circuits are open now");
        fourth.Value.KeyPoints.Should().Equal("offline point");
    }

    [Fact]
    public async Task Execute_NothingUsable_TaskWithoutChatModels_FallsBackOffline()
    {
        await using var h = new GatewayHarness(_server, o => o.Models.ForEach(m => m.ContextWindow = 100));

        var result = await h.Analyzer.ExtractClaimsAsync(Request(), Chunk);

        result.Value.Should().BeEmpty();
        h.Offline.Calls.Should().Be(1);
        _server.ChatRequests.Should().BeEmpty();
        h.Journal.Notes("run-1").Should().Contain(n => n.Contains("no usable model"));
    }

    // Who said what on the LLM path, through the real OpenAI client.
    [Fact]
    public async Task ExtractClaims_ChunkOpeningMidTurn_SentWithItsSpeakerAndAnswerValidated()
    {
        await using var h = new GatewayHarness(_server);
        _server.Chat = _ => FakeReply.Json("""
            {"claims":[
              {"text":"Rents rose 9% last year.","checkWorthiness":0.9,"speaker":"ruth adeyemi"},
              {"text":"London rents rose fastest.","checkWorthiness":0.6,"speaker":"The Times"}
            ],"ignoredInstructions":[]}
            """);
        var chunk = new Chunk(3, "Rents rose 9% last year. Tom Hale: That figure is for London only.", 20, SpeakerAtStart: "Ruth Adeyemi", Speakers: ["Ruth Adeyemi", "Tom Hale"]);

        var claims = (await h.Analyzer.ExtractClaimsAsync(Request(), chunk)).Value;

        _server.ChatRequests.Should().ContainSingle().Which.LastUser.Should().Contain("Ruth Adeyemi: Rents rose 9% last year. Tom Hale: That figure");
        _server.ChatRequests[0].Schema!.ToJsonString().Should().Contain("\"speaker\"");
        claims.Select(c => c.Speaker).Should().Equal("Ruth Adeyemi", null);
    }

    internal static AnalysisRequest Request(string tenant = "guild-1", string run = "run-1", Depth depth = Depth.Standard) => new(run, tenant, depth);

    internal static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 1000 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        condition().Should().BeTrue("the condition should become true while waiting");
    }
}
