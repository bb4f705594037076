using System.Text.Json;
using AutoIntel.TestKit;

namespace AutoIntel.IntegrationTests;

public sealed class AnalyzeCommandTests : IDisposable
{
    private readonly TempDirectory _data = new();
    private readonly CliRunner _cli;

    public AnalyzeCommandTests() => _cli = new CliRunner(_data.Path);

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task Analyze_BundledSample_PrintsJsonContract()
    {
        var result = await _cli.RunAsync("analyze", RepoPaths.Sample("podcast-transcript.srt"), "--json", "--depth", "standard");

        result.ExitCode.Should().Be(0, result.ToString());
        using var doc = JsonDocument.Parse(result.Stdout);
        var root = doc.RootElement;
        root.GetProperty("instanceId").GetString().Should().NotBeNullOrWhiteSpace();
        root.GetProperty("status").GetString().Should().Be("Completed");
        root.GetProperty("depth").GetString().Should().Be("standard");
        root.GetProperty("summary").GetString().Should().NotBeNullOrWhiteSpace();
        var claims = root.GetProperty("claims").EnumerateArray().ToList();
        claims.Should().NotBeEmpty();
        claims.Should().AllSatisfy(c =>
        {
            c.GetProperty("text").GetString().Should().NotBeNullOrWhiteSpace();
            c.GetProperty("verdict").GetString().Should().Be("unverified");
            c.GetProperty("confidence").GetDouble().Should().BeInRange(0, 1);
        });
        root.GetProperty("fallacies").EnumerateArray().Should().AllSatisfy(f =>
        {
            f.GetProperty("type").GetString().Should().NotBeNullOrWhiteSpace();
            f.GetProperty("quote").GetString().Should().NotBeNullOrWhiteSpace();
        });
        var stages = root.GetProperty("stages").EnumerateArray().Select(s => s.GetProperty("name").GetString()).ToList();
        stages.Should().Contain(["acquire", "transcribe", "segment", "analyse", "fact-check", "remember", "brief"]);
        root.GetProperty("stages")[0].GetProperty("durationMs").GetDouble().Should().BeGreaterThanOrEqualTo(0);
        root.GetProperty("stages")[0].GetProperty("activities").GetInt32().Should().BeGreaterThan(0);
        var cost = root.GetProperty("cost");
        cost.GetProperty("usd").GetDecimal().Should().Be(0);
        cost.GetProperty("llmCalls").GetInt32().Should().Be(0);
        cost.GetProperty("cacheHits").GetInt32().Should().Be(0);
        result.Stderr.Should().Contain("analyse", "progress goes to stderr when --json is used");
    }

    [Fact]
    public async Task Analyze_TextOutput_PrintsBriefingAndTimingTable()
    {
        var outDir = _data.Combine("out");

        var result = await _cli.RunAsync("analyze", RepoPaths.Sample("article.html"), "--depth", "quick", "--out", outDir);

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().Contain("# ").And.Contain("wall");
        File.Exists(Path.Combine(outDir, "briefing.md")).Should().BeTrue();
        File.Exists(Path.Combine(outDir, "briefing.json")).Should().BeTrue();
    }

    [Fact]
    public async Task Analyze_SameInstanceTwice_DoesNotRunTwice()
    {
        var first = await _cli.RunAsync("analyze", RepoPaths.Sample("podcast-transcript.srt"), "--json", "--instance", "same-1", "--depth", "quick");
        var second = await _cli.RunAsync("analyze", RepoPaths.Sample("podcast-transcript.srt"), "--json", "--instance", "same-1", "--depth", "quick");

        first.ExitCode.Should().Be(0, first.ToString());
        second.ExitCode.Should().Be(0, second.ToString());
        var status = await _cli.RunAsync("status", "same-1", "--json");
        using var doc = JsonDocument.Parse(status.Stdout);
        doc.RootElement.GetProperty("activities").EnumerateArray()
            .Should().AllSatisfy(a => a.GetProperty("attempts").GetInt32().Should().Be(1));
    }

    [Theory]
    [InlineData("does-not-exist.txt", "no such file")]
    [InlineData("http://10.0.0.1/article", "private")]
    [InlineData("http://169.254.169.254/latest/meta-data/", "169.254.169.254")]
    [InlineData("ftp://example.com/file.txt", "ftp")]
    public async Task Analyze_BadSource_ExitsTwoAndStatusSaysWhy(string source, string reason)
    {
        var id = "bad-" + Guid.NewGuid().ToString("N")[..8];

        var result = await _cli.RunAsync("analyze", source, "--json", "--instance", id);

        result.ExitCode.Should().Be(2, result.ToString());
        result.Stderr.Should().ContainEquivalentOf(reason);
        var status = await _cli.RunAsync("status", id, "--json");
        status.ExitCode.Should().Be(0, status.ToString());
        using var doc = JsonDocument.Parse(status.Stdout);
        doc.RootElement.GetProperty("status").GetString().Should().Be("Failed");
        doc.RootElement.GetProperty("error").GetProperty("message").GetString().Should().ContainEquivalentOf(reason);
    }

    [Theory]
    [InlineData("analyze")]
    [InlineData("analyze", "x.txt", "--depth", "bottomless")]
    [InlineData("frobnicate")]
    [InlineData("analyze", "x.txt", "--instance", "../../etc")]
    [InlineData("status", "no-such-instance")]
    public async Task Cli_BadUsage_ExitsTwo(params string[] args)
    {
        var result = await _cli.RunAsync(args);

        result.ExitCode.Should().Be(2, result.ToString());
        result.Stderr.Should().Contain("error");
    }

    [Fact]
    public async Task List_AfterRun_ShowsInstance()
    {
        await _cli.RunAsync("analyze", RepoPaths.Sample("podcast-transcript.srt"), "--instance", "listed-1", "--depth", "quick", "--json");

        var result = await _cli.RunAsync("list", "--json");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().Contain("listed-1").And.Contain("Completed");
    }
}
