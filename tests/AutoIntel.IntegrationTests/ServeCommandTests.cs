using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using AutoIntel.TestKit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace AutoIntel.IntegrationTests;

/// <summary>The real <c>autointel serve</c> process between a signed Discord client and the fake Discord API.</summary>
public sealed class ServeCommandTests : IAsyncLifetime, IDisposable
{
    private const string ApplicationId = "1000000000000000001";
    private const string InteractionId = "1200000000000000042";
    private const string InteractionToken = "interaction-token-e2e";
    private const string ChannelId = "1300000000000000003";

    private readonly TempDirectory _data = new();
    private readonly TestSigner _signer = new();
    private readonly HttpClient _http = new();
    private FakeDiscordServer _discord = null!;
    private LoopbackHttpServer _site = null!;
    private ServeProcess _serve = null!;

    public async Task InitializeAsync()
    {
        _discord = await FakeDiscordServer.StartAsync();
        _discord.AddInteraction(ApplicationId, InteractionToken);
        string article = await File.ReadAllTextAsync(RepoPaths.Sample("article.html"));
        _site = await LoopbackHttpServer.StartAsync(app => app.MapGet("/article", () => Results.Content(article, "text/html; charset=utf-8")));

        var cli = new CliRunner(_data.Path);
        cli.Environment["Discord__PublicKey"] = _signer.PublicKeyHex;
        cli.Environment["Discord__BotToken"] = _discord.BotToken;
        cli.Environment["Discord__ApplicationId"] = ApplicationId;
        cli.Environment["Discord__ApiBaseUrl"] = _discord.ApiBaseUrl;
        cli.Environment["Fetch__AllowedHosts"] = "127.0.0.1";
        _serve = await ServeProcess.StartAsync(cli);
    }

    public async Task DisposeAsync()
    {
        await _serve.DisposeAsync();
        await _site.DisposeAsync();
        await _discord.DisposeAsync();
    }

    public void Dispose()
    {
        _http.Dispose();
        _data.Dispose();
    }

    [Fact]
    public async Task Serve_SignedAutointelInteraction_DefersThenDeliversOnceEvenWhenRedelivered()
    {
        JsonNode? pong = await PostSignedAsync("""{"id":"1","application_id":"1000000000000000001","type":1,"token":"t"}""");
        string interaction = AnalyzeInteraction(_site.Url("/article"));
        JsonNode? deferred = await PostSignedAsync(interaction);
        JsonNode run = await _serve.WaitForRunAsync($"discord-{InteractionId}");
        int messagesAfterRun = _discord.Messages.Count;
        int postsAfterRun = _discord.Requests.Count(r => r.Method == "POST");

        // Discord redelivers when it misses our answer: same interaction id, same answer, nothing new happens.
        JsonNode? again = await PostSignedAsync(interaction);
        JsonNode runAfterRedelivery = await GetRunAsync($"discord-{InteractionId}");

        // Assert
        pong!["type"]!.GetValue<int>().Should().Be(1);
        deferred!["type"]!.GetValue<int>().Should().Be(5, "the answer is deferred, inside the request");
        run["runtimeStatus"]!.GetValue<string>().Should().Be("completed", run.ToJsonString());
        run.AsObject().ContainsKey("input").Should().BeFalse("the input holds the interaction token");

        _discord.OriginalResponses[InteractionToken].Should().Contain("Started").And.Contain($"discord-{InteractionId}");
        FakeDiscordMessage progress = _discord.Messages.Single(m => Content(m).Contains("finished", StringComparison.Ordinal));
        _discord.Requests.Should().Contain(r => r.Method == "PATCH" && r.Path.EndsWith("/messages/" + progress.Id, StringComparison.Ordinal) && r.Status == 200,
            "the progress message is edited, not re-posted");
        FakeDiscordMessage briefing = _discord.Messages.Single(m => m.Payload["embeds"] is JsonArray { Count: > 0 });
        briefing.ChannelId.Should().Be(ChannelId);
        briefing.Files.Should().ContainSingle(f => f.FileName == $"autointel-discord-{InteractionId}.md")
            .Which.Content.Should().NotBeEmpty();
        _discord.Requests.Where(r => r.Json is not null && r.Method is "POST" or "PATCH" && !r.Path.EndsWith("/commands", StringComparison.Ordinal))
            .Should().NotBeEmpty()
            .And.OnlyContain(r => AllowsNoMentions(r.Json), "analysed content must never ping anyone");
        _discord.Pings.Should().BeEmpty();
        _serve.Output.Should().NotContain(InteractionToken, "no log line carries the interaction token");

        again!["type"]!.GetValue<int>().Should().Be(5);
        runAfterRedelivery["createdAtUtc"]!.GetValue<DateTime>().Should().Be(run["createdAtUtc"]!.GetValue<DateTime>());
        runAfterRedelivery["runtimeStatus"]!.GetValue<string>().Should().Be("completed");
        _discord.Messages.Count.Should().Be(messagesAfterRun, "a redelivered interaction starts no second run");
        _discord.Requests.Count(r => r.Method == "POST").Should().Be(postsAfterRun);
        Directory.GetFiles(Path.Combine(_data.Path, "instances"), "*.jsonl").Should().ContainSingle();
    }

    [Fact]
    public async Task Serve_CtrlC_StopsCleanlyWithExitCodeZero()
    {
        JsonNode? pong = await PostSignedAsync("""{"id":"1","application_id":"1000000000000000001","type":1,"token":"t"}""");

        int exitCode = await _serve.InterruptAsync();

        pong!["type"]!.GetValue<int>().Should().Be(1);
        exitCode.Should().Be(0, _serve.Output);
        _serve.Output.Should().Contain("Stopping.");
    }

    private static string AnalyzeInteraction(Uri link) => $$$"""
        {"id":"{{{InteractionId}}}","application_id":"{{{ApplicationId}}}","type":2,"token":"{{{InteractionToken}}}","guild_id":"1400000000000000004","channel_id":"{{{ChannelId}}}",
         "member":{"user":{"id":"1500000000000000005"}},
         "data":{"id":"1600000000000000006","name":"autointel","type":1,"options":[{"name":"url","type":3,"value":"{{{link}}}"},{"name":"depth","type":3,"value":"quick"}]}}
        """;

    private static string Content(FakeDiscordMessage message) => message.Payload["content"]?.GetValue<string>() ?? string.Empty;

    private static bool AllowsNoMentions(string? json) =>
        JsonNode.Parse(json ?? "{}")?["allowed_mentions"]?["parse"] is JsonArray { Count: 0 };

    private async Task<JsonNode?> PostSignedAsync(string json)
    {
        using HttpRequestMessage request = _signer.SignedPost(new Uri(_serve.BaseAddress, "/api/interactions"), json);
        using HttpResponseMessage response = await _http.SendAsync(request);
        string body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, body);
        return JsonNode.Parse(body);
    }

    private async Task<JsonNode> GetRunAsync(string id) =>
        JsonNode.Parse(await _http.GetStringAsync(new Uri(_serve.BaseAddress, $"/api/runs/{id}")))!;
}
