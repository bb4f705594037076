using System.Text.Json;
using AutoIntel.Workflows.Abstractions;
using AutoIntel.Workflows.Runtime;
using AutoIntel.Workflows.Runtime.Execution;
using AutoIntel.Workflows.Runtime.History;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace AutoIntel.Workflows.Tests.Runtime;

public sealed class InstanceRunnerTests
{
    [Fact]
    public async Task Completion_AskedBeforeStart_WaitsForTheRunToEnd()
    {
        var registry = new WorkflowRegistry().AddWorkflow<string, string>("Echo", (_, s) => Task.FromResult(s));
        var store = new InMemoryHistoryStore();
        var log = await store.OpenAsync("early-waiter", CancellationToken.None);
        HistoryEvent[] started = [new ExecutionStarted(DateTime.UnixEpoch, "Echo", JsonSerializer.SerializeToElement("hi"))];
        await log.AppendAsync(started, flushToDisk: false, CancellationToken.None);
        await using var pool = new ActivityWorkerPool(registry, new RuntimeHarness.NoServices(), new FakeTimeProvider(), 1);
        var services = new RuntimeServices(
            registry, new RuntimeHarness.NoServices(), new LocalRuntimeOptions(), new FakeTimeProvider(), NullLoggerFactory.Instance, pool, "session", new NoHost());
        using var runner = new InstanceRunner(services, registry.Workflows["Echo"], log, started, resumed: null, CancellationToken.None);

        // The runtime lists a runner before it starts it: a waiter arriving in between holds this task.
        var early = runner.Completion;
        var pendingBeforeStart = !early.IsCompleted;
        runner.Start();
        await early.Within();

        pendingBeforeStart.Should().BeTrue();
        var history = await store.ReadAsync("early-waiter", CancellationToken.None);
        history[^1].Should().BeOfType<ExecutionCompleted>().Which.Output!.Value.GetString().Should().Be("hi");
        (await store.IsHeldAsync("early-waiter", CancellationToken.None)).Should().BeFalse("the run has closed its log when Completion ends");
    }

    private sealed class NoHost : IInstanceHost
    {
        public void WatchChild(InstanceRunner parent, IActivityCall call, int attempt) => throw new NotSupportedException();

        public bool ContinueAsNew(WorkflowDescriptor workflow, IHistoryLog log, IReadOnlyList<HistoryEvent> history) => false;
    }
}
