using System.Globalization;
using AutoIntel.Core.FactCheck;
using AutoIntel.Core.Runs;
using AutoIntel.TestKit;
using AutoIntel.Workflows.AutoIntel;

namespace AutoIntel.Workflows.Tests.AutoIntel;

/// <summary>The real workflow with the LLM gateway configured against an in-test OpenAI-compatible server.</summary>
public sealed class AutoIntelLlmWorkflowTests : IAsyncLifetime
{
    private const string Model = "fake-model";
    private static readonly string Podcast = RepoPaths.Sample("podcast-transcript.srt");
    private FakeOpenAiServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeOpenAiServer.StartAsync();
        _server.Chat = FakeAnalyst.Answer;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Run_LlmConfigured_BriefingReportsCostAndModelVerdicts()
    {
        await using var harness = new AutoIntelHarness(settings: Settings());

        var status = await AutoIntelHarness.RunAsync(harness.CreateRuntime(), new AnalyzeRequest(Podcast, Depth.Quick));

        var briefing = await harness.BriefingOfAsync(status);
        briefing.Cost.LlmCalls.Should().BePositive();
        briefing.Cost.Usd.Should().BePositive();
        briefing.Claims.Should().NotBeEmpty().And.OnlyContain(c => c.Method == Model && c.Verdict == Verdict.Supported && c.Rationale == FakeAnalyst.Rationale);
        briefing.Summary.Text.Should().Be("The model's summary of the source.");
        briefing.Notes.Should().NotContain(n => n.Contains("unverified offline", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_OneCallRateLimitedThenAnswered_CompletesWithModelAnswers()
    {
        _server.Enqueue(FakeReply.RateLimited("0"));
        await using var harness = new AutoIntelHarness(settings: Settings());

        var status = await AutoIntelHarness.RunAsync(harness.CreateRuntime(), new AnalyzeRequest(Podcast, Depth.Quick));

        var briefing = await harness.BriefingOfAsync(status);
        briefing.Claims.Should().NotBeEmpty().And.OnlyContain(c => c.Method == Model);
        briefing.Notes.Should().NotContain(n => n.Contains("offline analyzer", StringComparison.Ordinal), "the 429 was retried, not turned into a fallback");
        _server.ChatRequests.Count.Should().BeGreaterThan(briefing.Cost.LlmCalls, "the rate-limited attempt reached the server too");
    }

    [Fact]
    public async Task Run_BudgetExhausted_FallsBackOfflineAndBriefingSaysSo()
    {
        var settings = Settings();
        settings["Llm:Budgets:PerRunUsd"] = "0.0000001";
        await using var harness = new AutoIntelHarness(settings: settings);

        var status = await AutoIntelHarness.RunAsync(harness.CreateRuntime(), new AnalyzeRequest(Podcast, Depth.Quick));

        var briefing = await harness.BriefingOfAsync(status);
        briefing.Cost.LlmCalls.Should().Be(0);
        briefing.Claims.Should().NotBeEmpty().And.OnlyContain(c => c.Method == "offline");
        briefing.Notes.Should().Contain(n => n.Contains("claim_verification: answered by the offline analyzer (budget exhausted)", StringComparison.Ordinal));
        briefing.Notes.Should().Contain(n => n.Contains("the LLM could not be used", StringComparison.Ordinal));
        briefing.Notes.Should().OnlyHaveUniqueItems();
        _server.ChatRequests.Should().BeEmpty();
    }

    private Dictionary<string, string?> Settings() => new()
    {
        ["Llm:Endpoint"] = _server.BaseUrl.ToString(),
        ["Llm:ApiKey"] = "test-key",
        ["Llm:Model"] = Model,
        ["Llm:InputPricePer1K"] = 0.001m.ToString(CultureInfo.InvariantCulture),
        ["Llm:OutputPricePer1K"] = 0.002m.ToString(CultureInfo.InvariantCulture),
        ["Llm:Resilience:BaseDelay"] = "00:00:00.001",
        ["Llm:Resilience:MaxDelay"] = "00:00:00.010",
    };
}
