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
        // serve also starts the memory upkeep's eternal orchestration; besides it, the one run.
        Directory.GetFiles(Path.Combine(_data.Path, "instances"), "*.jsonl")
            .Where(f => Path.GetFileNameWithoutExtension(f) != Workflows.AutoIntel.Upkeep.UpkeepNames.MemoryUpkeepInstanceId)
            .Should().ContainSingle();
    }

    [Fact]
    public async Task Serve_FeedbackClicks_CountOncePerUser_StayInTheirServer_AndReachTheReport()
    {
        const string runId = $"discord-{InteractionId}";
        await PostSignedAsync(AnalyzeInteraction(_site.Url("/article")));
        await _serve.WaitForRunAsync(runId);
        FakeDiscordMessage briefing = _discord.Messages.Single(m => m.Payload["embeds"] is JsonArray { Count: > 0 });
        string[] controls = [.. (briefing.Payload["components"] as JsonArray ?? [])
            .SelectMany(row => row!["components"]!.AsArray())
            .Select(c => c!["custom_id"]!.GetValue<string>())];

        // Act: the same user clicks 👍 twice, a user of another server clicks it, then a broken control and a claim select.
        JsonNode first = (await PostSignedAsync(Click($"autointel:fb:up:{runId}")))!;
        JsonNode repeated = (await PostSignedAsync(Click($"autointel:fb:up:{runId}")))!;
        JsonNode otherServer = (await PostSignedAsync(Click($"autointel:fb:up:{runId}", guildId: "1400000000000000099", userId: "1500000000000000099")))!;
        JsonNode malformed = (await PostSignedAsync(Click("autointel:fb:up:../../etc/passwd")))!;
        using HttpResponseMessage withoutData = await PostRawAsync(Click(customId: null));
        JsonNode picker = (await PostSignedAsync(Click($"autointel:fb:claims:{runId}")))!;
        JsonNode select = picker["data"]!["components"]![0]!["components"]![0]!;
        string claimId = select["options"]![0]!["value"]!.GetValue<string>();
        JsonNode marked = (await PostSignedAsync(Click(select["custom_id"]!.GetValue<string>(), values: [claimId])))!;
        CliResult report = await new CliRunner(_data.Path).RunAsync("report", "--since", "1d", "--json");

        // Assert
        controls.Should().Equal($"autointel:fb:up:{runId}", $"autointel:fb:down:{runId}", $"autointel:fb:claims:{runId}");
        Ephemeral(first).Should().Contain("Thanks for the 👍");
        Ephemeral(repeated).Should().Contain("already", "a second click by the same user counts once");
        Ephemeral(otherServer).Should().Contain("can't find", "a run is only visible from its own server");
        Ephemeral(malformed).Should().Contain("isn't one of AutoIntel's");
        withoutData.StatusCode.Should().Be(HttpStatusCode.BadRequest, "a click without data is refused with a reason, never a 500");
        (await withoutData.Content.ReadAsStringAsync()).Should().Contain("error");
        select["type"]!.GetValue<int>().Should().Be(3, "a string select");
        marked["type"]!.GetValue<int>().Should().Be(7, "choosing claims updates the ephemeral picker in place");
        marked["data"]!["content"]!.GetValue<string>().Should().Contain("Marked 1 verdict(s) as wrong");

        string[] stored = Directory.GetFiles(Path.Combine(_data.Path, "artifacts", "feedback"), "*.json", SearchOption.AllDirectories);
        stored.Should().ContainSingle("one record per server, run and user").Which.Should().Contain(Path.Combine("1400000000000000004", runId));
        JsonNode feedback = JsonNode.Parse(await File.ReadAllTextAsync(stored[0]))!;
        feedback["vote"]!.GetValue<string>().Should().Be("up");
        feedback["wrongClaims"]!.AsArray().Select(c => c!.GetValue<string>()).Should().Equal(claimId);

        report.ExitCode.Should().Be(0, report.ToString());
        JsonNode totals = JsonNode.Parse(report.Stdout)!;
        totals["runs"]!.GetValue<int>().Should().Be(1, report.Stdout);
        totals["completed"]!.GetValue<int>().Should().Be(1);
        _serve.Output.Should().NotContain(" 500 ").And.NotContain("Unhandled exception");
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

    // A click on a message component (type 3) by a member of a server; values only for a select, no data at all without a custom id.
    private static string Click(string? customId, string[]? values = null, string guildId = "1400000000000000004", string userId = "1500000000000000005")
    {
        var data = new JsonObject { ["component_type"] = values is null ? 2 : 3, ["custom_id"] = customId };
        if (values is not null)
        {
            data["values"] = new JsonArray([.. values.Select(v => (JsonNode)JsonValue.Create(v)!)]);
        }

        var click = new JsonObject
        {
            ["id"] = "1700000000000000007",
            ["application_id"] = ApplicationId,
            ["type"] = 3,
            ["token"] = "click-token",
            ["guild_id"] = guildId,
            ["channel_id"] = ChannelId,
            ["member"] = new JsonObject { ["user"] = new JsonObject { ["id"] = userId } },
        };
        if (customId is not null)
        {
            click["data"] = data;
        }

        return click.ToJsonString();
    }

    private static string Ephemeral(JsonNode reply)
    {
        reply["type"]!.GetValue<int>().Should().Be(4, reply.ToJsonString());
        reply["data"]!["flags"]!.GetValue<int>().Should().Be(64, "feedback answers are visible only to the clicker");
        return reply["data"]!["content"]!.GetValue<string>();
    }

    private async Task<HttpResponseMessage> PostRawAsync(string json)
    {
        using HttpRequestMessage request = _signer.SignedPost(new Uri(_serve.BaseAddress, "/api/interactions"), json);
        return await _http.SendAsync(request);
    }

    private async Task<JsonNode?> PostSignedAsync(string json)
    {
        using HttpResponseMessage response = await PostRawAsync(json);
        string body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, body);
        return JsonNode.Parse(body);
    }

    private async Task<JsonNode> GetRunAsync(string id) =>
        JsonNode.Parse(await _http.GetStringAsync(new Uri(_serve.BaseAddress, $"/api/runs/{id}")))!;
}
