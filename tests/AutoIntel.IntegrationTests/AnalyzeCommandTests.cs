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
    [InlineData("http://10.0.0.1/article", "private")]
    [InlineData("http://169.254.169.254/latest/meta-data/", "169.254.169.254")]
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
    [InlineData("does-not-exist.txt", "no such file")]
    [InlineData("ftp://example.com/file.txt", "ftp")]
    [InlineData("mixed-encoding.txt", "mixes UTF-8 with another encoding")]
    public async Task Analyze_InputRefusedBeforeTheRunStarts_ExitsTwoAndLeavesNoRun(string source, string reason)
    {
        await File.WriteAllBytesAsync(_data.Combine("mixed-encoding.txt"), [.. System.Text.Encoding.UTF8.GetBytes("caf\u00E9 "), .. System.Text.Encoding.Latin1.GetBytes("cr\u00E8me br\u00FBl\u00E9e")]);
        var path = source.Contains("://", StringComparison.Ordinal) ? source : _data.Combine(source);
        var id = "refused-" + Guid.NewGuid().ToString("N")[..8];

        var result = await _cli.RunAsync("analyze", path, "--instance", id);

        result.ExitCode.Should().Be(2, result.ToString());
        result.Stderr.Trim().Should().ContainEquivalentOf(reason).And.NotContain("\n", "the refusal is one line");
        (await _cli.RunAsync("status", id)).Stderr.Should().Contain($"no instance '{id}'");
        (await _cli.RunAsync("list", "--json")).Stdout.Should().NotContain(id);
    }

    [Fact]
    public async Task Analyze_ExistingInstanceWithAnotherSource_RefusesInsteadOfShowingTheOldRun()
    {
        var first = await _cli.RunAsync("analyze", RepoPaths.Sample("article.html"), "--instance", "other-src", "--depth", "quick", "--json");
        first.ExitCode.Should().Be(0, first.ToString());

        var second = await _cli.RunAsync("analyze", RepoPaths.Sample("podcast-transcript.srt"), "--instance", "other-src", "--depth", "quick");

        second.ExitCode.Should().Be(2, second.ToString());
        second.Stdout.Should().BeEmpty("the old run's briefing must not be shown");
        second.Stderr.Trim().Should().Be($"error: instance 'other-src' analysed {RepoPaths.Sample("article.html")}, not {RepoPaths.Sample("podcast-transcript.srt")}; omit --instance or choose a new id to analyse it.");
    }

    [Fact]
    public async Task Analyze_BadDepth_OneLineListingTheValidValues()
    {
        var result = await _cli.RunAsync("analyze", RepoPaths.Sample("article.html"), "--depth", "bottomless");

        result.ExitCode.Should().Be(2, result.ToString());
        var error = result.Stderr.Split('\n')[0];
        error.Should().Be("error: --depth 'bottomless' is not a depth; use one of: quick, standard, deep, experimental.");
        result.Stderr.Should().NotContain("AutoIntel.Core").And.NotContain("Depth'");
    }

    [Fact]
    public async Task Analyze_ThenStatusResumeList_SayWhereTheBriefingIsAndWhatWasAnalysed()
    {
        var sample = RepoPaths.Sample("article.html");
        var run = await _cli.RunAsync("analyze", sample, "--instance", "where-1", "--depth", "quick");
        run.ExitCode.Should().Be(0, run.ToString());

        // The printed path opens as printed, from any folder: absolute, inside the data folder.
        var printed = run.Stdout.Split('\n').Last(l => l.StartsWith("Instance where-1", StringComparison.Ordinal)).Split(" · briefing ")[1].Trim();
        Path.IsPathRooted(printed).Should().BeTrue(printed);
        File.Exists(printed).Should().BeTrue(printed);
        printed.Should().StartWith(_data.Path);

        var status = await _cli.RunAsync("status", "where-1");
        status.Stdout.Should().Contain($"briefing {printed}").And.Contain($"source {sample}").And.Contain("Four-day week trial");
        using (var json = JsonDocument.Parse((await _cli.RunAsync("status", "where-1", "--json")).Stdout))
        {
            json.RootElement.GetProperty("briefing").GetString().Should().Be(printed);
            json.RootElement.GetProperty("source").GetString().Should().Be(sample);
        }

        var resume = await _cli.RunAsync("resume", "where-1");
        resume.Stderr.Should().Contain($"Briefing: {printed}");

        var list = await _cli.RunAsync("list");
        list.Stdout.Split('\n').Should().Contain(l => l.StartsWith("where-1", StringComparison.Ordinal) && l.Contains("Four-day week trial", StringComparison.Ordinal) && l.Contains(sample, StringComparison.Ordinal));
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
