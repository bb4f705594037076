using System.Text.Json;
using AutoIntel.Core;
using AutoIntel.Functions.Durable;
using AutoIntel.DurableEngines;
using AutoIntel.Functions.Tests.Engines;
using AutoIntel.TestKit;
using AutoIntel.Workflows.Abstractions;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace AutoIntel.Functions.Tests;

/// <summary>
/// Sub-workflows, continue-as-new and versions through the adapter on real Durable engines, with the semantics the local
/// runtime's SubWorkflowTests, ContinueAsNewTests and VersioningTests check.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class EnginePrimitivesOnEngineTests(AzuriteAccountServer azurite)
{
    private static readonly RetryPolicy ThreeQuickAttempts = new(3, TimeSpan.FromMilliseconds(50));
    private int _doubleCalls;
    private int _flakyCalls;
    private int _refusals;

    [Theory]
    [InlineData(EngineKind.InMemory)]
    [InlineData(EngineKind.AzureStorage)]
    public async Task SubWorkflow_ChildrenComplete_ParentGetsTheirOutputsUnderTheirIds(EngineKind kind)
    {
        WorkflowRegistry registry = Registry().AddWorkflow<int, string>("Parent", async (context, x) =>
        {
            int given = await context.CallSubWorkflowAsync<int>("Child", x, "given-child");
            int derived = await context.CallSubWorkflowAsync<int>("Child", x + 1);
            return $"{given}:{derived}";
        });
        await using DurableEngine engine = await StartAsync(kind, registry);

        OrchestrationMetadata done = await RunAsync(engine, registry, "Parent", 3);
        OrchestrationMetadata? child = await engine.Client.GetInstanceAsync("given-child", getInputsAndOutputs: true);

        done.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Completed, done.FailureDetails?.ErrorMessage);
        DurableEngine.OutputOf(done).GetString().Should().Be("6:8");
        child!.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Completed);
        _doubleCalls.Should().Be(2);
    }

    [Theory]
    [InlineData(EngineKind.InMemory)]
    [InlineData(EngineKind.AzureStorage)]
    public async Task SubWorkflow_ChildFailsPermanently_SurfacesAsPermanentSubWorkflowFailureWithoutRetry(EngineKind kind)
    {
        FailureDetails? seen = null;
        string? seenChild = null;
        WorkflowRegistry registry = Registry().AddWorkflow<string, string>("Parent", async (context, input) =>
        {
            try
            {
                return await context.CallSubWorkflowAsync<string>("RefusingChild", input, "refusing-child", ThreeQuickAttempts);
            }
            catch (SubWorkflowFailedException ex)
            {
                (seen, seenChild) = (ex.Failure, ex.InstanceId);
                return "caught";
            }
        });
        await using DurableEngine engine = await StartAsync(kind, registry);

        OrchestrationMetadata done = await RunAsync(engine, registry, "Parent", "x");

        done.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Completed, done.FailureDetails?.ErrorMessage);
        DurableEngine.OutputOf(done).GetString().Should().Be("caught");
        seen!.IsPermanent.Should().BeTrue();
        seen.Message.Should().Contain("Refused x");
        seenChild.Should().Be("refusing-child");
        _refusals.Should().Be(1, "a permanent failure is retried neither as an activity nor as a sub-workflow");
    }

    [Theory]
    [InlineData(EngineKind.InMemory)]
    [InlineData(EngineKind.AzureStorage)]
    public async Task SubWorkflow_TransientChildFailures_RetriedUntilSuccess(EngineKind kind)
    {
        WorkflowRegistry registry = Registry().AddWorkflow<int, int>("Parent", (context, x) =>
            context.CallSubWorkflowAsync<int>("FlakyChild", x, "flaky-child", ThreeQuickAttempts));
        await using DurableEngine engine = await StartAsync(kind, registry);

        OrchestrationMetadata done = await RunAsync(engine, registry, "Parent", 7);

        done.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Completed, done.FailureDetails?.ErrorMessage);
        DurableEngine.OutputOf(done).GetInt32().Should().Be(7);
        _flakyCalls.Should().Be(3);
    }

    [Theory]
    [InlineData(EngineKind.InMemory)]
    [InlineData(EngineKind.AzureStorage)]
    public async Task ContinueAsNew_Counter_EndsInTheLastExecutionWithItsOutput(EngineKind kind)
    {
        WorkflowRegistry registry = Registry().AddWorkflow<int, int>("Counter", async (context, n) =>
        {
            if (n >= 5)
            {
                return n;
            }

            context.ContinueAsNew(await context.CallActivityAsync<int>("Double", n + 1) / 2);
            return -1;
        });
        await using DurableEngine engine = await StartAsync(kind, registry);

        OrchestrationMetadata done = await RunAsync(engine, registry, "Counter", 0);

        done.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Completed, done.FailureDetails?.ErrorMessage);
        DurableEngine.OutputOf(done).GetInt32().Should().Be(5);
        _doubleCalls.Should().Be(5);
    }

    [Theory]
    [InlineData(EngineKind.InMemory)]
    [InlineData(EngineKind.AzureStorage)]
    public async Task ContinueAsNew_EventsNotYetReceived_CarriedOver(EngineKind kind)
    {
        WorkflowRegistry registry = Registry().AddWorkflow<string, string>("Collect", async (context, seen) =>
        {
            context.SetCustomStatus("waiting");
            string next = await context.WaitForExternalEvent<string>("item");
            if (next == "stop")
            {
                return seen;
            }

            context.ContinueAsNew(seen + next);
            return "discarded";
        });
        await using DurableEngine engine = await StartAsync(kind, registry);
        var client = new DurableWorkflowClient(engine.Client, registry);
        string id = (await client.StartAsync("Collect", "")).InstanceId;
        await WaitForCustomStatusAsync(engine, id);

        foreach (string item in new[] { "a", "b", "c", "stop" })
        {
            await client.RaiseEventAsync(id, "item", item);
        }

        OrchestrationMetadata done = await engine.WaitForEndAsync(id, Engine.RunTimeout);

        done.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Completed, done.FailureDetails?.ErrorMessage);
        DurableEngine.OutputOf(done).GetString().Should().Be("abc");
    }

    [Theory]
    [InlineData(EngineKind.InMemory)]
    [InlineData(EngineKind.AzureStorage)]
    public async Task Version_UpgradedWhileAnInstanceWaits_OldInstanceKeepsItsV1BranchAndNewOnesTakeV2(EngineKind kind)
    {
        WorkflowRegistry registry = Branching(Registry(), "1");
        await using DurableEngine engine = await StartAsync(kind, registry);
        var client = new DurableWorkflowClient(engine.Client, registry);
        await client.StartAsync("Branching", "x", "old-instance");
        await WaitForCustomStatusAsync(engine, "old-instance");

        // The deployment changes: same registry object, so the registered orchestrator now runs the v2 registration.
        Branching(registry, "2");
        await client.RaiseEventAsync("old-instance", "go", "!");
        OrchestrationMetadata old = await engine.WaitForEndAsync("old-instance", Engine.RunTimeout);
        await client.StartAsync("Branching", "y", "new-instance");
        await WaitForCustomStatusAsync(engine, "new-instance");
        await client.RaiseEventAsync("new-instance", "go", "!");
        OrchestrationMetadata fresh = await engine.WaitForEndAsync("new-instance", Engine.RunTimeout);

        old.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Completed, old.FailureDetails?.ErrorMessage);
        DurableEngine.OutputOf(old).GetString().Should().Be("v1:x!");
        DurableEngine.OutputOf(fresh).GetString().Should().Be("v2:Y!");
    }

    // As the local runtime's VersioningTests: v1 echoes, v2 upper-cases first.
    private static WorkflowRegistry Branching(WorkflowRegistry registry, string version) => registry.AddWorkflow<string, string>(
        "Branching",
        async (context, input) =>
        {
            context.SetCustomStatus("waiting");
            string suffix = await context.WaitForExternalEvent<string>("go");
            return context.Version is "" or "1" ? $"v1:{input}{suffix}" : $"v2:{input.ToUpperInvariant()}{suffix}";
        },
        version);

    private static async Task<OrchestrationMetadata> RunAsync<T>(DurableEngine engine, WorkflowRegistry registry, string workflow, T input)
    {
        StartResult started = await new DurableWorkflowClient(engine.Client, registry).StartAsync(workflow, input);
        return await engine.WaitForEndAsync(started.InstanceId, Engine.RunTimeout);
    }

    private static async Task WaitForCustomStatusAsync(DurableEngine engine, string id)
    {
        using var timeout = new CancellationTokenSource(Engine.RunTimeout);
        while ((await engine.Client.GetInstanceAsync(id, getInputsAndOutputs: true, timeout.Token))?.SerializedCustomStatus is null)
        {
            await Task.Delay(50, timeout.Token);
        }
    }

    private async Task<DurableEngine> StartAsync(EngineKind kind, WorkflowRegistry registry)
    {
        IServiceProvider app = new ServiceCollection().BuildServiceProvider();
        return await Engine.StartAsync(kind, azurite, tasks => tasks.AddWorkflows(registry, app));
    }

    private WorkflowRegistry Registry() => new WorkflowRegistry()
        .AddActivity<int, int>("Double", (_, _, x) =>
        {
            Interlocked.Increment(ref _doubleCalls);
            return Task.FromResult(x * 2);
        })
        .AddActivity<int, int>("Flaky", (_, _, x) =>
            Interlocked.Increment(ref _flakyCalls) < 3 ? throw new InvalidOperationException("not yet") : Task.FromResult(x))
        .AddActivity<string, string>("Refuse", (_, _, input) =>
        {
            Interlocked.Increment(ref _refusals);
            throw new PermanentFailureException($"Refused {input}");
        })
        .AddWorkflow<int, int>("Child", (context, x) => context.CallActivityAsync<int>("Double", x))
        .AddWorkflow<int, int>("FlakyChild", (context, x) => context.CallActivityAsync<int>("Flaky", x))
        .AddWorkflow<string, string>("RefusingChild", (context, input) => context.CallActivityAsync<string>("Refuse", input, ThreeQuickAttempts));
}
