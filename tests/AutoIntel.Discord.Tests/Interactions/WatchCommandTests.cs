using System.Text;
using System.Text.Json.Nodes;
using AutoIntel.Discord.Commands;
using AutoIntel.Discord.Interactions;
using AutoIntel.Discord.Tests.Support;
using AutoIntel.Ingestion.Fetching;
using AutoIntel.Ingestion.Watches;
using AutoIntel.Storage;
using AutoIntel.TestKit;
using AutoIntel.Workflows.AutoIntel;
using AutoIntel.Workflows.AutoIntel.Watch;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AutoIntel.Discord.Tests.Interactions;

/// <summary><c>/autointel-watch add|list|remove</c> through the signed interactions handler: what is stored and started, and the one-line refusals.</summary>
public sealed class WatchCommandTests
{
    private const string Feed = "https://podcasts.example/feed.xml";
    private readonly TestSigner _signer = new();
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly FakeWorkflowClient _workflows = new();
    private readonly WatchStore _watches;
    private readonly InteractionHandler _handler;

    public WatchCommandTests()
    {
        _watches = new WatchStore(new InMemoryArtifactStore(), _time);
        var verifier = new Ed25519Verifier(Options.Create(new DiscordOptions { PublicKey = _signer.PublicKeyHex }), _time);
        var links = new SourceLinkValidator(new FetchPolicy(Options.Create(new FetchOptions())));
        _handler = new InteractionHandler(verifier, links, _workflows, NullLogger<InteractionHandler>.Instance, watches: _watches);
    }

    [Fact]
    public async Task Add_FeedLink_StoresTheWatchStartsItsOrchestrationWithoutTheInteractionToken()
    {
        string answer = await AnswerAsync("add", ("url", Feed), ("depth", "deep"), ("every", "30m"));

        WatchRecord record = (await _watches.ListAsync(Payloads.GuildId)).Should().ContainSingle().Subject;
        answer.Should().Contain($"`{record.Id}`").And.Contain("every 30m").And.Contain("depth deep");
        record.Should().BeEquivalentTo(new { Url = Feed, Tenant = Payloads.GuildId, ChannelId = Payloads.ChannelId, Every = TimeSpan.FromMinutes(30), AddedBy = Payloads.UserId });
        var input = (WatchInput)_workflows.Started[WatchIds.InstanceFor(record.Id)]!;
        input.Delivery!.ChannelId.Should().Be(Payloads.ChannelId);
        input.Delivery.InteractionToken.Should().BeEmpty("a watch outlives the 15-minute interaction token, so it never stores it");
        _workflows.Statuses[WatchIds.InstanceFor(record.Id)].WorkflowName.Should().Be(WorkflowNames.Watch);
    }

    [Theory]
    [InlineData("every", "90x", "is not a duration")]
    [InlineData("every", "5s", "out of range")]
    [InlineData("depth", "bottomless", "Depth must be one of")]
    [InlineData("url", "http://127.0.0.1/feed.xml", "private or local address")]
    [InlineData("url", "ftp://podcasts.example/feed.xml", "only read http(s) links")]
    public async Task Add_BadOption_OneLineRefusalAndNothingStored(string option, string value, string reason)
    {
        (string, string)[] options = option == "url" ? [("url", value)] : [("url", Feed), (option, value)];

        string answer = await AnswerAsync("add", options);

        answer.Should().Contain(reason).And.NotContain("\n");
        (await _watches.ListAsync(null)).Should().BeEmpty();
        _workflows.StartCalls.Should().Be(0);
    }

    [Fact]
    public async Task Add_SameFeedTwice_SecondRefusedWithTheFirstId()
    {
        await AnswerAsync("add", ("url", Feed));
        WatchRecord first = (await _watches.ListAsync(Payloads.GuildId)).Single();

        string again = await AnswerAsync("add", ("url", Feed));

        again.Should().Be($"{Feed} is already watched (watch {first.Id}).");
    }

    [Fact]
    public async Task ListAndRemove_AnotherGuildsWatch_NeitherShownNorRemoved()
    {
        WatchRecord theirs = await _watches.AddAsync("2000000000000000099", Feed, Core.Runs.Depth.Quick, TimeSpan.FromHours(1));

        string list = await AnswerAsync("list");
        string remove = await AnswerAsync("remove", ("id", theirs.Id));

        list.Should().StartWith("No watches here.");
        remove.Should().Contain("can't find a watch");
        (await _watches.ListAsync(null)).Should().ContainSingle();
    }

    [Fact]
    public async Task Remove_OwnWatch_GoneFromTheStore()
    {
        await AnswerAsync("add", ("url", Feed));
        WatchRecord record = (await _watches.ListAsync(Payloads.GuildId)).Single();

        string answer = await AnswerAsync("remove", ("id", $"`{record.Id}`"));

        answer.Should().Contain("Stopped watching").And.Contain(record.Id);
        (await _watches.ListAsync(null)).Should().BeEmpty();
    }

    private async Task<string> AnswerAsync(string subcommand, params (string Name, string Value)[] options)
    {
        var data = new JsonObject
        {
            ["id"] = "6000000000000000006",
            ["name"] = CommandDefinitions.WatchCommand,
            ["type"] = 1,
            ["options"] = new JsonArray(new JsonObject
            {
                ["name"] = subcommand,
                ["type"] = 1,
                ["options"] = new JsonArray([.. options.Select(o => (JsonNode)new JsonObject { ["name"] = o.Name, ["type"] = 3, ["value"] = o.Value })]),
            }),
        };
        JsonNode body = JsonNode.Parse(Payloads.Command(CommandDefinitions.WatchCommand))!;
        body["data"] = data;
        byte[] bytes = Encoding.UTF8.GetBytes(body.ToJsonString());
        string timestamp = TestSigner.Timestamp(_time.GetUtcNow());

        InteractionResponse response = await _handler.HandleAsync(new InteractionHeaders(_signer.Sign(timestamp, bytes), timestamp), bytes);

        response.StatusCode.Should().Be(200);
        JsonNode answer = JsonNode.Parse(response.Body)!;
        answer["data"]!["flags"]!.GetValue<int>().Should().Be(InteractionHandler.EphemeralFlag);
        return answer["data"]!["content"]!.GetValue<string>();
    }
}
