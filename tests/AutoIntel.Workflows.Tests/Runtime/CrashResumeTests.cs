using System.Text.Json;
using AutoIntel.TestKit;
using AutoIntel.Workflows.Abstractions;
using AutoIntel.Workflows.Runtime;

namespace AutoIntel.Workflows.Tests.Runtime;

public sealed class CrashResumeTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly TaskCompletionSource _bothSlowStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _fastCalls;
    private int _slowStarts;

    [Fact]
    public async Task ResumeAll_RuntimeStoppedWhileActivitiesBlocked_CompletedCallsNotRerunInFlightCallsRerun()
    {
        var store = new FileHistoryStore(new FileHistoryStoreOptions { RootPath = _dir.Path });
        await using var harness = new RuntimeHarness(store);
        var first = harness.Create(Registry());
        var id = (await first.StartAsync("Flow", 1)).InstanceId;
        await _bothSlowStarted.Task.Within();

        await first.DisposeAsync();
        var afterCrash = await harness.Create(Registry()).GetStatusAsync(id);
        _gate.SetResult();
        var second = harness.Create(Registry());
        var resumed = await second.ResumeAllAsync(CancellationToken.None);
        var status = await second.WaitForCompletionAsync(id, CancellationToken.None).Within();

        afterCrash!.RuntimeStatus.Should().Be(RuntimeStatus.Running);
        resumed.Should().Equal(id);
        status.RuntimeStatus.Should().Be(RuntimeStatus.Completed);
        status.Output!.Value.GetInt32().Should().Be(1 + 20 + 30);
        _fastCalls.Should().Be(1);
        _slowStarts.Should().Be(4);
        status.Activities.Select(a => (a.Name, a.Status)).Should().Equal(
            ("Fast", ActivityRunState.Completed), ("Slow", ActivityRunState.Completed), ("Slow", ActivityRunState.Completed));
    }

    [Fact]
    public async Task Resume_CompletedInstance_ReturnsFalse()
    {
        await using var harness = new RuntimeHarness(new FileHistoryStore(new FileHistoryStoreOptions { RootPath = _dir.Path }));
        var runtime = harness.Create(new WorkflowRegistry().AddWorkflow<int, int>("Id", (_, x) => Task.FromResult(x)));
        await RuntimeHarness.RunAsync(runtime, "Id", 5, "done");

        var resumed = await runtime.ResumeAsync("done", CancellationToken.None);
        var unknown = await runtime.ResumeAsync("unknown", CancellationToken.None);

        (resumed, unknown).Should().Be((false, false));
        File.Exists(Path.Combine(_dir.Path, "unknown.jsonl")).Should().BeFalse();
    }

    [Fact]
    public async Task IsBeingRun_RuntimeStoppedMidRun_FalseWhileStatusStaysRunning()
    {
        var store = new FileHistoryStore(new FileHistoryStoreOptions { RootPath = _dir.Path });
        var registry = new WorkflowRegistry().AddWorkflow<JsonElement?, string>("Waits", (ctx, _) => ctx.WaitForExternalEvent<string>("go"));
        var harness = new RuntimeHarness(store);
        var runtime = harness.Create(registry);
        await runtime.StartAsync("Waits", null, "orphan");
        var whileRunning = await runtime.IsBeingRunAsync("orphan", CancellationToken.None);

        await harness.DisposeAsync();
        await using var later = new RuntimeHarness(new FileHistoryStore(new FileHistoryStoreOptions { RootPath = _dir.Path }));
        var observer = later.Create(registry);

        whileRunning.Should().BeTrue();
        (await observer.GetStatusAsync("orphan"))!.RuntimeStatus.Should().Be(RuntimeStatus.Running);
        (await observer.IsBeingRunAsync("orphan", CancellationToken.None)).Should().BeFalse();
    }

    public void Dispose() => _dir.Dispose();

    private WorkflowRegistry Registry() => new WorkflowRegistry()
        .AddActivity<int, int>("Fast", (_, _, x) =>
        {
            Interlocked.Increment(ref _fastCalls);
            return Task.FromResult(x);
        })
        .AddActivity<int, int>("Slow", async (_, ctx, x) =>
        {
            if (Interlocked.Increment(ref _slowStarts) == 2)
            {
                _bothSlowStarted.TrySetResult();
            }

            await _gate.Task.WaitAsync(ctx.CancellationToken);
            return x * 10;
        })
        .AddWorkflow<int, int>("Flow", async (ctx, x) =>
        {
            var a = await ctx.CallActivityAsync<int>("Fast", x);
            var slow = await Task.WhenAll(ctx.CallActivityAsync<int>("Slow", 2), ctx.CallActivityAsync<int>("Slow", 3));
            return a + slow.Sum();
        });
}
