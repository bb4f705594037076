using AutoIntel.TestKit;

namespace AutoIntel.IntegrationTests;

public sealed class LifecycleCommandTests : IDisposable
{
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task Purge_FinishedRun_RemovesHistoryAndArtifacts()
    {
        var cli = new CliRunner(_data.Path);
        (await cli.RunAsync("analyze", RepoPaths.Sample("podcast-transcript.srt"), "--instance", "gone-1", "--depth", "quick", "--json")).ExitCode.Should().Be(0);

        var purge = await cli.RunAsync("purge", "gone-1");

        purge.ExitCode.Should().Be(0, purge.ToString());
        (await cli.RunAsync("status", "gone-1")).ExitCode.Should().Be(2);
        Directory.Exists(Path.Combine(_data.Path, "artifacts", "runs", "gone-1")).Should().BeFalse();
    }

    [Fact]
    public async Task Terminate_KilledRun_EndsTerminatedAndResumeDoesNothing()
    {
        var cli = new CliRunner(_data.Path);
        using (var child = cli.Start("analyze", RepoPaths.Sample("podcast-transcript.srt"), "--instance", "stop-1", "--simulate-latency", "2000", "--json"))
        {
            for (var i = 0; i < 300 && (await cli.RunAsync("status", "stop-1")).ExitCode != 0; i++)
            {
                await Task.Delay(100);
            }

            child.Kill(entireProcessTree: true);
            await child.WaitForExitAsync();
        }

        var terminate = await cli.RunAsync("terminate", "stop-1", "--reason", "test");
        var resume = await cli.RunAsync("resume", "stop-1");

        terminate.ExitCode.Should().Be(0, terminate.ToString());
        terminate.Stdout.Should().Contain("Terminated");
        resume.Stderr.Should().Contain("terminated");
    }
}
