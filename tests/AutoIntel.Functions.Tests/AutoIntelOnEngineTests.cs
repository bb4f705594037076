using System.Net;
using System.Text.Json.Nodes;
using System.Text.Json;
using AutoIntel.Core.Briefings;
using AutoIntel.Core.Runs;
using AutoIntel.Core.Serialization;
using AutoIntel.Core.Telemetry;
using AutoIntel.DurableEngines;
using AutoIntel.Functions.Tests.Adapter;
using AutoIntel.Functions.Tests.Engines;
using AutoIntel.Storage;
using AutoIntel.TestKit;
using AutoIntel.Workflows.Abstractions;
using AutoIntel.Workflows.AutoIntel;
using AutoIntel.Workflows.Runtime;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AutoIntel.Functions.Tests;

/// <summary>
/// The /autointel app as Azure runs it: the functions listed in functions.metadata (orchestrator and activity bodies, and the
/// HTTP functions) on real Durable engines, delivering to a fake Discord API that follows the public docs.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class AutoIntelOnEngineTests(AzuriteAccountServer azurite) : IAsyncLifetime
{
    private const string ApplicationId = "1000000000000000001";
    private const string InteractionId = "1200000000000000042";
    private const string InteractionToken = "interaction-token-functions";
    private const string ChannelId = "1300000000000000003";

    private readonly TestSigner _signer = new();
    private FakeDiscordServer _discord = null!;
    private LoopbackHttpServer _site = null!;

    public async Task InitializeAsync()
    {
        _discord = await FakeDiscordServer.StartAsync();
        _discord.AddInteraction(ApplicationId, InteractionToken);
        string article = await File.ReadAllTextAsync(RepoPaths.Sample("article.html"));
        _site = await LoopbackHttpServer.StartAsync(app =>
        {
            app.MapGet("/article", () => Results.Content(article, "text/html; charset=utf-8"));
            app.MapGet("/gone", () => Results.NotFound());
        });
    }

    public async Task DisposeAsync()
    {
        await _site.DisposeAsync();
        await _discord.DisposeAsync();
    }

    [Theory]
    [InlineData(EngineKind.InMemory, "podcast-transcript.srt", Depth.Standard)]
    [InlineData(EngineKind.AzureStorage, "podcast-transcript.srt", Depth.Quick)]
    [InlineData(EngineKind.InMemory, "article.html", Depth.Deep)]
    public async Task OfflineRun_OnTheEngine_BriefsLikeTheLocalRuntime(EngineKind kind, string sample, Depth depth)
    {
        var request = new AnalyzeRequest(RepoPaths.Sample(sample), depth);
        await using var app = new FunctionsApp(Settings());
        await using DurableEngine engine = await Engine.StartAsync(kind, azurite, tasks => tasks.AddFunctionsApp(app.Services));

        // Started as the adapter starts it: with the registered version, so the engine runs the same analyses as the local runtime.
        string id = await engine.Client.ScheduleNewOrchestrationInstanceAsync(WorkflowNames.AutoIntel, ToJson(request), NewInstanceVersion());
        OrchestrationMetadata done = await engine.WaitForEndAsync(id, Engine.RunTimeout);
        Briefing onEngine = await BriefingOfAsync(app.Services, done);
        Briefing onLocal = await LocalBriefingAsync(request);

        onEngine.Should().BeEquivalentTo(onLocal, o => o
            .Excluding(b => b.RunId)
            .Excluding(b => b.CreatedAtUtc)
            .Excluding(b => b.Stages)
            .Excluding(b => b.Notes)
            .Excluding(b => b.Sections));
        // Section data is a JsonElement, which compares by reference: compare what it says.
        onEngine.Sections!.Select(s => (s.Name, s.Data.GetRawText(), s.Markdown)).Should().Equal(onLocal.Sections!.Select(s => (s.Name, s.Data.GetRawText(), s.Markdown)));
        onEngine.Claims.Should().NotBeEmpty();
        onEngine.Section("summary").Should().NotBeNull();
        onEngine.Stages.Select(s => (s.Name, s.Activities)).Should().Equal(onLocal.Stages.Select(s => (s.Name, s.Activities)), "the same stages ran the same activities");
    }

    [Theory]
    [InlineData(EngineKind.InMemory)]
    [InlineData(EngineKind.AzureStorage)]
    public async Task OfflineRun_OnTheEngine_OneTraceWithoutDuplicateSpansOnReplay(EngineKind kind)
    {
        using var spans = new SpanCapture();
        string traceParent = RunTrace.NewTraceParent();
        var request = new AnalyzeRequest(RepoPaths.Sample("article.html"), Depth.Quick, TraceParent: traceParent);
        await using var app = new FunctionsApp(Settings());
        await using DurableEngine engine = await Engine.StartAsync(kind, azurite, tasks => tasks.AddFunctionsApp(app.Services));

        string id = await engine.Client.ScheduleNewOrchestrationInstanceAsync(WorkflowNames.AutoIntel, ToJson(request));
        OrchestrationMetadata done = await engine.WaitForEndAsync(id, Engine.RunTimeout);

        done.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Completed, done.SerializedOutput);
        CapturedRun trace = spans.TraceOf(traceParent);
        trace.AssertWellFormed(["acquire", "transcribe", "segment", "analyse", "fact-check", "remember", "brief"]);
        trace.Named("activity ").Should().OnlyContain(s => (string?)s.GetTagItem("autointel.run_id") == id, "the activity functions read the trace context from their input");
    }

    [Fact]
    public async Task Interactions_SignedAutointel_DefersDeliversOnceAndRedeliveryStartsNothing()
    {
        await using var app = new FunctionsApp(Settings());
        await using DurableEngine engine = await Engine.StartAsync(EngineKind.InMemory, azurite, tasks => tasks.AddFunctionsApp(app.Services));
        string interaction = AnalyzeInteraction(_site.Url("/article"));

        ContentResult deferred = await app.SignedInteractionAsync(engine.Client, _signer, interaction);
        OrchestrationMetadata done = await engine.WaitForEndAsync($"discord-{InteractionId}", Engine.RunTimeout);
        int messagesAfterRun = _discord.Messages.Count;
        int postsAfterRun = _discord.Requests.Count(r => r.Method == "POST");
        ContentResult again = await app.SignedInteractionAsync(engine.Client, _signer, interaction);
        OrchestrationMetadata afterRedelivery = (await engine.Client.GetInstanceAsync(done.InstanceId))!;

        // Assert
        deferred.StatusCode.Should().Be(200);
        JsonNode.Parse(deferred.Content!)!["type"]!.GetValue<int>().Should().Be(5, "the answer is deferred, inside the request");
        done.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Completed, done.SerializedOutput);

        _discord.OriginalResponses[InteractionToken].Should().Contain("Started").And.Contain($"discord-{InteractionId}");
        _discord.Requests.Count(r => r.Method == "PATCH" && r.Path.Contains("/messages/@original", StringComparison.Ordinal))
            .Should().Be(1, "the deferred reply is edited once");
        FakeDiscordMessage progress = _discord.Messages.Single(m => Content(m).Contains("finished", StringComparison.Ordinal));
        _discord.Requests.Should().Contain(r => r.Method == "PATCH" && r.Path.EndsWith("/messages/" + progress.Id, StringComparison.Ordinal) && r.Status == 200,
            "progress is edited into one message, not re-posted");
        FakeDiscordMessage briefing = _discord.Messages.Single(m => m.Payload["embeds"] is JsonArray { Count: > 0 });
        briefing.ChannelId.Should().Be(ChannelId);
        briefing.Files.Should().ContainSingle(f => f.FileName == $"autointel-discord-{InteractionId}.md").Which.Content.Should().NotBeEmpty();

        JsonNode.Parse(again.Content!)!["type"]!.GetValue<int>().Should().Be(5);
        afterRedelivery.CreatedAt.Should().Be(done.CreatedAt, "the instance id comes from the interaction id: a redelivery starts nothing");
        _discord.Messages.Count.Should().Be(messagesAfterRun);
        _discord.Requests.Count(r => r.Method == "POST").Should().Be(postsAfterRun);
    }

    [Fact]
    public async Task Interactions_LinkThatFails_RunFailsAndTheChannelIsTold()
    {
        await using var app = new FunctionsApp(Settings());
        await using DurableEngine engine = await Engine.StartAsync(EngineKind.InMemory, azurite, tasks => tasks.AddFunctionsApp(app.Services));

        await app.SignedInteractionAsync(engine.Client, _signer, AnalyzeInteraction(_site.Url("/gone")));
        OrchestrationMetadata done = await engine.WaitForEndAsync($"discord-{InteractionId}", Engine.RunTimeout);
        ContentResult status = await app.RunStatusAsync(engine.Client, done.InstanceId);

        done.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Failed);
        _discord.Messages.Should().Contain(m => Content(m).Contains("404", StringComparison.Ordinal), "the failure is reported to the channel");
        JsonNode run = JsonNode.Parse(status.Content!)!;
        run["runtimeStatus"]!.GetValue<string>().Should().Be("failed");
        run["failure"]!["message"]!.GetValue<string>().Should().Contain("404");
    }

    [Fact]
    public async Task HttpFunctions_PingBadSignatureStatusAndHealth_AnswerAsDiscordAndOperatorsExpect()
    {
        await using var app = new FunctionsApp(Settings());
        await using DurableEngine engine = await Engine.StartAsync(EngineKind.InMemory, azurite, tasks => tasks.AddFunctionsApp(app.Services));
        string ping = $$"""{"id":"1","application_id":"{{ApplicationId}}","type":1,"token":"t"}""";
        string timestamp = TestSigner.Timestamp(DateTimeOffset.UtcNow);

        ContentResult pong = await app.SignedInteractionAsync(engine.Client, _signer, ping);
        ContentResult forged = await app.InteractionsAsync(engine.Client, ping, new TestSigner().Sign(timestamp, System.Text.Encoding.UTF8.GetBytes(ping)), timestamp);
        ContentResult unsigned = await app.InteractionsAsync(engine.Client, ping, signature: null, timestamp: null);
        await app.SignedInteractionAsync(engine.Client, _signer, AnalyzeInteraction(_site.Url("/article")));
        await engine.WaitForEndAsync($"discord-{InteractionId}", Engine.RunTimeout);
        ContentResult status = await app.RunStatusAsync(engine.Client, $"discord-{InteractionId}");
        ContentResult missing = await app.RunStatusAsync(engine.Client, "discord-1");
        ContentResult traversal = await app.RunStatusAsync(engine.Client, "../../etc/passwd");
        ContentResult newline = await app.RunStatusAsync(engine.Client, $"discord-{InteractionId}\n");
        var health = (ObjectResult)await app.HealthAsync();

        pong.StatusCode.Should().Be(200);
        JsonNode.Parse(pong.Content!)!["type"]!.GetValue<int>().Should().Be(1);
        forged.StatusCode.Should().Be((int)HttpStatusCode.Unauthorized);
        unsigned.StatusCode.Should().Be((int)HttpStatusCode.Unauthorized);
        status.StatusCode.Should().Be(200);
        status.Content.Should().NotContain(InteractionToken, "the run's input holds the interaction token and is never shown");
        JsonNode.Parse(status.Content!)!["runtimeStatus"]!.GetValue<string>().Should().Be("completed");
        missing.StatusCode.Should().Be(404);
        traversal.StatusCode.Should().Be(400);
        newline.StatusCode.Should().Be(400);
        health.StatusCode.Should().Be(200);
        var report = (HealthSummary)health.Value!;
        report.Checks.Select(c => c.Name).Should().Equal("discord", "llm", "memory", "storage");
        report.Checks.Should().OnlyContain(c => c.Status == "healthy", "the test app has a public key, a writable store and no LLM");
    }

    private Dictionary<string, string?> Settings() => FunctionsApp.Settings(_signer, _discord, ApplicationId);

    [Fact]
    public async Task OfflineRun_StartedBeforeTheCatalogVersion_CompletesWithoutTheNewerAnalyses()
    {
        var request = new AnalyzeRequest(RepoPaths.Sample("podcast-transcript.srt"), Depth.Standard);
        await using var app = new FunctionsApp(Settings());
        await using DurableEngine engine = await Engine.StartAsync(EngineKind.InMemory, azurite, tasks => tasks.AddFunctionsApp(app.Services));

        // No version: what every instance started before the catalog recorded (and reads as version 1).
        string old = await engine.Client.ScheduleNewOrchestrationInstanceAsync(WorkflowNames.AutoIntel, ToJson(request));
        string current = await engine.Client.ScheduleNewOrchestrationInstanceAsync(WorkflowNames.AutoIntel, ToJson(request), NewInstanceVersion());
        Briefing before = await BriefingOfAsync(app.Services, await engine.WaitForEndAsync(old, Engine.RunTimeout));
        Briefing after = await BriefingOfAsync(app.Services, await engine.WaitForEndAsync(current, Engine.RunTimeout));

        before.Sections!.Where(s => s.JsonProperty is null).Should().BeEmpty("only built-in analyses are version 1");
        after.Sections!.Where(s => s.JsonProperty is null).Select(s => s.Name).Should().Equal(
            Intelligence.Analyses.AnalysisCatalog.All.Where(a => !a.IsBuiltIn && a.RunsAt(Depth.Standard, Intelligence.Analyses.AnalysisCatalog.NewInstanceVersion)).Select(a => a.Name));
        after.Sections!.Where(s => s.JsonProperty is not null).Select(s => (s.Name, s.Data.GetRawText())).Should().Equal(
            before.Sections!.Where(s => s.JsonProperty is not null).Select(s => (s.Name, s.Data.GetRawText())), "built-in sections are the same on both versions");
        after.Section("summary")!.Data.GetRawText().Should().Be(before.Section("summary")!.Data.GetRawText(), "the built-in sections are the same on both versions");
    }

    private static StartOrchestrationOptions NewInstanceVersion() =>
        new() { Version = Intelligence.Analyses.AnalysisCatalog.NewInstanceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture) };

    private static JsonElement ToJson(AnalyzeRequest request) => JsonSerializer.SerializeToElement(request, AutoIntelJson.Options);

    private static async Task<Briefing> BriefingOfAsync(IServiceProvider services, OrchestrationMetadata done)
    {
        done.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Completed, done.SerializedOutput);
        RunResult result = JsonSerializer.Deserialize<RunResult>(done.SerializedOutput!, AutoIntelJson.Options)!;
        return Intelligence.Analyses.AnalysisCatalog.ReadBriefing(await services.GetRequiredService<IArtifactStore>().GetTextAsync(result.BriefingJson.Path));
    }

    /// <summary>The same request on the local runtime, over its own data folder (so neither run remembers the other).</summary>
    private static async Task<Briefing> LocalBriefingAsync(AnalyzeRequest request)
    {
        using var data = new TempDirectory();
        IConfiguration configuration = new ConfigurationBuilder().Build();
        var services = new ServiceCollection().AddLogging().AddSingleton(configuration).AddSingleton(TimeProvider.System);
        services.AddAutoIntelServices(configuration, data.Path);
        await using ServiceProvider provider = services.BuildServiceProvider();
        await using var runtime = new LocalWorkflowRuntime(
            new WorkflowRegistry().AddAutoIntel(),
            new InMemoryHistoryStore(),
            provider,
            new LocalRuntimeOptions { MaxConcurrentActivities = 16 },
            TimeProvider.System,
            NullLoggerFactory.Instance);
        StartResult started = await runtime.StartAsync(WorkflowNames.AutoIntel, request);
        using var timeout = new CancellationTokenSource(Engine.RunTimeout);
        InstanceStatus status = await runtime.WaitForCompletionAsync(started.InstanceId, timeout.Token);
        status.RuntimeStatus.Should().Be(RuntimeStatus.Completed, status.Failure?.Message);
        RunResult result = status.Output!.Value.Deserialize<RunResult>(AutoIntelJson.Options)!;
        return Intelligence.Analyses.AnalysisCatalog.ReadBriefing(await provider.GetRequiredService<IArtifactStore>().GetTextAsync(result.BriefingJson.Path));
    }

    private static string AnalyzeInteraction(Uri link) => $$$"""
        {"id":"{{{InteractionId}}}","application_id":"{{{ApplicationId}}}","type":2,"token":"{{{InteractionToken}}}","guild_id":"1400000000000000004","channel_id":"{{{ChannelId}}}",
         "member":{"user":{"id":"1500000000000000005"}},
         "data":{"id":"1600000000000000006","name":"autointel","type":1,"options":[{"name":"url","type":3,"value":"{{{link}}}"},{"name":"depth","type":3,"value":"quick"}]}}
        """;

    private static string Content(FakeDiscordMessage message) => message.Payload["content"]?.GetValue<string>() ?? string.Empty;
}
