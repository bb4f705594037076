using AutoIntel.Core;
using AutoIntel.TestKit;
using AutoIntel.Workflows.Abstractions;
using AutoIntel.Workflows.Runtime;
using AutoIntel.Workflows.Runtime.History;

namespace AutoIntel.Workflows.Tests.Runtime;

public sealed class SubWorkflowTests : IDisposable
{
    private static readonly RetryPolicy ThreeQuickAttempts = new(3, TimeSpan.Zero);
    private readonly TempDirectory _dir = new();
    private readonly TaskCompletionSource _childBlocked = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _doubleCalls;
    private int _flakyCalls;

    [Fact]
    public async Task CallSubWorkflow_ChildCompletes_ParentGetsOutputAndChildIsAnInstanceWithItsParent()
    {
        await using var harness = new RuntimeHarness(new FileHistoryStore(new FileHistoryStoreOptions { RootPath = _dir.Path }));
        var runtime = harness.Create(Registry());

        var parent = await RuntimeHarness.RunAsync(runtime, "Parent", 3, "p1");
        var all = await runtime.ListAsync(CancellationToken.None);
        var child = all.Single(s => s.WorkflowName == "Child");
        var history = await harness.Store.ReadAsync("p1", CancellationToken.None);

        parent.RuntimeStatus.Should().Be(RuntimeStatus.Completed, parent.Failure?.Message);
        parent.Output!.Value.GetInt32().Should().Be((3 * 2) + 1);
        child.RuntimeStatus.Should().Be(RuntimeStatus.Completed);
        child.ParentInstanceId.Should().Be("p1");
        child.InstanceId.Should().StartWith("p1.").And.HaveLength("p1.".Length + 32);
        parent.ParentInstanceId.Should().BeNull();
        history.OfType<SubWorkflowScheduled>().Single().InstanceId.Should().Be(child.InstanceId);
        history.OfType<SubWorkflowCompleted>().Single().Result!.Value.GetInt32().Should().Be(6);
    }

    [Fact]
    public async Task CallSubWorkflow_GivenIdAndLongParentId_UsesItOrStaysAValidId()
    {
        var longParent = new string('p', InstanceIds.MaxLength);
        var registry = Registry().AddWorkflow<int, int>("Three", async (ctx, x) =>
            await ctx.CallSubWorkflowAsync<int>("Child", x, instanceId: "chosen-child")
            + await ctx.CallSubWorkflowAsync<int>("Child", x)
            + await ctx.CallSubWorkflowAsync<int>("Child", x));
        await using var harness = new RuntimeHarness();
        var runtime = harness.Create(registry);

        var done = await RuntimeHarness.RunAsync(runtime, "Three", 1, longParent);
        var children = (await runtime.ListAsync(CancellationToken.None)).Where(s => s.ParentInstanceId == longParent).ToList();

        done.RuntimeStatus.Should().Be(RuntimeStatus.Completed, done.Failure?.Message);
        children.Should().HaveCount(3);
        children.Select(c => c.InstanceId).Should().Contain("chosen-child").And.OnlyContain(id => InstanceIds.IsValid(id));
    }

    [Fact]
    public async Task CallSubWorkflow_ChildFailsPermanently_SurfacesAsSubWorkflowFailedWithoutRetry()
    {
        FailureDetails? seen = null;
        string? seenChild = null;
        var registry = new WorkflowRegistry()
            .AddActivity<string, string>("Refuse", (_, _, input) => throw new PermanentFailureException($"Refused {input}"))
            .AddWorkflow<string, string>("Child", (ctx, input) => ctx.CallActivityAsync<string>("Refuse", input))
            .AddWorkflow<string, string>("Parent", async (ctx, input) =>
            {
                try
                {
                    return await ctx.CallSubWorkflowAsync<string>("Child", input, "the-child", ThreeQuickAttempts);
                }
                catch (SubWorkflowFailedException ex)
                {
                    (seen, seenChild) = (ex.Failure, ex.InstanceId);
                    return "caught";
                }
            });
        await using var harness = new RuntimeHarness();
        var runtime = harness.Create(registry);

        var done = await RuntimeHarness.RunAsync(runtime, "Parent", "x", "parent");
        var history = await harness.Store.ReadAsync("parent", CancellationToken.None);

        done.Output!.Value.GetString().Should().Be("caught");
        seen!.IsPermanent.Should().BeTrue();
        seen.ErrorType.Should().Be(nameof(PermanentFailureException));
        seen.Message.Should().Be("Refused x");
        seenChild.Should().Be("the-child");
        history.OfType<SubWorkflowAttemptFailed>().Should().BeEmpty("a permanent failure is not retried");
        history.OfType<SubWorkflowFailed>().Should().ContainSingle();
    }

    [Fact]
    public async Task CallSubWorkflow_TransientChildFailures_RetriedUnderTheSameIdUntilSuccess()
    {
        var registry = Registry().AddWorkflow<int, int>("RetryParent", (ctx, x) => ctx.CallSubWorkflowAsync<int>("FlakyChild", x, "flaky-child", ThreeQuickAttempts));
        await using var harness = new RuntimeHarness();
        var runtime = harness.Create(registry);

        var done = await RuntimeHarness.RunAsync(runtime, "RetryParent", 7, "retry-parent");
        var history = await harness.Store.ReadAsync("retry-parent", CancellationToken.None);
        var child = await runtime.GetStatusAsync("flaky-child");

        done.RuntimeStatus.Should().Be(RuntimeStatus.Completed, done.Failure?.Message);
        done.Output!.Value.GetInt32().Should().Be(7);
        _flakyCalls.Should().Be(3);
        history.OfType<SubWorkflowAttemptFailed>().Select(f => f.Attempt).Should().Equal(1, 2);
        child!.RuntimeStatus.Should().Be(RuntimeStatus.Completed);
    }

    [Fact]
    public async Task CallSubWorkflow_UnregisteredChild_FailsTheParentPermanently()
    {
        var registry = new WorkflowRegistry().AddWorkflow<int, int>("Orphan", (ctx, x) => ctx.CallSubWorkflowAsync<int>("Missing", x, retry: ThreeQuickAttempts));
        await using var harness = new RuntimeHarness();

        var done = await RuntimeHarness.RunAsync(harness.Create(registry), "Orphan", 1);

        done.RuntimeStatus.Should().Be(RuntimeStatus.Failed);
        done.Failure!.IsPermanent.Should().BeTrue();
        done.Failure.Message.Should().Contain("'Missing' is not registered");
    }

    [Fact]
    public async Task ResumeAll_StoppedWhileChildRuns_ParentAndChildFinishWithoutRerunningCompletedWork()
    {
        var store = new FileHistoryStore(new FileHistoryStoreOptions { RootPath = _dir.Path });
        await using var harness = new RuntimeHarness(store);
        var first = harness.Create(Registry());
        await first.StartAsync("BlockingParent", 5, "bp");
        await _childBlocked.Task.Within();

        await first.DisposeAsync();
        var childId = (await harness.Create(Registry()).ListAsync(CancellationToken.None)).Single(s => s.ParentInstanceId == "bp").InstanceId;
        _release.SetResult();
        var second = harness.Create(Registry());
        var resumed = await second.ResumeAllAsync(CancellationToken.None);
        var done = await second.WaitForCompletionAsync("bp", CancellationToken.None).Within();
        var child = await second.GetStatusAsync(childId);

        resumed.Should().BeEquivalentTo(["bp", childId]);
        done.RuntimeStatus.Should().Be(RuntimeStatus.Completed, done.Failure?.Message);
        done.Output!.Value.GetInt32().Should().Be((5 * 2) + 100);
        _doubleCalls.Should().Be(1, "the child's completed activity is not run again");
        child!.RuntimeStatus.Should().Be(RuntimeStatus.Completed);
        (await store.ReadAsync(childId, CancellationToken.None)).OfType<ExecutionStarted>().Should().ContainSingle("the child was resumed, not restarted");
    }

    [Fact]
    public async Task Resume_ParentStoppedAfterChildFinished_ChildIsNotStartedAgain()
    {
        var store = new FileHistoryStore(new FileHistoryStoreOptions { RootPath = _dir.Path });
        await using var harness = new RuntimeHarness(store);
        var registry = Registry().AddWorkflow<int, int>("ThenWait", async (ctx, x) =>
        {
            var child = await ctx.CallSubWorkflowAsync<int>("Child", x);
            return child + await ctx.WaitForExternalEvent<int>("go");
        });
        var first = harness.Create(registry);
        await first.StartAsync("ThenWait", 4, "tw");
        await WaitUntilAsync(async () => (await store.ReadAsync("tw", CancellationToken.None)).OfType<SubWorkflowCompleted>().Any());

        await first.DisposeAsync();
        var second = harness.Create(registry);
        await second.ResumeAsync("tw", CancellationToken.None);
        await second.RaiseEventAsync("tw", "go", 1);
        var done = await second.WaitForCompletionAsync("tw", CancellationToken.None).Within();

        done.Output!.Value.GetInt32().Should().Be((4 * 2) + 1);
        _doubleCalls.Should().Be(1);
        (await second.ListAsync(CancellationToken.None)).Where(s => s.ParentInstanceId == "tw").Should().ContainSingle();
    }

    public void Dispose() => _dir.Dispose();

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        using var timeout = new CancellationTokenSource(Guard.Timeout);
        while (!await condition())
        {
            await Task.Delay(10, timeout.Token);
        }
    }

    private WorkflowRegistry Registry() => new WorkflowRegistry()
        .AddActivity<int, int>("Double", (_, _, x) =>
        {
            Interlocked.Increment(ref _doubleCalls);
            return Task.FromResult(x * 2);
        })
        .AddActivity<int, int>("Block", async (_, ctx, x) =>
        {
            _childBlocked.TrySetResult();
            await _release.Task.WaitAsync(ctx.CancellationToken);
            return x;
        })
        .AddActivity<int, int>("Flaky", (_, _, x) =>
            Interlocked.Increment(ref _flakyCalls) < 3 ? throw new InvalidOperationException("not yet") : Task.FromResult(x))
        .AddWorkflow<int, int>("Child", (ctx, x) => ctx.CallActivityAsync<int>("Double", x))
        .AddWorkflow<int, int>("FlakyChild", (ctx, x) => ctx.CallActivityAsync<int>("Flaky", x))
        .AddWorkflow<int, int>("BlockingChild", async (ctx, x) => await ctx.CallActivityAsync<int>("Double", x) + await ctx.CallActivityAsync<int>("Block", 100))
        .AddWorkflow<int, int>("Parent", async (ctx, x) => await ctx.CallSubWorkflowAsync<int>("Child", x) + 1)
        .AddWorkflow<int, int>("BlockingParent", (ctx, x) => ctx.CallSubWorkflowAsync<int>("BlockingChild", x));
}
