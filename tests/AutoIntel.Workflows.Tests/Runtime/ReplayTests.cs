using System.Collections.Concurrent;
using System.Text.Json;
using AutoIntel.Workflows.Abstractions;
using AutoIntel.Workflows.Runtime.History;

namespace AutoIntel.Workflows.Tests.Runtime;

public sealed class ReplayTests
{
    [Fact]
    public async Task Resume_FreshRuntimeOnSameHistory_ReplaysCodeWithoutCallingActivitiesAgain()
    {
        var doubles = 0;
        var runs = 0;
        var recordedGuid = Guid.Empty;
        var replayFlags = new ConcurrentQueue<bool>();
        WorkflowRegistry Registry() => new WorkflowRegistry()
            .AddActivity<int, int>("Double", (_, _, x) =>
            {
                Interlocked.Increment(ref doubles);
                return Task.FromResult(x * 2);
            })
            .AddActivity<Guid, string>("Record", (_, _, g) => Task.FromResult((recordedGuid = g).ToString()))
            .AddWorkflow<int, string>("Flow", async (ctx, x) =>
            {
                Interlocked.Increment(ref runs);
                var a = await ctx.CallActivityAsync<int>("Double", x);
                var b = await ctx.CallActivityAsync<int>("Double", a);
                var guid = ctx.NewGuid();
                await ctx.CallActivityAsync<string>("Record", guid);
                replayFlags.Enqueue(ctx.IsReplaying);
                ctx.SetCustomStatus("waiting");
                var approval = await ctx.WaitForExternalEvent<string>("approve");
                return $"{b}:{guid}:{approval}";
            });
        var store = new RecordingHistoryStore(new Workflows.Runtime.InMemoryHistoryStore());
        await using var harness = new RuntimeHarness(store);
        var first = harness.Create(Registry());
        var id = (await first.StartAsync("Flow", 3)).InstanceId;
        await store.WhenAppendedAsync(e => e is CustomStatusSet);
        await first.DisposeAsync();

        var second = harness.Create(Registry());
        var resumed = await second.ResumeAsync(id, CancellationToken.None);
        await second.RaiseEventAsync(id, "approve", "yes");
        var status = await second.WaitForCompletionAsync(id, CancellationToken.None).Within();

        resumed.Should().BeTrue();
        status.RuntimeStatus.Should().Be(RuntimeStatus.Completed);
        status.Output!.Value.GetString().Should().Be($"12:{recordedGuid}:yes");
        runs.Should().Be(2);
        doubles.Should().Be(2);
        replayFlags.Should().Equal(false, true);
        status.Activities.Select(a => a.Attempts).Should().Equal(1, 1, 1);
    }

    [Fact]
    public async Task Resume_CodeNowCallsDifferentActivity_FailsWithNonDeterminism()
    {
        var status = await ResumeV1HistoryWithAsync(Versioned("B"));

        status.RuntimeStatus.Should().Be(RuntimeStatus.Failed);
        status.Failure!.ErrorType.Should().Be(nameof(NonDeterminismException));
        status.Failure.Message.Should().Be("Non-deterministic workflow: history has activity 'A' as call 0, the code now schedules 'B'");
    }

    [Fact]
    public async Task Resume_CodeNoLongerMakesRecordedCall_FailsWithNonDeterminism()
    {
        var status = await ResumeV1HistoryWithAsync(Versioned(null));

        status.RuntimeStatus.Should().Be(RuntimeStatus.Failed);
        status.Failure!.Message.Should().Be("Non-deterministic workflow: history has activity 'A' as call 0, the code does not schedule it");
    }

    [Fact]
    public async Task Resume_TimerWhereHistoryHasActivity_NamesBothKinds()
    {
        var timerFirst = new WorkflowRegistry().AddWorkflow<JsonElement?, string>("Flow", async (ctx, _) =>
        {
            await ctx.CreateTimer(ctx.CurrentUtcDateTime);
            return "v2";
        });

        var status = await ResumeV1HistoryWithAsync(timerFirst);

        status.Failure!.Message.Should().Be("Non-deterministic workflow: history has activity 'A' as call 0, the code now schedules a timer");
    }

    // Runs v1 until it waits (history: A scheduled and completed), stops the runtime, and resumes with other code.
    private static async Task<InstanceStatus> ResumeV1HistoryWithAsync(WorkflowRegistry changed)
    {
        var store = new RecordingHistoryStore(new Workflows.Runtime.InMemoryHistoryStore());
        await using var harness = new RuntimeHarness(store);
        var first = harness.Create(Versioned("A"));
        var id = (await first.StartAsync("Flow", null)).InstanceId;
        await store.WhenAppendedAsync(e => e is CustomStatusSet);
        await first.DisposeAsync();

        var second = harness.Create(changed);
        await second.ResumeAsync(id, CancellationToken.None);
        return await second.WaitForCompletionAsync(id, CancellationToken.None).Within();
    }

    // v1 calls A; later versions call another activity, or none, before the same wait.
    private static WorkflowRegistry Versioned(string? activity) => new WorkflowRegistry()
        .AddActivity<JsonElement?, string>("A", (_, _, _) => Task.FromResult("a"))
        .AddActivity<JsonElement?, string>("B", (_, _, _) => Task.FromResult("b"))
        .AddWorkflow<JsonElement?, string>("Flow", async (ctx, _) =>
        {
            var result = activity is null ? "none" : await ctx.CallActivityAsync<string>(activity, null);
            ctx.SetCustomStatus("waiting");
            return result + await ctx.WaitForExternalEvent<string>("go");
        });
}
