using System.Text.Json;
using AutoIntel.Workflows.Abstractions;
using AutoIntel.Workflows.Runtime;
using AutoIntel.Workflows.Runtime.History;

namespace AutoIntel.Workflows.Tests.Runtime;

public sealed class InstanceLifecycleTests
{
    private int _echoCalls;

    [Fact]
    public async Task Start_SameIdTwice_SecondIsNotCreatedAndNothingRunsAgain()
    {
        await using var harness = new RuntimeHarness();
        var runtime = harness.Create(Registry());

        var first = await runtime.StartAsync("Echo", "hi", "run-1");
        await runtime.WaitForCompletionAsync("run-1", CancellationToken.None).Within();
        var second = await runtime.StartAsync("Echo", "other", "run-1");
        var status = await runtime.WaitForCompletionAsync("run-1", CancellationToken.None).Within();

        first.Should().Be(new StartResult("run-1", true));
        second.Should().Be(new StartResult("run-1", false));
        status.Output!.Value.GetString().Should().Be("hi");
        _echoCalls.Should().Be(1);
    }

    [Fact]
    public async Task Start_WithoutId_UsesNewGuidInNFormat()
    {
        await using var harness = new RuntimeHarness();
        var runtime = harness.Create(Registry());

        var started = await runtime.StartAsync("Echo", "hi");

        started.Created.Should().BeTrue();
        Guid.TryParseExact(started.InstanceId, "N", out _).Should().BeTrue();
    }

    [Fact]
    public async Task Start_UnknownWorkflow_Throws()
    {
        await using var harness = new RuntimeHarness();
        var runtime = harness.Create(Registry());

        var act = () => runtime.StartAsync("Nope", null);

        await act.Should().ThrowAsync<ArgumentException>().WithMessage("Workflow 'Nope' is not registered.*");
    }

    [Fact]
    public async Task Terminate_RunningInstance_CancelsActivityAndEndsTerminated()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var registry = new WorkflowRegistry()
            .AddActivity<int, int>("Hang", async (_, ctx, _) =>
            {
                started.TrySetResult();
                try
                {
                    await Task.Delay(Timeout.Infinite, ctx.CancellationToken);
                    return 0;
                }
                catch (OperationCanceledException)
                {
                    cancelled.TrySetResult();
                    throw;
                }
            })
            .AddWorkflow<int, int>("Flow", (ctx, x) => ctx.CallActivityAsync<int>("Hang", x));
        await using var harness = new RuntimeHarness();
        var runtime = harness.Create(registry);
        var id = (await runtime.StartAsync("Flow", 1)).InstanceId;
        await started.Task.Within();

        await runtime.TerminateAsync(id, "user asked");
        await cancelled.Task.Within();
        var status = await runtime.GetStatusAsync(id);

        status!.RuntimeStatus.Should().Be(RuntimeStatus.Terminated);
        status.Output!.Value.GetString().Should().Be("user asked");
        status.CompletedAtUtc.Should().NotBeNull();
    }

    [Fact]
    public async Task Purge_EndedRunningAndUnknownInstances_DeletesOnlyEnded()
    {
        await using var harness = new RuntimeHarness();
        var runtime = harness.Create(Registry());
        await RuntimeHarness.RunAsync(runtime, "Echo", "done", "ended");
        await runtime.StartAsync("Waits", null, "waiting");

        var purged = await runtime.PurgeAsync("ended", CancellationToken.None);
        var purgeRunning = () => runtime.PurgeAsync("waiting", CancellationToken.None);
        var purgedUnknown = await runtime.PurgeAsync("unknown", CancellationToken.None);

        purged.Should().BeTrue();
        (await runtime.GetStatusAsync("ended")).Should().BeNull();
        await purgeRunning.Should().ThrowAsync<InvalidOperationException>()
            .WithMessage("Instance waiting is Running: only completed, failed or terminated instances can be purged*");
        purgedUnknown.Should().BeFalse();
    }

    [Fact]
    public async Task List_SeveralInstances_ReturnsEachWithItsStatus()
    {
        await using var harness = new RuntimeHarness();
        var runtime = harness.Create(Registry());
        await RuntimeHarness.RunAsync(runtime, "Echo", "a", "one");
        await runtime.StartAsync("Waits", null, "two");

        var list = await runtime.ListAsync(CancellationToken.None);

        list.Select(s => (s.InstanceId, s.RuntimeStatus)).Should().BeEquivalentTo(
            [("one", RuntimeStatus.Completed), ("two", RuntimeStatus.Running)]);
    }

    [Fact]
    public async Task CustomStatus_SetRepeatedly_RecordedOnlyWhenItChanges()
    {
        var registry = new WorkflowRegistry().AddWorkflow<int, int>("Stages", (ctx, x) =>
        {
            ctx.SetCustomStatus(new { Stage = "a" });
            ctx.SetCustomStatus(new { Stage = "a" });
            ctx.SetCustomStatus(new { Stage = "b" });
            return Task.FromResult(x);
        });
        await using var harness = new RuntimeHarness();

        var status = await RuntimeHarness.RunAsync(harness.Create(registry), "Stages", 1, "s");
        var events = await harness.Store.ReadAsync("s", CancellationToken.None);

        events.OfType<CustomStatusSet>().Should().HaveCount(2);
        status.CustomStatus!.Value.GetProperty("stage").GetString().Should().Be("b");
    }

    [Fact]
    public async Task History_CompletedRun_HoldsEventsInOrder()
    {
        await using var harness = new RuntimeHarness();

        await RuntimeHarness.RunAsync(harness.Create(Registry()), "Echo", "hi", "h");
        var events = await harness.Store.ReadAsync("h", CancellationToken.None);

        events.Select(e => e.GetType().Name).Should().Equal(
            nameof(ExecutionStarted), nameof(TaskScheduled), nameof(TaskStarted), nameof(TaskCompleted), nameof(ExecutionCompleted));
        events.Should().OnlyContain(e => e.Timestamp.Kind == DateTimeKind.Utc);
    }

    private WorkflowRegistry Registry() => new WorkflowRegistry()
        .AddActivity<string, string>("EchoActivity", (_, _, s) =>
        {
            Interlocked.Increment(ref _echoCalls);
            return Task.FromResult(s);
        })
        .AddWorkflow<string, string>("Echo", (ctx, s) => ctx.CallActivityAsync<string>("EchoActivity", s))
        .AddWorkflow<JsonElement?, string>("Waits", (ctx, _) => ctx.WaitForExternalEvent<string>("never"));
}
