using System.Text.Json;
using AutoIntel.TestKit;

namespace AutoIntel.IntegrationTests;

/// <summary>Kills a real <c>autointel analyze</c> process mid-run and resumes it.</summary>
public sealed class CrashResumeTests : IDisposable
{
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task Resume_AfterKillMinus9_CompletesWithoutReexecutingCompletedActivities()
    {
        var cli = new CliRunner(_data.Path);
        var sample = RepoPaths.Sample("podcast-transcript.srt");
        const string id = "crash-1";

        // Slow analyzer calls (300 ms each, like LLM calls) leave time to kill the run mid-way.
        using (var child = cli.Start("analyze", sample, "--instance", id, "--depth", "deep", "--simulate-latency", "300", "--json"))
        {
            var completedBeforeKill = await WaitForCompletedActivitiesAsync(cli, id, atLeast: 6);
            child.Kill(entireProcessTree: true); // SIGKILL: no cleanup, no flush beyond what was already written
            await child.WaitForExitAsync();
            completedBeforeKill.Should().NotBeEmpty();

            var before = await StatusAsync(cli, id);
            before.GetProperty("status").GetString().Should().Be("Running", "a killed run stays resumable");
            before.GetProperty("stopped").GetBoolean().Should().BeTrue("no process runs it after kill -9");
            var text = await cli.RunAsync("status", id);
            text.Stdout.Should().Contain("Stopped (was Running)").And.Contain($"autointel resume {id}");
            var doneBefore = Completed(before);

            var resumed = await cli.RunAsync("resume", id);

            resumed.ExitCode.Should().Be(0, resumed.ToString());
            var after = await StatusAsync(cli, id);
            after.GetProperty("status").GetString().Should().Be("Completed");
            after.GetProperty("stopped").GetBoolean().Should().BeFalse();
            var attempts = after.GetProperty("activities").EnumerateArray()
                .ToDictionary(a => a.GetProperty("taskId").GetInt32(), a => a.GetProperty("attempts").GetInt32());
            foreach (var taskId in doneBefore)
            {
                attempts[taskId].Should().Be(1, $"activity #{taskId} had completed before the kill and must not run again");
            }

            attempts.Count.Should().BeGreaterThan(doneBefore.Count, "the resumed run did the remaining work");
        }
    }

    private static async Task<List<int>> WaitForCompletedActivitiesAsync(CliRunner cli, string id, int atLeast)
    {
        for (var i = 0; i < 600; i++)
        {
            var status = await cli.RunAsync("status", id, "--json");
            if (status.ExitCode == 0)
            {
                using var doc = JsonDocument.Parse(status.Stdout);
                var done = Completed(doc.RootElement);
                if (done.Count >= atLeast)
                {
                    doc.RootElement.GetProperty("stopped").GetBoolean().Should().BeFalse("the analyze process is still running it");
                    return done;
                }
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"instance {id} never completed {atLeast} activities");
    }

    private static async Task<JsonElement> StatusAsync(CliRunner cli, string id)
    {
        var status = await cli.RunAsync("status", id, "--json");
        status.ExitCode.Should().Be(0, status.ToString());
        return JsonDocument.Parse(status.Stdout).RootElement.Clone();
    }

    private static List<int> Completed(JsonElement status) =>
        [.. status.GetProperty("activities").EnumerateArray()
            .Where(a => a.GetProperty("status").GetString() == "Completed")
            .Select(a => a.GetProperty("taskId").GetInt32())];
}
