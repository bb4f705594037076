using AutoIntel.Workflows.Abstractions;
using AutoIntel.Workflows.Runtime;
using AutoIntel.Workflows.Runtime.History;

namespace AutoIntel.Workflows.Tests.Runtime;

public sealed class LiveStatusTests
{
    [Fact]
    public async Task GetStatus_InstanceRunningHere_AnsweredWithoutReadingItsHistory()
    {
        var recording = new RecordingHistoryStore(new InMemoryHistoryStore());
        await using var harness = new RuntimeHarness(recording);
        var runtime = harness.Create(Registry());
        await runtime.StartAsync("Flow", 1, "live-1");
        await recording.WhenAppendedAsync(e => e is CustomStatusSet);
        var readsBefore = recording.Reads;

        var whileRunning = new List<InstanceStatus?>();
        for (var i = 0; i < 5; i++)
        {
            whileRunning.Add(await runtime.GetStatusAsync("live-1"));
        }

        await runtime.RaiseEventAsync("live-1", "add", 10);
        var final = await runtime.WaitForCompletionAsync("live-1", CancellationToken.None).Within();

        recording.Reads.Should().Be(readsBefore, "the status of an instance this runtime runs is folded from its appends");
        whileRunning.Should().AllSatisfy(s => s!.RuntimeStatus.Should().Be(RuntimeStatus.Running));
        final.RuntimeStatus.Should().Be(RuntimeStatus.Completed);
        final.Output!.Value.GetInt32().Should().Be(12);
    }

    [Fact]
    public async Task WaitForCompletion_InstanceRunHere_SameStatusAsProjectingItsStoredHistory()
    {
        await using var harness = new RuntimeHarness();
        var runtime = harness.Create(Registry());
        await runtime.StartAsync("Flow", 1, "live-2");
        await runtime.RaiseEventAsync("live-2", "add", 5);

        var live = await runtime.WaitForCompletionAsync("live-2", CancellationToken.None).Within();
        var stored = HistoryProjection.Project("live-2", await harness.Store.ReadAsync("live-2", CancellationToken.None))!;

        ShouldMatch(live, stored);
        live.Activities.Should().HaveCount(2).And.OnlyContain(a => a.Status == ActivityRunState.Completed);
    }

    [Fact]
    public async Task HistoryProjector_AppliedInBatches_SameStatusAsProjectingTheWholeHistory()
    {
        await using var harness = new RuntimeHarness();
        var runtime = harness.Create(Registry());
        await runtime.StartAsync("Flow", 1, "live-3");
        await runtime.RaiseEventAsync("live-3", "add", 5);
        await runtime.WaitForCompletionAsync("live-3", CancellationToken.None).Within();
        var events = await harness.Store.ReadAsync("live-3", CancellationToken.None);

        var projector = new HistoryProjector("live-3");
        foreach (var batch in events.Chunk(3))
        {
            projector.Apply(batch);
        }

        ShouldMatch(projector.Status()!, HistoryProjection.Project("live-3", events)!);
    }

    [Fact]
    public void HistoryProjector_HistoryNotStartingWithItsStart_HasNoStatus()
    {
        var projector = new HistoryProjector("broken");
        var now = DateTime.UtcNow;

        projector.Apply([new TaskScheduled(now, 0, "Inc", null), new ExecutionStarted(now, "Flow", null)]);

        projector.Status().Should().BeNull();
        new HistoryProjector("empty").Status().Should().BeNull();
    }

    private static void ShouldMatch(InstanceStatus actual, InstanceStatus expected)
    {
        actual.RuntimeStatus.Should().Be(expected.RuntimeStatus);
        actual.WorkflowName.Should().Be(expected.WorkflowName);
        actual.Output?.GetRawText().Should().Be(expected.Output?.GetRawText());
        actual.CustomStatus?.GetRawText().Should().Be(expected.CustomStatus?.GetRawText());
        actual.CreatedAtUtc.Should().Be(expected.CreatedAtUtc);
        actual.LastUpdatedAtUtc.Should().Be(expected.LastUpdatedAtUtc);
        actual.CompletedAtUtc.Should().Be(expected.CompletedAtUtc);
        actual.Activities.Should().Equal(expected.Activities);
    }

    // An activity retried once, a custom status, then an external event: every kind of event a status shows.
    private static WorkflowRegistry Registry()
    {
        var attempts = 0;
        return new WorkflowRegistry()
            .AddActivity<int, int>("Inc", (_, _, x) => Interlocked.Increment(ref attempts) == 1 ? throw new InvalidOperationException("first attempt fails") : Task.FromResult(x + 1))
            .AddActivity<int, int>("Echo", (_, _, x) => Task.FromResult(x))
            .AddWorkflow<int, int>("Flow", async (ctx, x) =>
            {
                var y = await ctx.CallActivityAsync<int>("Inc", x, new RetryPolicy(3, TimeSpan.Zero));
                y = await ctx.CallActivityAsync<int>("Echo", y);
                ctx.SetCustomStatus("waiting");
                return y + await ctx.WaitForExternalEvent<int>("add");
            });
    }
}
