using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using AutoIntel.Core.Telemetry;
using AutoIntel.Workflows.Abstractions;
using Microsoft.Extensions.DependencyInjection;

namespace AutoIntel.Cli.Tests.Serve;

public sealed class LocalServerTests : IAsyncLifetime
{
    private ServeHarness _server = null!;

    public async Task InitializeAsync() => _server = await ServeHarness.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task PostInteractions_SignedPing_AnswersPong()
    {
        using HttpResponseMessage response = await _server.Http.SendAsync(_server.Signed("""{"id":"1","application_id":"11","type":1,"token":"t"}"""));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!["type"]!.GetValue<int>().Should().Be(1);
    }

    [Fact]
    public async Task PostInteractions_Unsigned_Is401()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/interactions") { Content = new StringContent("""{"type":1}""") };

        using HttpResponseMessage response = await _server.Http.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task PostInteractions_AnalyzeCommandTwice_DefersAndStartsOneRun()
    {
        using HttpResponseMessage first = await _server.Http.SendAsync(_server.Signed(ServeHarness.AnalyzeCommand("777")));
        using HttpResponseMessage second = await _server.Http.SendAsync(_server.Signed(ServeHarness.AnalyzeCommand("777")));

        JsonNode.Parse(await first.Content.ReadAsStringAsync())!["type"]!.GetValue<int>().Should().Be(5);
        JsonNode.Parse(await second.Content.ReadAsStringAsync())!["type"]!.GetValue<int>().Should().Be(5);
        _server.Runs.Instances.Keys.Should().Equal("discord-777");
    }

    [Fact]
    public async Task PostInteractions_ChunkedBodyOverLimit_Is400()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/interactions") { Content = new StreamContent(new MemoryStream(new byte[400 * 1024])) };
        request.Headers.TransferEncodingChunked = true;

        using HttpResponseMessage response = await _server.Http.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task GetRun_KnownRun_ReturnsStatusWithoutInput()
    {
        JsonElement input = JsonSerializer.SerializeToElement(new { delivery = new { interactionToken = "secret-token" } });
        _server.Runs.Instances["discord-1"] = new InstanceStatus("discord-1", "AutoIntelWorkflow", RuntimeStatus.Running, input, null, null, null, DateTime.UtcNow, DateTime.UtcNow, null, []);

        string json = await _server.Http.GetStringAsync("/api/runs/discord-1");

        JsonNode.Parse(json)!["runtimeStatus"]!.GetValue<string>().Should().Be("running");
        json.Should().NotContain("secret-token");
    }

    [Fact]
    public async Task GetRun_UnknownRun_Is404()
    {
        using HttpResponseMessage response = await _server.Http.GetAsync(new Uri("/api/runs/nope", UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("..%2F..%2Fetc%2Fpasswd")]
    [InlineData(".hidden")]
    [InlineData("run%0A")]
    [InlineData("run%1B%5B2J")]
    public async Task GetRun_InvalidId_Is400WithOneLineError(string id)
    {
        using HttpResponseMessage response = await _server.Http.GetAsync(new Uri("/api/runs/" + id, UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        string error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!.GetValue<string>();
        error.Should().Contain("is not an instance id").And.NotContainAny("\n", "\u001b");
    }

    [Fact]
    public async Task GetRun_IdOf5000Characters_Is400WithShortError()
    {
        using HttpResponseMessage response = await _server.Http.GetAsync(new Uri("/api/runs/" + new string('a', 5000), UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Length.Should().BeLessThan(300);
    }

    [Fact]
    public async Task GetHealth_WithPublicKey_ReportsDiscordHealthy()
    {
        using HttpResponseMessage response = await _server.Http.GetAsync(new Uri("/health", UriKind.Relative));
        JsonNode report = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        report["status"]!.GetValue<string>().Should().Be("healthy");
        JsonNode discord = report["checks"]!.AsArray().Single(c => c!["name"]!.GetValue<string>() == "discord")!;
        discord["status"]!.GetValue<string>().Should().Be("healthy");
        discord["reason"]!.GetValue<string>().Should().Contain("public key present");
    }

    [Fact]
    public async Task GetMetrics_AfterRequestsAndARecordedRun_ExportsThemThroughOpenTelemetry()
    {
        await _server.Http.GetStringAsync("/health");
        using HttpResponseMessage ping = await _server.Http.SendAsync(_server.Signed("""{"id":"1","application_id":"11","type":1,"token":"t"}"""));
        RunMetrics.RunDuration.Record(42, new("depth", "quick"), new("outcome", "completed"));

        using HttpResponseMessage response = await _server.Http.GetAsync(new Uri("/metrics", UriKind.Relative));
        string text = await response.Content.ReadAsStringAsync();

        response.Content.Headers.ContentType!.MediaType.Should().Be("text/plain");
        text.Should().Contain("http_server_request_duration_seconds_count{")
            .And.Contain("http_route=\"/health\"")
            .And.Contain("http_route=\"/api/interactions\"")
            .And.MatchRegex("autointel_run_duration_seconds_bucket\\{[^}]*depth=\"quick\"[^}]*le=\"60\"[^}]*\\} [1-9]")
            .And.Contain("# TYPE autointel_run_duration_seconds histogram");
    }
}
