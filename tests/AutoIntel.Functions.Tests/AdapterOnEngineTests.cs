using System.Collections.Concurrent;
using System.Text.Json;
using AutoIntel.Core;
using AutoIntel.DurableEngines;
using AutoIntel.Functions.Durable;
using AutoIntel.Functions.Tests.Engines;
using AutoIntel.TestKit;
using AutoIntel.Workflows.Abstractions;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace AutoIntel.Functions.Tests;

/// <summary>
/// The adapter's orchestration semantics on real engines: workflows written against IWorkflowContext run through
/// OrchestrationRunner, DurableWorkflowContext, DurableRetry/DurableFailures/DurablePayload and ActivityDispatcher.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class AdapterOnEngineTests(AzuriteAccountServer azurite)
{
    // Whole seconds: the Azure Storage backend waits out a timer as a queue message's visibility timeout, which Azure
    // Storage counts in whole seconds, so a timer may fire up to a second early there (and a sub-second one at once).
    private static readonly RetryPolicy ThreeAttempts = new(3, TimeSpan.FromSeconds(2), BackoffCoefficient: 2);
    private static readonly TimeSpan QueueTimerGranularity = TimeSpan.FromSeconds(1);

    [Theory]
    [InlineData(EngineKind.InMemory)]
    [InlineData(EngineKind.AzureStorage)]
    public async Task FanOut_EightActivities_RunAtTheSameTime(EngineKind kind)
    {
        const int width = 8;
        int running = 0, mostAtOnce = 0;
        var allStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var registry = new WorkflowRegistry()
            .AddWorkflow<int, int>("FanOut", async (context, n) =>
            {
                int[] results = await Task.WhenAll(Enumerable.Range(0, n).Select(i => context.CallActivityAsync<int>("Hold", i)));
                return results.Sum();
            })
            .AddActivity<int, int>("Hold", async (_, _, i) =>
            {
                int now = Interlocked.Increment(ref running);
                InterlockedMax(ref mostAtOnce, now);
                if (now == width)
                {
                    allStarted.TrySetResult();
                }

                // Each waits until all are in flight (or gives up after a while, and then the count below tells).
                await allStarted.Task.WaitAsync(TimeSpan.FromSeconds(60)).ContinueWith(_ => { }, TaskScheduler.Default);
                Interlocked.Decrement(ref running);
                return i;
            });
        await using DurableEngine engine = await StartAsync(kind, registry);

        OrchestrationMetadata done = await RunAsync(engine, "FanOut", width);

        done.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Completed, done.FailureDetails?.ErrorMessage);
        DurableEngine.OutputOf(done).GetInt32().Should().Be(Enumerable.Range(0, width).Sum());
        mostAtOnce.Should().Be(width, "a fan-out schedules every activity before awaiting any");
    }

    [Theory]
    [InlineData(EngineKind.InMemory)]
    [InlineData(EngineKind.AzureStorage)]
    public async Task Retry_TransientFailures_RetriedWithBackoffUntilSuccess(EngineKind kind)
    {
        var attempts = new ConcurrentQueue<DateTime>();
        var registry = new WorkflowRegistry()
            .AddWorkflow<string, string>("Retrying", (context, input) => context.CallActivityAsync<string>("Flaky", input, ThreeAttempts))
            .AddActivity<string, string>("Flaky", (_, _, input) =>
            {
                attempts.Enqueue(DateTime.UtcNow);
                return attempts.Count < 3 ? throw new InvalidOperationException("try again") : Task.FromResult(input + "!");
            });
        await using DurableEngine engine = await StartAsync(kind, registry);

        OrchestrationMetadata done = await RunAsync(engine, "Retrying", "ok");

        done.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Completed, done.FailureDetails?.ErrorMessage);
        DurableEngine.OutputOf(done).GetString().Should().Be("ok!");
        DateTime[] at = [.. attempts];
        at.Should().HaveCount(3);

        // Lower bounds only (never early beyond the queue's granularity): 2 s before the 2nd attempt, 4 s before the 3rd.
        (at[1] - at[0]).Should().BeGreaterThanOrEqualTo(ThreeAttempts.DelayBefore(2) - QueueTimerGranularity);
        (at[2] - at[1]).Should().BeGreaterThanOrEqualTo(ThreeAttempts.DelayBefore(3) - QueueTimerGranularity);
    }

    [Theory]
    [InlineData(EngineKind.InMemory, 1)]
    [InlineData(EngineKind.InMemory, 2)]
    [InlineData(EngineKind.AzureStorage, 3)]
    public async Task Retry_AlwaysFailing_FailsAfterMaxAttemptsWithTheCause(EngineKind kind, int maxAttempts)
    {
        int attempts = 0;
        var policy = new RetryPolicy(maxAttempts, TimeSpan.FromMilliseconds(50));
        var registry = new WorkflowRegistry()
            .AddWorkflow<string, string>("Failing", (context, input) => context.CallActivityAsync<string>("Broken", input, policy))
            .AddActivity<string, string>("Broken", (_, _, _) =>
            {
                Interlocked.Increment(ref attempts);
                throw new TimeoutException("the upstream did not answer");
            });
        await using DurableEngine engine = await StartAsync(kind, registry);

        OrchestrationMetadata done = await RunAsync(engine, "Failing", "x");

        done.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Failed);
        InstanceStatus status = (await new DurableWorkflowClient(engine.Client, registry).GetStatusAsync(done.InstanceId))!;
        status.RuntimeStatus.Should().Be(RuntimeStatus.Failed);
        status.Failure!.Message.Should().Contain("the upstream did not answer");
        attempts.Should().Be(maxAttempts);
    }

    [Theory]
    [InlineData(EngineKind.InMemory)]
    [InlineData(EngineKind.AzureStorage)]
    public async Task Retry_PermanentFailure_IsNotRetriedAndSurfacesAsPermanent(EngineKind kind)
    {
        int attempts = 0;
        FailureDetails? seen = null;
        var registry = new WorkflowRegistry()
            .AddWorkflow<string, string>("BadInput", async (context, input) =>
            {
                try
                {
                    return await context.CallActivityAsync<string>("Refuse", input, new RetryPolicy(5, TimeSpan.FromMilliseconds(50)));
                }
                catch (ActivityFailedException ex)
                {
                    seen = ex.Failure;
                    return "caught";
                }
            })
            .AddActivity<string, string>("Refuse", (_, _, input) =>
            {
                Interlocked.Increment(ref attempts);
                throw new RefusedForTest($"Refused {input}: not a link");
            });
        await using DurableEngine engine = await StartAsync(kind, registry);

        OrchestrationMetadata done = await RunAsync(engine, "BadInput", "file:///etc/passwd");

        done.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Completed, done.FailureDetails?.ErrorMessage);
        attempts.Should().Be(1, "a PermanentFailureException (here a subclass) is bad input: never retried");
        seen.Should().NotBeNull();
        seen!.IsPermanent.Should().BeTrue();
        seen.ErrorType.Should().Be(nameof(RefusedForTest));
        seen.Message.Should().Be("Refused file:///etc/passwd: not a link");
    }

    [Theory]
    [InlineData(EngineKind.InMemory)]
    [InlineData(EngineKind.AzureStorage)]
    public async Task Context_TimerStatusGuidAndEvent_BehaveAsOnTheLocalRuntime(EngineKind kind)
    {
        var registry = new WorkflowRegistry()
            .AddWorkflow<string, string>("Waiting", async (context, input) =>
            {
                context.SetCustomStatus(new { stage = "waiting" });
                await context.CreateTimer(context.CurrentUtcDateTime.AddMilliseconds(200));
                Guid id = context.NewGuid();
                string approval = await context.WaitForExternalEvent<string>("approve", TimeSpan.FromMinutes(2));
                string timedOut;
                try
                {
                    await context.WaitForExternalEvent<string>("never", TimeSpan.FromMilliseconds(200));
                    timedOut = "no";
                }
                catch (TimeoutException)
                {
                    timedOut = "yes";
                }

                return $"{input}:{approval}:{timedOut}:{id != Guid.Empty}";
            });
        await using DurableEngine engine = await StartAsync(kind, registry);
        string id = await engine.Client.ScheduleNewOrchestrationInstanceAsync("Waiting", JsonSerializer.SerializeToElement("run"));
        await WaitForStatusAsync(engine, id);

        await engine.Client.RaiseEventAsync(id, "approve", JsonSerializer.SerializeToElement("yes-approved"));
        OrchestrationMetadata done = await engine.WaitForEndAsync(id, Engine.RunTimeout);

        done.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Completed, done.FailureDetails?.ErrorMessage);
        DurableEngine.OutputOf(done).GetString().Should().Be("run:yes-approved:yes:True");
        done.SerializedCustomStatus.Should().Contain("waiting");
    }

    private async Task<DurableEngine> StartAsync(EngineKind kind, WorkflowRegistry registry)
    {
        IServiceProvider app = new ServiceCollection().BuildServiceProvider();
        return await Engine.StartAsync(kind, azurite, tasks => tasks.AddWorkflows(registry, app));
    }

    private static async Task<OrchestrationMetadata> RunAsync<T>(DurableEngine engine, string workflow, T input)
    {
        string id = await engine.Client.ScheduleNewOrchestrationInstanceAsync(workflow, JsonSerializer.SerializeToElement(input));
        return await engine.WaitForEndAsync(id, Engine.RunTimeout);
    }

    private static async Task WaitForStatusAsync(DurableEngine engine, string id)
    {
        using var timeout = new CancellationTokenSource(Engine.RunTimeout);
        while (true)
        {
            OrchestrationMetadata? now = await engine.Client.GetInstanceAsync(id, getInputsAndOutputs: true, timeout.Token);
            if (now?.SerializedCustomStatus is not null)
            {
                return;
            }

            await Task.Delay(50, timeout.Token);
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while (value > (seen = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }

    private sealed class RefusedForTest(string message) : PermanentFailureException(message);
}
