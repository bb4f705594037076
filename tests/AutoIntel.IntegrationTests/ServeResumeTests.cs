using System.Text.Json.Nodes;
using AutoIntel.TestKit;

namespace AutoIntel.IntegrationTests;

/// <summary><c>autointel serve</c> continues runs that an earlier process left unfinished.</summary>
public sealed class ServeResumeTests : IDisposable
{
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task Serve_OnStart_ResumesAnUnfinishedRunAndCompletesIt()
    {
        var cli = new CliRunner(_data.Path);
        const string id = "serve-resume-1";
        string history = Path.Combine(_data.Path, "instances", id + ".jsonl");
        using (var analyze = cli.Start("analyze", RepoPaths.Sample("podcast-transcript.srt"), "--instance", id, "--depth", "quick", "--simulate-latency", "300", "--json"))
        {
            await WaitUntilStartedAsync(history);
            analyze.Kill(entireProcessTree: true);
            await analyze.WaitForExitAsync();
        }

        await using ServeProcess serve = await ServeProcess.StartAsync(cli);
        Task resumed = serve.WaitForOutputAsync($"Resumed 1 unfinished run(s): {id}");
        JsonNode run = await serve.WaitForRunAsync(id);

        await resumed;
        run["runtimeStatus"]!.GetValue<string>().Should().Be("completed", serve.Output);
    }

    // The start event is the first line of the history; once it is there, the run exists and has not finished.
    private static async Task WaitUntilStartedAsync(string history)
    {
        for (int i = 0; i < 600; i++)
        {
            if (File.Exists(history) && new FileInfo(history).Length > 0)
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{history} was never written");
    }
}
