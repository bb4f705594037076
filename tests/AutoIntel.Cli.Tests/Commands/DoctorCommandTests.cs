using System.Net.Sockets;
using System.Text.Json.Nodes;
using AutoIntel.Cli.Commands;
using AutoIntel.TestKit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace AutoIntel.Cli.Tests.Commands;

/// <summary><c>autointel doctor</c> checks the data folder's configuration for real: the store is written, memory counted, the LLM endpoint asked.</summary>
public sealed class DoctorCommandTests : IDisposable
{
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task Doctor_EmbeddedDefaults_HealthyExceptDiscordAndExitsZero()
    {
        var output = new StringWriter();

        int exit = await DoctorCommand.RunAsync(_data.Path, json: false, output, CancellationToken.None);

        exit.Should().Be(ExitCodes.Success);
        string text = output.ToString();
        text.Should().MatchRegex("storage +healthy +writable \\(FileArtifactStore\\)")
            .And.MatchRegex("memory +healthy +EmbeddedVectorStore answers")
            .And.MatchRegex("llm +healthy +not configured")
            .And.MatchRegex("discord +degraded +Discord:PublicKey missing")
            .And.Contain("overall: degraded");
        Directory.EnumerateFiles(Path.Combine(_data.Path, "artifacts"), "*", SearchOption.AllDirectories).Should().BeEmpty("the probe is deleted again");
    }

    [Fact]
    public async Task Doctor_LlmEndpointNobodyListensOn_UnhealthyWithReasonAndExits3()
    {
        await WriteSettingsAsync($"http://127.0.0.1:{ClosedPort()}/v1/", "key");
        var output = new StringWriter();

        int exit = await DoctorCommand.RunAsync(_data.Path, json: true, output, CancellationToken.None);

        exit.Should().Be(ExitCodes.Unhealthy);
        JsonNode report = JsonNode.Parse(output.ToString())!;
        report["status"]!.GetValue<string>().Should().Be("unhealthy");
        JsonNode llm = report["checks"]!.AsArray().Single(c => c!["name"]!.GetValue<string>() == "llm")!;
        llm["status"]!.GetValue<string>().Should().Be("unhealthy");
        llm["reason"]!.GetValue<string>().Should().StartWith("default: 127.0.0.1:").And.Contain("unreachable");
    }

    [Theory]
    [InlineData("good-key", ExitCodes.Success, "healthy")]
    [InlineData("revoked-key", ExitCodes.Unhealthy, "unhealthy")]
    public async Task Doctor_LlmEndpointAnswering_KeyDecides(string key, int expectedExit, string expectedStatus)
    {
        await using var endpoint = await LoopbackHttpServer.StartAsync(app => app.MapGet("/v1/models", (HttpRequest request) =>
            request.Headers.Authorization == "Bearer good-key"
                ? Results.Json(new { @object = "list", data = Array.Empty<object>() })
                : Results.Json(new { error = new { message = "Incorrect API key provided", type = "invalid_request_error", code = "invalid_api_key" } }, statusCode: 401)));
        await WriteSettingsAsync(endpoint.Url("/v1/").ToString(), key);
        var output = new StringWriter();

        int exit = await DoctorCommand.RunAsync(_data.Path, json: true, output, CancellationToken.None);

        exit.Should().Be(expectedExit);
        JsonNode llm = JsonNode.Parse(output.ToString())!["checks"]!.AsArray().Single(c => c!["name"]!.GetValue<string>() == "llm")!;
        llm["status"]!.GetValue<string>().Should().Be(expectedStatus);
        if (expectedStatus == "unhealthy")
        {
            llm["reason"]!.GetValue<string>().Should().Contain("refuses the key (HTTP 401)");
        }
    }

    [Fact]
    public async Task Doctor_ArtifactFolderBlocked_StorageUnhealthyAndExits3()
    {
        // A file where the probe's folder must go: every write under health/ fails, as on a read-only or full disk.
        Directory.CreateDirectory(Path.Combine(_data.Path, "artifacts"));
        await File.WriteAllTextAsync(Path.Combine(_data.Path, "artifacts", "health"), "in the way");
        var output = new StringWriter();

        int exit = await DoctorCommand.RunAsync(_data.Path, json: false, output, CancellationToken.None);

        exit.Should().Be(ExitCodes.Unhealthy);
        output.ToString().Should().MatchRegex("storage +unhealthy +not writable \\(FileArtifactStore\\): ");
    }

    private Task WriteSettingsAsync(string endpoint, string key) => File.WriteAllTextAsync(
        Path.Combine(_data.Path, "appsettings.json"),
        new JsonObject { ["Llm"] = new JsonObject { ["Endpoint"] = endpoint, ["ApiKey"] = key, ["Model"] = "gpt-test" } }.ToJsonString());

    private static int ClosedPort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
