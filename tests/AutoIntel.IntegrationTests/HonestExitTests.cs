using System.Text;
using System.Text.Json;
using AutoIntel.TestKit;

namespace AutoIntel.IntegrationTests;

/// <summary>Bad instance ids, an unusable --out and hostile control characters, through the real executable.</summary>
public sealed class HonestExitTests : IDisposable
{
    // No NUL: a text file holding NUL is refused as binary before it is read (ContentAcquirer).
    private const string Hostile =
        "The council voted \u001b(0qqqq\u001b(B to fund 40 new buses in 2025, a rise of 12 percent.\u0007\n\n" +
        "Critics \u001b7said\u001b8 the plan would cost $4.2 million more than the city budgeted.\u0008\u007f\n\n" +
        "The mayor \u009b2J answered that ridership grew by 18 percent since 2019 \u001b]0;pwned\u0007 on every route.\n";

    private readonly TempDirectory _data = new();
    private readonly CliRunner _cli;

    public HonestExitTests() => _cli = new CliRunner(_data.Path);

    public static TheoryData<string[]> BadIds()
    {
        var data = new TheoryData<string[]>();
        foreach (var id in new[] { "../../etc/passwd", new string('a', 5000), "run-1\n", "run\u001b[2J" })
        {
            data.Add(["status", id]);
            data.Add(["resume", id]);
            data.Add(["terminate", id]);
            data.Add(["purge", id]);
            data.Add(["analyze", "x.txt", "--instance", id]);
        }

        return data;
    }

    public void Dispose() => _data.Dispose();

    [Theory]
    [MemberData(nameof(BadIds))]
    public async Task Command_BadInstanceId_ExitsTwoWithOneLineError(string[] args)
    {
        var result = await _cli.RunAsync(args);

        result.ExitCode.Should().Be(2, result.ToString());
        var errors = result.Stderr.Split('\n').Where(l => l.StartsWith("error:", StringComparison.Ordinal)).ToList();
        errors.Should().ContainSingle(result.ToString()).Which.Should().Contain("is not an instance id");
        errors[0].Length.Should().BeLessThan(200);
        result.Stderr.Should().NotContain("Exception").And.NotContain("   at ").And.NotContain("\u001b");
    }

    [Fact]
    public async Task Analyze_OutIsAnExistingFile_RefusedBeforeTheRunStarts()
    {
        var file = Path.Combine(_data.Path, "briefing.txt");
        await File.WriteAllTextAsync(file, "keep me");

        var result = await _cli.RunAsync("analyze", RepoPaths.Sample("podcast-transcript.srt"), "--out", file, "--instance", "never-ran");

        result.ExitCode.Should().Be(2, result.ToString());
        result.Stderr.Should().Contain("--out").And.Contain("existing file");
        (await File.ReadAllTextAsync(file)).Should().Be("keep me");
        (await _cli.RunAsync("status", "never-ran")).ExitCode.Should().Be(2, "no run was started");
    }

    [Fact]
    public async Task Analyze_ContentWithControlCharacters_NoneReachTheTerminalOrTheBriefing()
    {
        var source = Path.Combine(_data.Path, "hostile.txt");
        await File.WriteAllTextAsync(source, Hostile, new UTF8Encoding(false));
        var outDir = Path.Combine(_data.Path, "out");

        var text = await _cli.RunAsync("analyze", source, "--depth", "quick", "--out", outDir, "--instance", "hostile-1");
        var status = await _cli.RunAsync("status", "hostile-1");
        var json = await _cli.RunAsync("status", "hostile-1", "--json");

        text.ExitCode.Should().Be(0, text.ToString());
        text.Stdout.Should().Contain("The council voted (0qqqq(B to fund 40 new buses");
        foreach (var output in new[] { text.Stdout, text.Stderr, status.Stdout, status.Stderr, await File.ReadAllTextAsync(Path.Combine(outDir, "briefing.md")) })
        {
            output.Where(c => char.IsControl(c) && c is not '\n' and not '\t').Should().BeEmpty();
        }

        JsonDocument.Parse(json.Stdout).RootElement.GetProperty("status").GetString().Should().Be("Completed");
    }
}
