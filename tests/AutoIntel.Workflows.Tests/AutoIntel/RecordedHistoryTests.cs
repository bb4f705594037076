using AutoIntel.TestKit;
using AutoIntel.Workflows.Abstractions;
using AutoIntel.Workflows.AutoIntel;
using AutoIntel.Workflows.Runtime;
using Microsoft.Extensions.Logging.Abstractions;

namespace AutoIntel.Workflows.Tests.AutoIntel;

/// <summary>
/// Replays histories recorded from real runs (Histories/*.jsonl) against today's workflow code.
/// </summary>
/// <remarks>
/// Every activity had completed in the recording; only the final "completed" event is removed, so the runtime must replay the
/// whole run and finish it again. It runs with no services at all: if the code now schedules any activity that the
/// history does not have, that activity cannot even be constructed and the replay fails; a reordering fails as non-determinism.
/// Re-record (docs/workflow.md) only for a deliberate, versioned change of the workflow.
/// </remarks>
public sealed class RecordedHistoryTests
{
    public static TheoryData<string> Recordings() => [.. Directory.GetFiles(HistoriesFolder(), "*.jsonl").Select(f => Path.GetFileNameWithoutExtension(f)).Order()];

    [Theory]
    [MemberData(nameof(Recordings))]
    public async Task Replay_RecordedRun_CompletesWithoutExecutingAnything(string recording)
    {
        using var data = new TempDirectory();
        var store = new FileHistoryStore(new FileHistoryStoreOptions { RootPath = data.Path });
        var lines = await File.ReadAllLinesAsync(Path.Combine(HistoriesFolder(), recording + ".jsonl"));
        var terminal = lines[^1];
        terminal.Should().Contain("\"type\":\"executionCompleted\"", "recordings are of completed runs");
        await File.WriteAllLinesAsync(store.PathOf(recording), lines[..^1]);
        await using var runtime = new LocalWorkflowRuntime(
            new WorkflowRegistry().AddAutoIntel(), store, new EmptyServices(), new LocalRuntimeOptions(), TimeProvider.System, NullLoggerFactory.Instance);

        (await runtime.ResumeAsync(recording, CancellationToken.None)).Should().BeTrue();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var status = await runtime.WaitForCompletionAsync(recording, timeout.Token);

        status.RuntimeStatus.Should().Be(RuntimeStatus.Completed, status.Failure?.Message);
        var replayed = (await File.ReadAllLinesAsync(store.PathOf(recording)))[^1];
        ExecutionOutput(replayed).Should().Be(ExecutionOutput(terminal), "the replay must reach the recorded result");
    }

    private static string ExecutionOutput(string completedEventLine)
    {
        using var doc = System.Text.Json.JsonDocument.Parse(completedEventLine);
        return doc.RootElement.GetProperty("output").GetRawText();
    }

    private static string HistoriesFolder() => Path.Combine(RepoPaths.Root(), "tests", "AutoIntel.Workflows.Tests", "AutoIntel", "Histories");

    private sealed class EmptyServices : IServiceProvider
    {
        public object? GetService(Type serviceType) => null;
    }
}
