using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AutoIntel.Core.Runs;
using AutoIntel.Core.Serialization;
using AutoIntel.Discord.Commands;
using AutoIntel.Discord.Interactions;
using AutoIntel.Discord.Tests.Support;
using AutoIntel.Ingestion.Fetching;
using AutoIntel.TestKit;
using AutoIntel.Workflows.Abstractions;
using AutoIntel.Workflows.AutoIntel;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AutoIntel.Discord.Tests.Interactions;

public sealed class InteractionHandlerTests : IDisposable
{
    private readonly TestSigner _signer = new();
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly FakeWorkflowClient _workflows = new();
    private readonly CapturingLoggerProvider _logs = new();
    private readonly ILoggerFactory _loggerFactory;
    private readonly InteractionHandler _handler;

    public InteractionHandlerTests()
    {
        _loggerFactory = LoggerFactory.Create(b => b.AddProvider(_logs).SetMinimumLevel(LogLevel.Trace));
        var verifier = new Ed25519Verifier(Options.Create(new DiscordOptions { PublicKey = _signer.PublicKeyHex }), _time);
        _handler = new InteractionHandler(verifier, new SourceLinkValidator(new FetchPolicy(Options.Create(new FetchOptions()))), _workflows, _loggerFactory.CreateLogger<InteractionHandler>());
    }

    public void Dispose() => _loggerFactory.Dispose();

    [Fact]
    public async Task HandleAsync_SignedPing_AnswersPong()
    {
        InteractionResponse response = await SendAsync(Payloads.Ping());

        response.StatusCode.Should().Be(200);
        Json(response)["type"]!.GetValue<int>().Should().Be(1);
    }

    [Fact]
    public async Task HandleAsync_BadSignatureOnGarbage_Is401NotParsed()
    {
        byte[] garbage = Encoding.UTF8.GetBytes("{not json");
        string timestamp = TestSigner.Timestamp(_time.GetUtcNow());

        InteractionResponse response = await _handler.HandleAsync(new InteractionHeaders(new string('0', 128), timestamp), garbage);

        response.StatusCode.Should().Be(401);
    }

    [Fact]
    public async Task HandleAsync_MissingHeaders_Is401()
    {
        InteractionResponse response = await _handler.HandleAsync(new InteractionHeaders(null, null), Payloads.Ping());

        response.StatusCode.Should().Be(401);
    }

    [Fact]
    public async Task HandleAsync_SignedMalformedJson_Is400()
    {
        (await SendAsync(Encoding.UTF8.GetBytes("{\"type\":1,"))).StatusCode.Should().Be(400);
    }

    [Fact]
    public async Task HandleAsync_SignedJsonNestedTooDeep_Is400()
    {
        string deep = "{\"type\":1,\"x\":" + new string('[', 100) + new string(']', 100) + "}";

        (await SendAsync(Encoding.UTF8.GetBytes(deep))).StatusCode.Should().Be(400);
    }

    [Fact]
    public async Task HandleAsync_BodyOverLimit_Is400()
    {
        byte[] big = Encoding.UTF8.GetBytes("{\"type\":1,\"pad\":\"" + new string('a', InteractionHandler.MaxBodyBytes) + "\"}");

        (await SendAsync(big)).StatusCode.Should().Be(400);
    }

    [Fact]
    public async Task HandleAsync_StreamWithLengthOverLimit_Is400WithoutReading()
    {
        using var body = new MemoryStream(Payloads.Ping());

        InteractionResponse response = await _handler.HandleAsync(new InteractionHeaders(null, null), body, InteractionHandler.MaxBodyBytes + 1L);

        response.StatusCode.Should().Be(400);
        body.Position.Should().Be(0);
    }

    [Fact]
    public async Task HandleAsync_StreamWithoutLengthOverLimit_Is400()
    {
        byte[] big = Encoding.UTF8.GetBytes("{\"type\":1,\"pad\":\"" + new string('a', InteractionHandler.MaxBodyBytes) + "\"}");
        using var body = new MemoryStream(big);

        InteractionResponse response = await _handler.HandleAsync(Headers(big), body, contentLength: null);

        response.StatusCode.Should().Be(400);
    }

    [Fact]
    public async Task HandleAsync_SignedPingStream_AnswersPong()
    {
        byte[] ping = Payloads.Ping();
        using var body = new MemoryStream(ping);

        InteractionResponse response = await _handler.HandleAsync(Headers(ping), body, ping.Length);

        response.StatusCode.Should().Be(200);
        Json(response)["type"]!.GetValue<int>().Should().Be(1);
    }

    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("5000000000000000010\n")]
    [InlineData("-5000000000000000010")]
    [InlineData("99999999999999999999")]
    [InlineData("\u001b]0;pwned\u0007")]
    public async Task HandleAsync_InteractionIdNotSnowflake_Is400AndNothingRawLogged(string interactionId)
    {
        byte[] body = Payloads.Command("autointel", interactionId: interactionId, options: [Payloads.Text("url", "https://example.com/talk")]);

        InteractionResponse response = await SendAsync(body);

        response.StatusCode.Should().Be(400);
        response.Body.Should().Contain("interaction id is not a Discord snowflake");
        _workflows.Started.Should().BeEmpty();
        _logs.Lines.Should().Contain(l => l.Contains("not a Discord snowflake", StringComparison.Ordinal));
        _logs.Lines.Should().NotContain(l => l.Contains(interactionId, StringComparison.Ordinal) || l.Contains("passwd", StringComparison.Ordinal) || l.Contains("pwned", StringComparison.Ordinal));
    }

    [Fact]
    public async Task HandleAsync_GuildIdNotSnowflake_Is400()
    {
        byte[] body = Payloads.Command("autointel", guildId: "guild\r\nFAKE LOG LINE", options: [Payloads.Text("url", "https://example.com/talk")]);

        InteractionResponse response = await SendAsync(body);

        response.StatusCode.Should().Be(400);
        response.Body.Should().Contain("guild_id");
        _logs.Lines.Should().NotContain(l => l.Contains("FAKE LOG LINE", StringComparison.Ordinal));
    }

    [Fact]
    public async Task HandleAsync_AnalyzeCommand_StartsRunAndDefers()
    {
        byte[] body = Payloads.Command("autointel", options: [Payloads.Text("url", "https://example.com/talk"), Payloads.Text("depth", "deep")]);

        InteractionResponse response = await SendAsync(body);

        response.StatusCode.Should().Be(200);
        Json(response)["type"]!.GetValue<int>().Should().Be(5);
        _workflows.Started.Should().ContainKey(WorkflowNames.InstanceIdForInteraction("5000000000000000010"));
        var request = (AnalyzeRequest)_workflows.Started.Values.Single()!;
        request.Source.Should().Be("https://example.com/talk");
        request.Depth.Should().Be(Depth.Deep);
        request.Tenant.Should().Be(Payloads.GuildId);
        request.Delivery!.ChannelId.Should().Be(Payloads.ChannelId);
        request.Delivery.ApplicationId.Should().Be(Payloads.ApplicationId);
        request.Delivery.InteractionToken.Should().Be("interaction-secret-token");
        request.RequestedBy.Should().Be(Payloads.UserId);
    }

    [Fact]
    public async Task HandleAsync_RedeliveredInteraction_StartsOnlyOneRun()
    {
        byte[] body = Payloads.Command("autointel", options: [Payloads.Text("url", "https://example.com/a")]);

        InteractionResponse first = await SendAsync(body);
        InteractionResponse second = await SendAsync(body);

        _workflows.StartCalls.Should().Be(2);
        _workflows.Started.Should().HaveCount(1);
        Json(first)["type"]!.GetValue<int>().Should().Be(5);
        Json(second)["type"]!.GetValue<int>().Should().Be(5);
    }

    [Fact]
    public async Task HandleAsync_CommandInDm_UsesUserTenant()
    {
        await SendAsync(Payloads.Command("autointel", guildId: null, options: [Payloads.Text("url", "https://example.com/a")]));

        ((AnalyzeRequest)_workflows.Started.Values.Single()!).Tenant.Should().Be($"dm-{Payloads.UserId}");
    }

    [Fact]
    public async Task HandleAsync_AttachmentOption_UsesAttachmentUrlAsSource()
    {
        var resolved = new JsonObject
        {
            ["attachments"] = new JsonObject
            {
                ["7000000000000000007"] = new JsonObject { ["id"] = "7000000000000000007", ["filename"] = "talk.srt", ["size"] = 1200, ["url"] = "https://cdn.discordapp.com/attachments/1/2/talk.srt" },
            },
        };

        await SendAsync(Payloads.Command("autointel", resolved: resolved, options: [("file", JsonValue.Create("7000000000000000007")!, 11)]));

        ((AnalyzeRequest)_workflows.Started.Values.Single()!).Source.Should().Be("https://cdn.discordapp.com/attachments/1/2/talk.srt");
    }

    [Theory]
    [InlineData("ftp://example.com/file", "http(s)")]
    [InlineData("not a link", "doesn't look like a link")]
    [InlineData("http://127.0.0.1/admin", "private or local")]
    [InlineData("https://discord.com/channels/1/2/3", "Discord messages")]
    public async Task HandleAsync_UnsupportedLink_AnswersEphemeralErrorWithoutStarting(string url, string expected)
    {
        InteractionResponse response = await SendAsync(Payloads.Command("autointel", options: [Payloads.Text("url", url)]));

        AssertEphemeral(response, expected);
        _workflows.Started.Should().BeEmpty();
    }

    [Fact]
    public async Task HandleAsync_UnknownDepth_AnswersEphemeralError()
    {
        InteractionResponse response = await SendAsync(Payloads.Command("autointel", options: [Payloads.Text("url", "https://example.com"), Payloads.Text("depth", "extreme")]));

        AssertEphemeral(response, "Depth must be one of");
        _workflows.Started.Should().BeEmpty();
    }

    [Fact]
    public async Task HandleAsync_OptionOfWrongType_AnswersEphemeralError()
    {
        InteractionResponse response = await SendAsync(Payloads.Command("autointel", options: [("url", JsonValue.Create(42)!, 4)]));

        AssertEphemeral(response, "wrong type");
    }

    [Fact]
    public async Task HandleAsync_UnknownCommand_AnswersEphemeralError()
    {
        AssertEphemeral(await SendAsync(Payloads.Command("weather")), "don't know the command");
    }

    [Fact]
    public async Task HandleAsync_StatusOfRun_ShowsStageAndProgress()
    {
        await SendAsync(Payloads.Command("autointel", options: [Payloads.Text("url", "https://example.com/a")]));
        string id = _workflows.Started.Keys.Single();
        var progress = new RunProgress("analyse", 4, 9, "12 chunks", DateTime.UtcNow, [new StageTiming("acquire", 1200, 1)]);
        _workflows.Statuses[id] = _workflows.Statuses[id] with
        {
            RuntimeStatus = RuntimeStatus.Running,
            CustomStatus = JsonSerializer.SerializeToElement(progress, AutoIntelJson.Options),
        };

        InteractionResponse response = await SendAsync(Payloads.Command("autointel-status", interactionId: "5000000000000000099", options: [Payloads.Text("id", id)]));

        string content = AssertEphemeral(response, "Stage 4/9: **analyse**");
        content.Should().Contain("12 chunks").And.Contain("acquire 1.2 s").And.Contain("running");
    }

    [Fact]
    public async Task HandleAsync_StatusOfAnotherServersRun_SaysNotFound()
    {
        await SendAsync(Payloads.Command("autointel", options: [Payloads.Text("url", "https://example.com/a")]));
        string id = _workflows.Started.Keys.Single();

        InteractionResponse response = await SendAsync(Payloads.Command("autointel-status", interactionId: "5000000000000000098", guildId: "9999999999999999999", options: [Payloads.Text("id", id)]));

        AssertEphemeral(response, "can't find a run");
    }

    [Fact]
    public async Task HandleAsync_AnyCommand_NeverLogsTheInteractionToken()
    {
        await SendAsync(Payloads.Command("autointel", options: [Payloads.Text("url", "https://example.com/a")]));
        await SendAsync(Payloads.Command("autointel", options: [Payloads.Text("url", "ftp://x")]));

        _logs.Lines.Should().NotBeEmpty();
        _logs.Lines.Should().NotContain(l => l.Contains("interaction-secret-token", StringComparison.Ordinal));
    }

    private Task<InteractionResponse> SendAsync(byte[] body) => _handler.HandleAsync(Headers(body), body);

    private InteractionHeaders Headers(byte[] body)
    {
        string timestamp = TestSigner.Timestamp(_time.GetUtcNow());
        return new InteractionHeaders(_signer.Sign(timestamp, body), timestamp);
    }

    private static JsonNode Json(InteractionResponse response) => JsonNode.Parse(response.Body)!;

    private static string AssertEphemeral(InteractionResponse response, string expected)
    {
        response.StatusCode.Should().Be(200);
        JsonNode json = Json(response);
        json["type"]!.GetValue<int>().Should().Be(4);
        json["data"]!["flags"]!.GetValue<int>().Should().Be(64);
        json["data"]!["allowed_mentions"]!["parse"]!.AsArray().Should().BeEmpty();
        string content = json["data"]!["content"]!.GetValue<string>();
        content.Should().Contain(expected);
        return content;
    }
}
