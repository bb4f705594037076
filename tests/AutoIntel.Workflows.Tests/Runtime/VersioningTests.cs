using AutoIntel.TestKit;
using AutoIntel.Workflows.Abstractions;
using AutoIntel.Workflows.Runtime;
using AutoIntel.Workflows.Runtime.History;

namespace AutoIntel.Workflows.Tests.Runtime;

public sealed class VersioningTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public async Task Version_UpgradedWhileAnInstanceWaits_OldInstanceReplaysItsV1BranchAndNewOnesTakeV2()
    {
        var store = new FileHistoryStore(new FileHistoryStoreOptions { RootPath = _dir.Path });
        await using var harness = new RuntimeHarness(store);
        var v1 = harness.Create(Branching("1"));
        await v1.StartAsync("Branching", "x", "old");
        await WaitForStatusAsync(v1, "old");

        await v1.DisposeAsync();
        var v2 = harness.Create(Branching("2"));
        (await v2.ResumeAsync("old", CancellationToken.None)).Should().BeTrue();
        await v2.RaiseEventAsync("old", "go", "!");
        var old = await v2.WaitForCompletionAsync("old", CancellationToken.None).Within();
        await v2.StartAsync("Branching", "y", "new");
        await v2.RaiseEventAsync("new", "go", "!");
        var fresh = await v2.WaitForCompletionAsync("new", CancellationToken.None).Within();

        old.RuntimeStatus.Should().Be(RuntimeStatus.Completed, old.Failure?.Message);
        old.Output!.Value.GetString().Should().Be("v1:x!");
        old.Version.Should().Be("1");
        fresh.Output!.Value.GetString().Should().Be("v2:Y!");
        fresh.Version.Should().Be("2");
    }

    [Fact]
    public async Task Version_HistoryWithoutVersion_ReadsAsEmpty()
    {
        var store = new FileHistoryStore(new FileHistoryStoreOptions { RootPath = _dir.Path });
        await File.WriteAllTextAsync(
            store.PathOf("legacy"),
            """{"type":"executionStarted","timestamp":"2026-01-01T00:00:00Z","name":"Branching","input":"z"}""" + "\n");
        await using var harness = new RuntimeHarness(store);
        var runtime = harness.Create(Branching("2"));

        await runtime.ResumeAsync("legacy", CancellationToken.None);
        await runtime.RaiseEventAsync("legacy", "go", "?");
        var done = await runtime.WaitForCompletionAsync("legacy", CancellationToken.None).Within();

        done.Version.Should().BeEmpty();
        done.Output!.Value.GetString().Should().Be("v1:z?", "an unversioned history takes the oldest branch");
    }

    [Fact]
    public async Task Version_UnversionedStart_WritesTheSameLineAsBefore()
    {
        var store = new FileHistoryStore(new FileHistoryStoreOptions { RootPath = _dir.Path });
        await using var harness = new RuntimeHarness(store);
        var runtime = harness.Create(new WorkflowRegistry().AddWorkflow<int, int>("Plain", (_, x) => Task.FromResult(x)));

        await RuntimeHarness.RunAsync(runtime, "Plain", 1, "plain");
        var first = (await File.ReadAllLinesAsync(store.PathOf("plain")))[0];

        first.Should().NotContain("version").And.NotContain("parentInstanceId").And.NotContain("generation");
        (await store.ReadAsync("plain", CancellationToken.None))[0].Should().BeOfType<ExecutionStarted>().Which.Version.Should().BeNull();
    }

    [Theory]
    [InlineData("two words")]
    [InlineData("v2\n")]
    public void AddWorkflow_UnusableVersion_Refused(string version)
    {
        var act = () => new WorkflowRegistry().AddWorkflow<int, int>("W", (_, x) => Task.FromResult(x), version);

        act.Should().Throw<ArgumentException>().WithMessage("*is not a workflow version*");
    }

    public void Dispose() => _dir.Dispose();

    // v1 echoes its input; v2 upper-cases it first (a new activity would do the same: old histories never reach it).
    private static WorkflowRegistry Branching(string version) => new WorkflowRegistry().AddWorkflow<string, string>(
        "Branching",
        async (ctx, input) =>
        {
            ctx.SetCustomStatus("waiting");
            var suffix = await ctx.WaitForExternalEvent<string>("go");
            return ctx.Version is "" or "1" ? $"v1:{input}{suffix}" : $"v2:{input.ToUpperInvariant()}{suffix}";
        },
        version);

    private static async Task WaitForStatusAsync(LocalWorkflowRuntime runtime, string id)
    {
        using var timeout = new CancellationTokenSource(Guard.Timeout);
        while ((await runtime.GetStatusAsync(id, timeout.Token))?.CustomStatus is null)
        {
            await Task.Delay(10, timeout.Token);
        }
    }
}
