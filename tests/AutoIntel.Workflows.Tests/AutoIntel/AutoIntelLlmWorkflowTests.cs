using System.Globalization;
using System.Text.Json;
using AutoIntel.Core.Quality;
using AutoIntel.Core.Serialization;
using AutoIntel.Core.Telemetry;
using AutoIntel.Intelligence;
using AutoIntel.Intelligence.Analyzers;
using AutoIntel.Intelligence.Gateway;
using AutoIntel.Intelligence.Offline;
using AutoIntel.Storage;
using AutoIntel.Workflows.Abstractions;
using AutoIntel.Workflows.AutoIntel.FactCheck;
using Microsoft.Extensions.DependencyInjection;
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
    private FakeMediaWikiServer _wiki = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeOpenAiServer.StartAsync();
        _server.Chat = FakeAnalyst.Answer;
        // Verdicts must cite evidence: every claim finds this page, which FakeAnalyst's answers cite as E1.
        _wiki = await FakeMediaWikiServer.StartAsync();
        _wiki.AddFoundByAnySearch("en", "Riverside Bridge", "The town council approved the new bridge in 2024 after a long debate.");
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _wiki.DisposeAsync();
    }

    [Fact]
    public async Task Run_LlmConfigured_BriefingReportsCostAndModelVerdicts()
    {
        await using var harness = new AutoIntelHarness(settings: Settings());

        var status = await AutoIntelHarness.RunAsync(harness.CreateRuntime(), new AnalyzeRequest(Podcast, Depth.Quick));

        var briefing = await harness.BriefingOfAsync(status);
        briefing.Cost.LlmCalls.Should().BePositive();
        briefing.Cost.Usd.Should().BePositive();
        briefing.Claims.Where(c => c.WasChecked).Should().NotBeEmpty().And.OnlyContain(c => c.Method == Model && c.Verdict == Verdict.Supported && c.Rationale == FakeAnalyst.Rationale);
        Intelligence.Analyses.SummaryAnalysis.In(briefing.Sections).Text.Should().Be("The model's summary of the source.");
        briefing.Notes.Should().NotContain(n => n.Contains("unverified offline", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_LlmConfigured_RecordsEachAnalysisQualityScore()
    {
        using var scores = new MeasurementCapture(MetricNames.AnalysisQuality);
        await using var harness = new AutoIntelHarness(settings: Settings());

        var status = await AutoIntelHarness.RunAsync(harness.CreateRuntime(), new AnalyzeRequest(Podcast, Depth.Quick));

        var briefing = await harness.BriefingOfAsync(status);
        IReadOnlyList<AnalysisQuality> expected = QualityScorer.Score([briefing], []);
        expected.Should().Contain(q => q.Task == FeedbackRewards.ClaimVerificationTask && q.ValidOutputRate == 1, "every verdict came from the model");
        // Other tests' runs record too (the listener is process-wide): this run's scores are among them, each a score in 0..1.
        scores.All.Select(m => (m["analysis"], m.Value)).Should().Contain(expected.Select(q => ((string?)q.Task, q.Score)));
        scores.All.Should().OnlyContain(m => m.Value >= 0 && m.Value <= 1);
    }

    [Fact]
    public async Task Run_OneCallRateLimitedThenAnswered_CompletesWithModelAnswers()
    {
        _server.Enqueue(FakeReply.RateLimited("0"));
        await using var harness = new AutoIntelHarness(settings: Settings());

        var status = await AutoIntelHarness.RunAsync(harness.CreateRuntime(), new AnalyzeRequest(Podcast, Depth.Quick));

        var briefing = await harness.BriefingOfAsync(status);
        briefing.Claims.Where(c => c.WasChecked).Should().NotBeEmpty().And.OnlyContain(c => c.Method == Model);
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
        briefing.Claims.Where(c => c.WasChecked).Should().NotBeEmpty().And.OnlyContain(c => c.Method == "offline");
        briefing.Notes.Should().Contain(n => n.Contains("claim_verification: answered by the offline analyzer (budget exhausted)", StringComparison.Ordinal));
        briefing.Notes.Should().Contain(n => n.Contains("the LLM could not be used", StringComparison.Ordinal));
        briefing.Notes.Should().OnlyHaveUniqueItems();
        _server.ChatRequests.Should().BeEmpty();
    }

    [Fact]
    public async Task Run_OneTaskAnswersInvalid_ThatSectionDegradesToOfflineAndRunCompletes()
    {
        _server.Chat = r => r.SchemaName == "fallacies" ? FakeReply.Json("""{"fallacies":"not a list"}""") : FakeAnalyst.Answer(r);
        await using var harness = new AutoIntelHarness(settings: Settings());

        var status = await AutoIntelHarness.RunAsync(harness.CreateRuntime(), new AnalyzeRequest(Podcast, Depth.Standard));

        var briefing = await harness.BriefingOfAsync(status);
        var fallacies = briefing.DegradationOf("fallacies");
        fallacies.Should().NotBeNull();
        fallacies!.Reason.Should().Be(LlmContentAnalyzer.InvalidOutputReason);
        fallacies.Failed.Should().BeFalse();
        briefing.Degradations.Should().ContainSingle("only the fallacies answers were invalid");
        Intelligence.Analyses.SummaryAnalysis.In(briefing.Sections).Text.Should().Be("The model's summary of the source.");
        briefing.Claims.Where(c => c.WasChecked).Should().NotBeEmpty().And.OnlyContain(c => c.Method == Model);
        (await harness.MarkdownOfAsync(status)).Should().Contain("Fallacies: model output invalid — offline heuristics shown");
        (await harness.JsonOfAsync(status)).Should().MatchRegex("\"section\":\\s*\"fallacies\",\\s*\"reason\":\\s*\"model output invalid\",\\s*\"failed\":\\s*false,\\s*\"degraded\":\\s*true");
    }

    [Fact]
    public async Task Run_OneTaskAnswers500_ThatSectionDegradesWithTheStatusAndRunCompletes()
    {
        _server.Chat = r => r.SchemaName == "tone" ? FakeReply.Error(500, "The server had an error while processing your request.") : FakeAnalyst.Answer(r);
        await using var harness = new AutoIntelHarness(settings: Settings());

        var status = await AutoIntelHarness.RunAsync(harness.CreateRuntime(), new AnalyzeRequest(Podcast, Depth.Standard));

        var briefing = await harness.BriefingOfAsync(status);
        briefing.DegradationOf("tone")!.Reason.Should().Contain("HTTP 500");
        briefing.Section("tone")!.Data.GetArrayLength().Should().BePositive("the offline heuristics stand in");
        briefing.Claims.Where(c => c.WasChecked).Should().NotBeEmpty();
        (await harness.MarkdownOfAsync(status)).Should().MatchRegex("Tone: .*HTTP 500.* — offline heuristics shown");
    }

    [Fact]
    public async Task Run_EveryTaskAnswersInvalid_CompletesFromOfflineWithEverySectionDegraded()
    {
        _server.Chat = _ => FakeReply.Json("""{"unexpected":true}""");
        await using var harness = new AutoIntelHarness(settings: Settings());

        var status = await AutoIntelHarness.RunAsync(harness.CreateRuntime(), new AnalyzeRequest(Podcast, Depth.Standard));

        var briefing = await harness.BriefingOfAsync(status);
        briefing.Degradations!.Select(d => d.Section).Should().BeEquivalentTo("summary", "arguments", "fallacies", "tone", "entities", "loaded_language", "claims", "verification");
        briefing.Degradations.Should().OnlyContain(d => d.Reason == LlmContentAnalyzer.InvalidOutputReason && !d.Failed);
        Intelligence.Analyses.SummaryAnalysis.In(briefing.Sections).Text.Should().NotBeNullOrWhiteSpace("the offline summary stands in");
        briefing.Claims.Where(c => c.WasChecked).Should().NotBeEmpty().And.OnlyContain(c => c.Verdict == Verdict.Unverified && c.Rationale.StartsWith("Not verified by the model (model output invalid)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_ClaimVerificationFailsAfterRetries_ClaimsUnverifiedWithReasonAndRunCompletes()
    {
        _server.Chat = r => r.SchemaName == "claim_verification" ? FakeReply.Json("{}") : FakeAnalyst.Answer(r);
        await using var harness = new AutoIntelHarness(BreakOffline(nameof(IContentAnalyzer.VerifyClaimAsync)), Settings());

        var status = await AutoIntelHarness.RunAsync(harness.CreateRuntime(), new AnalyzeRequest(Podcast, Depth.Quick));

        var briefing = await harness.BriefingOfAsync(status);
        briefing.Claims.Where(c => c.WasChecked).Should().NotBeEmpty().And.OnlyContain(c =>
            c.Verdict == Verdict.Unverified && c.Method == FactCheckStage.FailedMethod && c.Rationale.Contains("offline analyzer is broken", StringComparison.Ordinal));
        briefing.DegradationOf("verification")!.Failed.Should().BeTrue();
        briefing.DegradationOf("summary").Should().BeNull();
    }

    [Fact]
    public async Task Run_EveryAnalysisFails_RunFailsNamingEachSection()
    {
        _server.Chat = _ => FakeReply.Json("{}");
        // Every analyzer method, and every declared analysis through the one that runs them all (entities run at quick depth).
        string[] everything = [.. typeof(IContentAnalyzer).GetMethods().Select(m => m.Name), .. Intelligence.Analyses.AnalysisCatalog.All.Select(a => $"{nameof(IContentAnalyzer.AnalyseChunkAsync)}:{a.Name}"), $"{nameof(IContentAnalyzer.ReduceAsync)}:summary"];
        await using var harness = new AutoIntelHarness(BreakOffline(everything), Settings());

        var status = await AutoIntelHarness.RunAsync(harness.CreateRuntime(), new AnalyzeRequest(Podcast, Depth.Quick));

        status.RuntimeStatus.Should().Be(RuntimeStatus.Failed);
        status.Failure!.Message.Should().StartWith("Every analysis failed").And.Contain("summary: analysis failed").And.Contain("entities: analysis failed").And.Contain("claims: analysis failed");
    }

    // The LLM analyzer falls back to the keyed offline analyzer; breaking that makes a section fail outright once the model's answer is unusable.
    private static Action<IServiceCollection> BreakOffline(params string[] methods) => services =>
    {
        services.AddKeyedSingleton<IContentAnalyzer>(IntelligenceServiceCollectionExtensions.OfflineAnalyzerKey, (sp, _) =>
            new BrokenAnalyzer(ActivatorUtilities.CreateInstance<OfflineAnalyzer>(sp), methods));
    };

    private Dictionary<string, string?> Settings() => new()
    {
        ["Llm:Endpoint"] = _server.BaseUrl.ToString(),
        ["Llm:ApiKey"] = "test-key",
        ["Llm:Model"] = Model,
        ["Llm:InputPricePer1K"] = 0.001m.ToString(CultureInfo.InvariantCulture),
        ["Llm:OutputPricePer1K"] = 0.002m.ToString(CultureInfo.InvariantCulture),
        ["Llm:Resilience:BaseDelay"] = "00:00:00.001",
        ["Llm:Resilience:MaxDelay"] = "00:00:00.010",
        ["Evidence:Wikipedia:Endpoint"] = _wiki.EndpointTemplate,
        ["Fetch:AllowedHosts:0"] = "127.0.0.1",
    };
}
