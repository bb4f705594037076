using AutoIntel.TestKit;
using AutoIntel.Workflows.Abstractions;
using AutoIntel.Workflows.Runtime;
using AutoIntel.Workflows.Runtime.History;

namespace AutoIntel.Workflows.Tests.Runtime;

public sealed class ContinueAsNewTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private int _steps;

    [Fact]
    public async Task ContinueAsNew_ThousandIterations_HistoryStaysOneShortGeneration()
    {
        const int iterations = 1000;
        var store = new FileHistoryStore(new FileHistoryStoreOptions { RootPath = _dir.Path });
        await using var harness = new RuntimeHarness(store);
        var runtime = harness.Create(Counter(iterations));

        var done = await RuntimeHarness.RunAsync(runtime, "Counter", 0, "loop");
        var lines = await File.ReadAllLinesAsync(store.PathOf("loop"));

        done.RuntimeStatus.Should().Be(RuntimeStatus.Completed, done.Failure?.Message);
        done.Output!.Value.GetInt32().Should().Be(iterations);
        done.Generation.Should().Be(iterations);
        _steps.Should().Be(iterations);

        // The last generation only (n = 1000 returns at once): its start and its end.
        lines.Should().HaveCount(2);
        Directory.GetFiles(_dir.Path).Select(Path.GetFileName).Should().BeEquivalentTo(["loop.jsonl", "loop.lock"]);
    }

    [Fact]
    public async Task ContinueAsNew_EventsNotYetReceived_CarriedOverInArrivalOrder()
    {
        var registry = new WorkflowRegistry().AddWorkflow<string, string>("Collect", async (ctx, seen) =>
        {
            var next = await ctx.WaitForExternalEvent<string>("item");
            if (next == "stop")
            {
                return seen;
            }

            ctx.ContinueAsNew(seen + next);
            return "discarded";
        });
        var store = new RecordingHistoryStore(new InMemoryHistoryStore());
        await using var harness = new RuntimeHarness(store);
        var runtime = harness.Create(registry);
        await runtime.StartAsync("Collect", "", "collector");

        foreach (var item in new[] { "a", "b", "c", "stop" })
        {
            await runtime.RaiseEventAsync("collector", "item", item);
        }

        var done = await runtime.WaitForCompletionAsync("collector", CancellationToken.None).Within();

        done.RuntimeStatus.Should().Be(RuntimeStatus.Completed, done.Failure?.Message);
        done.Output!.Value.GetString().Should().Be("abc");
        done.Generation.Should().Be(3);
    }

    [Fact]
    public async Task Resume_ProcessDiedBeforeTheNewGenerationWasWritten_FinishesTheSwitchWithoutRunningTheCodeAgain()
    {
        var store = new RecordingHistoryStore(new FileHistoryStore(new FileHistoryStoreOptions { RootPath = _dir.Path }));
        await using var harness = new RuntimeHarness(store);
        store.FailNextReplace();
        var first = harness.Create(Counter(3));
        await first.StartAsync("Counter", 0, "torn");
        await store.WhenAppendedAsync(e => e is ExecutionContinuedAsNew);
        await first.DisposeAsync();
        var afterCrash = await harness.Create(Counter(3)).GetStatusAsync("torn");

        var second = harness.Create(Counter(3));
        (await second.ResumeAsync("torn", CancellationToken.None)).Should().BeTrue();
        var done = await second.WaitForCompletionAsync("torn", CancellationToken.None).Within();

        afterCrash!.RuntimeStatus.Should().Be(RuntimeStatus.Running, "the old generation ends with its continue-as-new record");
        afterCrash.Generation.Should().Be(0);
        done.RuntimeStatus.Should().Be(RuntimeStatus.Completed, done.Failure?.Message);
        done.Output!.Value.GetInt32().Should().Be(3);
        _steps.Should().Be(3, "the first generation's step is not run again on resume");
    }

    [Fact]
    public async Task ContinueAsNew_ChildThatContinues_ParentWaitsForItsLastGeneration()
    {
        var registry = Counter(5).AddWorkflow<int, int>("Outer", (ctx, x) => ctx.CallSubWorkflowAsync<int>("Counter", x, "inner"));
        await using var harness = new RuntimeHarness();
        var runtime = harness.Create(registry);

        var done = await RuntimeHarness.RunAsync(runtime, "Outer", 0, "outer");
        var inner = await runtime.GetStatusAsync("inner");

        done.Output!.Value.GetInt32().Should().Be(5);
        inner!.Generation.Should().Be(5);
        inner.ParentInstanceId.Should().Be("outer", "the parent is kept across generations");
    }

    [Fact]
    public async Task ContinueAsNew_GuidsOfEachGeneration_Differ()
    {
        var registry = new WorkflowRegistry().AddWorkflow<string, string>("Guids", (ctx, seen) =>
        {
            var guid = ctx.NewGuid().ToString("N");
            if (seen.Length > 0)
            {
                return Task.FromResult(seen + "," + guid);
            }

            ctx.ContinueAsNew(guid);
            return Task.FromResult(string.Empty);
        });
        await using var harness = new RuntimeHarness();

        var done = await RuntimeHarness.RunAsync(harness.Create(registry), "Guids", "", "g");

        var guids = done.Output!.Value.GetString()!.Split(',');
        guids.Should().HaveCount(2).And.OnlyHaveUniqueItems();
    }

    public void Dispose() => _dir.Dispose();

    private WorkflowRegistry Counter(int until) => new WorkflowRegistry()
        .AddActivity<int, int>("Step", (_, _, x) =>
        {
            Interlocked.Increment(ref _steps);
            return Task.FromResult(x + 1);
        })
        .AddWorkflow<int, int>("Counter", async (ctx, n) =>
        {
            if (n >= until)
            {
                return n;
            }

            ctx.ContinueAsNew(await ctx.CallActivityAsync<int>("Step", n));
            return -1;
        });
}
