using System.Text.Json;
using System.Text.Json.Nodes;
using AutoIntel.Core.Runs;
using AutoIntel.Core.Serialization;
using AutoIntel.DurableEngines;
using AutoIntel.Functions.Tests.Adapter;
using AutoIntel.Functions.Tests.Engines;
using AutoIntel.Ingestion.Watches;
using AutoIntel.TestKit;
using AutoIntel.Workflows.AutoIntel;
using AutoIntel.Workflows.AutoIntel.Watch;
using Microsoft.AspNetCore.Mvc;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace AutoIntel.Functions.Tests;

/// <summary>
/// Watches as Azure runs them: the WatchWorkflow orchestrator function and its activities from functions.metadata on a real
/// Durable engine, with sub-orchestrations of the /autointel function, durable timers and continue-as-new together.
/// </summary>
/// <remarks>
/// On both backends: the in-process test host's in-memory one and Azure Storage (production's) on Azurite, the latter through
/// <see cref="PlainTagsOrchestrationService"/>, without which the test sidecar's sub-orchestrations never finish there.
/// </remarks>
[Collection(EngineCollection.Name)]
public sealed class WatchOnEngineTests(AzuriteAccountServer azurite) : IAsyncLifetime
{
    private const string ApplicationId = "1000000000000000001";
    private const string GuildId = "1400000000000000004";
    private const string ChannelId = "1300000000000000003";

    private readonly TestSigner _signer = new();
    private FakeDiscordServer _discord = null!;
    private FakePodcastFeed _feed = null!;

    public async Task InitializeAsync()
    {
        _discord = await FakeDiscordServer.StartAsync();
        _feed = await FakePodcastFeed.StartAsync(episodes: 2);
    }

    public async Task DisposeAsync()
    {
        await _feed.DisposeAsync();
        await _discord.DisposeAsync();
    }

    [Theory]
    [InlineData(EngineKind.InMemory)]
    [InlineData(EngineKind.AzureStorage)]
    public async Task Watch_OnTheEngine_RunsEachNewEpisodeOnceAcrossTimersAndContinueAsNewThenEndsWhenRemoved(EngineKind kind)
    {
        await using var app = new FunctionsApp(Settings());
        await using DurableEngine engine = await Engine.StartAsync(kind, azurite, tasks => tasks.AddFunctionsApp(app.Services));
        var store = app.Services.GetRequiredService<WatchStore>();
        WatchRecord record = await store.AddAsync("local", _feed.FeedUrl, Depth.Quick, WatchIntervals.Min);
        string id = WatchIds.InstanceFor(record.Id);
        // One second between polls keeps the test short; the store refuses intervals under 30 s, the workflow does not care.
        WatchInput input = WatchInputs.From(record) with { Every = TimeSpan.FromSeconds(1) };

        await engine.Client.ScheduleNewOrchestrationInstanceAsync(WorkflowNames.Watch, JsonSerializer.SerializeToElement(input, AutoIntelJson.Options), new StartOrchestrationOptions(id));
        OrchestrationMetadata first = await engine.WaitForEndAsync(WatchIds.RunFor(record.Id, "ep2"), Engine.RunTimeout);
        _feed.Publish();
        OrchestrationMetadata second = await engine.WaitForEndAsync(WatchIds.RunFor(record.Id, "ep3"), Engine.RunTimeout);
        await WaitForPollsAsync(engine, id, afterFeedHits: _feed.Hits("/feed.xml") + 2);
        await store.RemoveAsync("local", record.Id);
        OrchestrationMetadata ended = await engine.WaitForEndAsync(id, Engine.RunTimeout);

        first.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Completed, first.FailureDetails?.ErrorMessage);
        second.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Completed, second.FailureDetails?.ErrorMessage);
        ended.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Completed, ended.FailureDetails?.ErrorMessage);
        DurableEngine.OutputOf(ended).Deserialize<WatchOutcome>(AutoIntelJson.Options)!.Reason.Should().Be("removed");
        _feed.Hits("/ep1.vtt").Should().Be(0, "the first poll briefs only the newest episode");
        _feed.Hits("/ep2.vtt").Should().Be(1, "later polls see episode 2 in the seen-set carried through continue-as-new");
        _feed.Hits("/ep3.vtt").Should().Be(1);
        (await engine.Client.GetInstanceAsync(WatchIds.RunFor(record.Id, "ep1"))).Should().BeNull();
    }

    [Theory]
    [InlineData(EngineKind.InMemory)]
    [InlineData(EngineKind.AzureStorage)]
    public async Task Interactions_WatchAddListRemove_StartsTheWatchDeliversToTheChannelAndTerminates(EngineKind kind)
    {
        await using var app = new FunctionsApp(Settings());
        await using DurableEngine engine = await Engine.StartAsync(kind, azurite, tasks => tasks.AddFunctionsApp(app.Services));

        string added = await AnswerAsync(app, engine, "1200000000000000051", Subcommand("add", $$"""[{"name":"url","type":3,"value":"{{_feed.FeedUrl}}"},{"name":"depth","type":3,"value":"quick"},{"name":"every","type":3,"value":"1h"}]"""));
        WatchRecord record = (await app.Services.GetRequiredService<WatchStore>().ListAsync(GuildId)).Single();
        OrchestrationMetadata episode = await engine.WaitForEndAsync(WatchIds.RunFor(record.Id, "ep2"), Engine.RunTimeout);
        AnalyzeRequest request = JsonSerializer.Deserialize<AnalyzeRequest>((await engine.Client.GetInstanceAsync(episode.InstanceId, getInputsAndOutputs: true))!.SerializedInput!, AutoIntelJson.Options)!;
        string listed = await AnswerAsync(app, engine, "1200000000000000052", Subcommand("list", "[]"));
        string otherGuild = await AnswerAsync(app, engine, "1200000000000000053", Subcommand("remove", $$"""[{"name":"id","type":3,"value":"{{record.Id}}"}]"""), guild: "1400000000000000099");
        string removed = await AnswerAsync(app, engine, "1200000000000000054", Subcommand("remove", $$"""[{"name":"id","type":3,"value":"{{record.Id}}"}]"""));
        OrchestrationMetadata watch = await engine.WaitForEndAsync(WatchIds.InstanceFor(record.Id), Engine.RunTimeout);

        added.Should().Contain($"watch id `{record.Id}`").And.Contain("every 1h");
        record.Should().BeEquivalentTo(new { Tenant = GuildId, ChannelId, ApplicationId, Depth = Depth.Quick, Every = TimeSpan.FromHours(1) });
        _discord.Messages.Where(m => m.Payload["embeds"] is JsonArray { Count: > 0 }).Should().Contain(m => m.ChannelId == ChannelId, "the episode's briefing is posted in the channel that added the watch");
        request.Tenant.Should().Be(GuildId, "a watch's runs count against its guild's budget and memory");
        request.Watch.Should().Be(new WatchOrigin(record.Id, "Episode 2: part 2"));
        _discord.OriginalResponses.Should().BeEmpty("a run a watch started has no interaction reply to edit");
        listed.Should().Contain(record.Id).And.Contain(_feed.FeedUrl).And.Contain("1 run(s)");
        otherGuild.Should().Contain("can't find a watch", "another server's watch is answered like a missing one");
        removed.Should().Contain("Stopped watching");
        watch.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Terminated);
        (await app.Services.GetRequiredService<WatchStore>().ListAsync(GuildId)).Should().BeEmpty();
    }

    private async Task<string> AnswerAsync(FunctionsApp app, DurableEngine engine, string interactionId, string data, string guild = GuildId)
    {
        string json = $$$"""
            {"id":"{{{interactionId}}}","application_id":"{{{ApplicationId}}}","type":2,"token":"token-{{{interactionId}}}","guild_id":"{{{guild}}}","channel_id":"{{{ChannelId}}}",
             "member":{"user":{"id":"1500000000000000005"}},"data":{{{data}}}}
            """;
        ContentResult answer = await app.SignedInteractionAsync(engine.Client, _signer, json);
        answer.StatusCode.Should().Be(200, answer.Content);
        JsonNode body = JsonNode.Parse(answer.Content!)!;
        body["type"]!.GetValue<int>().Should().Be(4);
        body["data"]!["flags"]!.GetValue<int>().Should().Be(64, "watch answers are ephemeral");
        return body["data"]!["content"]!.GetValue<string>();
    }

    private static string Subcommand(string name, string options) =>
        $$"""{"id":"1600000000000000007","name":"autointel-watch","type":1,"options":[{"name":"{{name}}","type":1,"options":{{options}}}]}""";

    // Polls keep happening (timer, continue-as-new, poll) after the runs: wait for two more reads of the feed.
    private async Task WaitForPollsAsync(DurableEngine engine, string id, int afterFeedHits)
    {
        using var timeout = new CancellationTokenSource(Engine.RunTimeout);
        while (_feed.Hits("/feed.xml") < afterFeedHits)
        {
            (await engine.Client.GetInstanceAsync(id, timeout.Token))!.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Running);
            await Task.Delay(50, timeout.Token);
        }
    }

    private Dictionary<string, string?> Settings() => FunctionsApp.Settings(_signer, _discord, ApplicationId);
}
