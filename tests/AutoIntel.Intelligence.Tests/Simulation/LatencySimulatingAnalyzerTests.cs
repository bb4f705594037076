using AutoIntel.Core.FactCheck;
using AutoIntel.Intelligence.Offline;
using AutoIntel.Intelligence.Simulation;
using AutoIntel.Intelligence.Tests.Offline;
using AutoIntel.TestKit;
using Microsoft.Extensions.Time.Testing;

namespace AutoIntel.Intelligence.Tests.Simulation;

public sealed class LatencySimulatingAnalyzerTests
{
    private static readonly SimulatedLatencyOptions Options = new();

    [Fact]
    public void ModelledLatency_Defaults_AddBaseInputAndOutputTime()
    {
        var latency = LatencySimulatingAnalyzer.ModelledLatency(Options, inputTokens: 2000, outputTokens: 200);

        latency.Should().Be(TimeSpan.FromMilliseconds(400 + 100 + 3000));
    }

    [Fact]
    public void ModelledLatency_PerCall_UsesTheCallsOutputEstimateAndPromptOverhead()
    {
        var options = new SimulatedLatencyOptions { BaseMs = 100, InputTokenMs = 1, OutputTokenMs = 2, PromptOverheadTokens = 10, VerifyClaimOutputTokens = 50 };

        var latency = LatencySimulatingAnalyzer.ModelledLatency(options, AnalyzerCall.VerifyClaim, contentTokens: 40);

        latency.Should().Be(TimeSpan.FromMilliseconds(100 + 50 + 100));
    }

    [Fact]
    public async Task SummarizeChunk_CompletesOnlyAfterTheModelledTime()
    {
        var time = new FakeTimeProvider();
        var analyzer = new LatencySimulatingAnalyzer(new OfflineAnalyzer(), Options, time);
        var chunk = OfflineFixture.AsChunk(OfflineFixture.TownHall());
        var expected = LatencySimulatingAnalyzer.ModelledLatency(Options, chunk.TokenCount + Options.PromptOverheadTokens, new global::AutoIntel.Intelligence.Analyses.SummaryAnalysis().SimulatedOutputTokens);

        var call = analyzer.AnalyseChunkAsync(new global::AutoIntel.Intelligence.Analyses.SummaryAnalysis(), OfflineFixture.Request, chunk);
        time.Advance(expected - TimeSpan.FromMilliseconds(1));
        var completedEarly = call.IsCompleted;
        time.Advance(TimeSpan.FromMilliseconds(1));
        var result = await call;

        completedEarly.Should().BeFalse();
        var direct = await new OfflineAnalyzer().AnalyseChunkAsync(new global::AutoIntel.Intelligence.Analyses.SummaryAnalysis(), OfflineFixture.Request, chunk);
        result.Value.KeyPoints.Should().Equal(direct.Value.KeyPoints);
        result.Usage.Should().Be(direct.Usage);
    }

    [Fact]
    public async Task VerifyClaim_ReturnsInnerResultUnchanged()
    {
        var time = new FakeTimeProvider();
        var analyzer = new LatencySimulatingAnalyzer(new OfflineAnalyzer(), Options, time);
        var claim = new Claim(ClaimId.From("Ridership grew 22%."), "Ridership grew 22%.", 0, 0.5);

        var call = analyzer.VerifyClaimAsync(OfflineFixture.Request, claim, []);
        time.Advance(TimeSpan.FromMinutes(1));
        var result = await call;

        result.Value.Should().Be((await new OfflineAnalyzer().VerifyClaimAsync(OfflineFixture.Request, claim, [])).Value with { Evidence = result.Value.Evidence });
        analyzer.Name.Should().Be("offline");
    }

    [Fact]
    public async Task ExtractClaims_CancelledWhileWaiting_Throws()
    {
        var time = new FakeTimeProvider();
        var analyzer = new LatencySimulatingAnalyzer(new OfflineAnalyzer(), Options, time);
        using var cts = new CancellationTokenSource();

        var call = analyzer.ExtractClaimsAsync(OfflineFixture.Request, OfflineFixture.AsChunk("Ridership grew 22% in 2023 across the region."), cts.Token);
        await cts.CancelAsync();

        await call.Invoking(c => c).Should().ThrowAsync<OperationCanceledException>();
    }
}
