using System.Text.Json;
using AutoIntel.TestKit;

namespace AutoIntel.IntegrationTests;

/// <summary>The built CLI with the LLM gateway configured by environment variables alone, against an in-test OpenAI-compatible server.</summary>
public sealed class LlmCliTests : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory _data = new();
    private FakeOpenAiServer _server = null!;
    private FakeMediaWikiServer _wiki = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeOpenAiServer.StartAsync();
        _server.Chat = FakeAnalyst.Answer;
        // With an LLM, Wikipedia is on by default; this wiki stands in for it, and its page is the evidence FakeAnalyst cites.
        _wiki = await FakeMediaWikiServer.StartAsync();
        _wiki.AddFoundByAnySearch("en", "Riverside Bridge", "The town council approved the new bridge in 2024.");
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _wiki.DisposeAsync();
    }

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task Analyze_LlmFromEnvironment_VerdictsComeFromTheModel()
    {
        var cli = new CliRunner(_data.Path, LlmEnvironment());

        var result = await cli.RunAsync("analyze", RepoPaths.Sample("podcast-transcript.srt"), "--json", "--depth", "quick");

        result.ExitCode.Should().Be(0, result.ToString());
        using var doc = JsonDocument.Parse(result.Stdout);
        doc.RootElement.GetProperty("cost").GetProperty("llmCalls").GetInt32().Should().BePositive();
        var verdicts = doc.RootElement.GetProperty("claims").EnumerateArray().Select(c => c.GetProperty("verdict").GetString()).ToList();
        verdicts.Should().NotBeEmpty().And.Contain(v => v != "unverified");
        _server.ChatRequests.Should().OnlyContain(r => r.Model == "fake-model" && r.Authorization == "Bearer test-key");
    }

    [Fact]
    public async Task ModelsStats_AfterAnLlmRun_ShowsTheModelsCalls()
    {
        var cli = new CliRunner(_data.Path, LlmEnvironment());
        (await cli.RunAsync("analyze", RepoPaths.Sample("podcast-transcript.srt"), "--json", "--depth", "quick")).ExitCode.Should().Be(0);

        var result = await cli.RunAsync("models", "stats");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().Contain("fake-model").And.Contain("cache hit rate");
    }

    [Fact]
    public async Task ModelsExplain_LlmConfigured_PrintsCandidatesAndWhyTheWinnerWon()
    {
        var cli = new CliRunner(_data.Path, LlmEnvironment());

        var result = await cli.RunAsync("models", "explain", "--task", "claim_verification", "--tokens", "3000");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().Contain("task claim_verification, 3000 prompt").And.Contain("* fake-model");
    }

    [Fact]
    public async Task ModelsExplain_NoLlmConfigured_SaysSoAndSucceeds()
    {
        var cli = new CliRunner(_data.Path);

        var result = await cli.RunAsync("models", "explain", "--task", "claim_verification", "--tokens", "3000");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().Contain("No LLM is configured");
    }

    private Dictionary<string, string> LlmEnvironment() => new()
    {
        ["Llm__Endpoint"] = _server.BaseUrl.ToString(),
        ["Llm__ApiKey"] = "test-key",
        ["Llm__Model"] = "fake-model",
        ["Evidence__Wikipedia__Endpoint"] = _wiki.EndpointTemplate,
        ["Fetch__AllowedHosts"] = "127.0.0.1",
    };
}
