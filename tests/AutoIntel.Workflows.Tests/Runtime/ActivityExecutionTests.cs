using System.Collections.Concurrent;
using AutoIntel.Core;
using AutoIntel.TestKit;
using AutoIntel.Workflows.Abstractions;

namespace AutoIntel.Workflows.Tests.Runtime;

public sealed class ActivityExecutionTests
{
    [Theory]
    [InlineData(8, 4)]
    [InlineData(3, 16)]
    [InlineData(5, 1)]
    public async Task FanOut_ManyCalls_PeakConcurrencyIsMinOfCallsAndLimit(int calls, int limit)
    {
        var expected = Math.Min(calls, limit);
        var current = 0;
        var peak = 0;
        var allIn = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var registry = new WorkflowRegistry()
            .AddActivity<int, int>("Work", async (_, _, x) =>
            {
                var now = Interlocked.Increment(ref current);
                InterlockedMax(ref peak, now);
                if (now == expected)
                {
                    allIn.TrySetResult();
                }

                // Nobody leaves until `expected` attempts run at once: a pool that ran fewer in parallel would hang here.
                await allIn.Task.Within();
                Interlocked.Decrement(ref current);
                return x;
            })
            .AddWorkflow<int, int>("FanOut", async (ctx, n) =>
            {
                var results = await Task.WhenAll(Enumerable.Range(1, n).Select(i => ctx.CallActivityAsync<int>("Work", i)));
                return results.Sum();
            });
        await using var harness = new RuntimeHarness(maxConcurrentActivities: limit);

        var status = await RuntimeHarness.RunAsync(harness.Create(registry), "FanOut", calls);

        status.RuntimeStatus.Should().Be(RuntimeStatus.Completed);
        status.Output!.Value.GetInt32().Should().Be(calls * (calls + 1) / 2);
        peak.Should().Be(expected);
    }

    [Fact]
    public async Task Retry_FailsTwiceThenSucceeds_ThreeAttemptsWithExponentialDelays()
    {
        var time = new SignalingTimeProvider();
        var attemptTimes = new ConcurrentQueue<DateTimeOffset>();
        var policy = new RetryPolicy(5, TimeSpan.FromSeconds(1), BackoffCoefficient: 2.0);
        var registry = new WorkflowRegistry()
            .AddActivity<int, string>("Flaky", (_, ctx, _) =>
            {
                attemptTimes.Enqueue(time.GetUtcNow());
                return ctx.Attempt < 3 ? Task.FromException<string>(new InvalidOperationException("flaky")) : Task.FromResult("ok");
            })
            .AddWorkflow<int, string>("Flow", (ctx, x) => ctx.CallActivityAsync<string>("Flaky", x, policy));
        await using var harness = new RuntimeHarness(time: time);
        var runtime = harness.Create(registry);

        var id = (await runtime.StartAsync("Flow", 1)).InstanceId;
        var firstDelay = await time.FireNextTimerAsync();
        var secondDelay = await time.FireNextTimerAsync();
        var status = await runtime.WaitForCompletionAsync(id, CancellationToken.None).Within();

        status.RuntimeStatus.Should().Be(RuntimeStatus.Completed);
        status.Output!.Value.GetString().Should().Be("ok");
        status.Activities.Single().Attempts.Should().Be(3);
        (firstDelay, secondDelay).Should().Be((TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)));
        var t = attemptTimes.ToArray();
        (t[1] - t[0], t[2] - t[0]).Should().Be((TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3)));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(10)]
    public async Task Retry_AlwaysFailing_FailsAfterMaxAttempts(int maxAttempts)
    {
        var calls = 0;
        var registry = new WorkflowRegistry()
            .AddActivity<int, int>("Broken", (_, _, _) =>
            {
                Interlocked.Increment(ref calls);
                return Task.FromException<int>(new InvalidOperationException("boom"));
            })
            .AddWorkflow<int, int>("Flow", (ctx, x) => ctx.CallActivityAsync<int>("Broken", x, new RetryPolicy(maxAttempts, TimeSpan.Zero)));
        await using var harness = new RuntimeHarness();

        var status = await RuntimeHarness.RunAsync(harness.Create(registry), "Flow", 1);

        status.RuntimeStatus.Should().Be(RuntimeStatus.Failed);
        status.Failure!.Should().Match<FailureDetails>(f => f.ErrorType == nameof(InvalidOperationException) && f.Message == "boom");
        status.Activities.Single().Attempts.Should().Be(maxAttempts);
        status.Activities.Single().Status.Should().Be(ActivityRunState.Failed);
        calls.Should().Be(maxAttempts);
    }

    [Fact]
    public async Task Retry_PermanentFailure_IsNotRetried()
    {
        var calls = 0;
        var registry = new WorkflowRegistry()
            .AddActivity<int, int>("BadInput", (_, _, _) =>
            {
                Interlocked.Increment(ref calls);
                return Task.FromException<int>(new PermanentFailureException("unsupported format"));
            })
            .AddWorkflow<int, int>("Flow", (ctx, x) => ctx.CallActivityAsync<int>("BadInput", x, new RetryPolicy(5, TimeSpan.Zero)));
        await using var harness = new RuntimeHarness();

        var status = await RuntimeHarness.RunAsync(harness.Create(registry), "Flow", 1);

        status.RuntimeStatus.Should().Be(RuntimeStatus.Failed);
        status.Failure!.IsPermanent.Should().BeTrue();
        status.Failure.Message.Should().Be("unsupported format");
        calls.Should().Be(1);
    }

    [Fact]
    public async Task InstanceEndsWithCallsStillQueued_QueuedCallsAreDroppedAndTheWorkerStaysHealthy()
    {
        // One worker, held by another instance's call, while the terminated instance's calls wait in the queue: by the time the
        // worker reads them, their runner has ended and been disposed. The worker must drop them and keep working.
        var gate = new TaskCompletionSource();
        var registry = new WorkflowRegistry()
            .AddActivity<int, int>("Hold", async (_, _, x) =>
            {
                await gate.Task;
                return x;
            })
            .AddActivity<int, int>("Echo", (_, _, x) => Task.FromResult(x))
            .AddWorkflow<int, int>("Held", (ctx, x) => ctx.CallActivityAsync<int>("Hold", x))
            .AddWorkflow<int, int>("Fan", async (ctx, x) => (await Task.WhenAll(ctx.CallActivityAsync<int>("Echo", x), ctx.CallActivityAsync<int>("Echo", x))).Sum())
            .AddWorkflow<int, int>("Echo", (ctx, x) => ctx.CallActivityAsync<int>("Echo", x));
        await using var harness = new RuntimeHarness(maxConcurrentActivities: 1);
        var runtime = harness.Create(registry);

        var held = (await runtime.StartAsync("Held", 1)).InstanceId;
        var fan = (await runtime.StartAsync("Fan", 2)).InstanceId;
        await runtime.TerminateAsync(fan, "test");
        (await runtime.WaitForCompletionAsync(fan, CancellationToken.None).Within()).RuntimeStatus.Should().Be(RuntimeStatus.Terminated);
        await Task.Delay(200); // the runner is disposed just after it completes
        gate.SetResult();

        (await runtime.WaitForCompletionAsync(held, CancellationToken.None).Within()).RuntimeStatus.Should().Be(RuntimeStatus.Completed);
        (await RuntimeHarness.RunAsync(runtime, "Echo", 7)).Output!.Value.GetInt32().Should().Be(7, "the worker survived the dropped calls");
    }

    [Fact]
    public async Task ActivityFailure_CaughtByOrchestration_SurfacesAsActivityFailedException()
    {
        var registry = new WorkflowRegistry()
            .AddActivity<int, int>("Broken", (_, _, _) => Task.FromException<int>(new InvalidOperationException("boom")))
            .AddWorkflow<int, string>("Flow", async (ctx, x) =>
            {
                try
                {
                    await ctx.CallActivityAsync<int>("Broken", x);
                    return "no failure";
                }
                catch (ActivityFailedException ex)
                {
                    return $"{ex.ActivityName}: {ex.Failure.Message}";
                }
            });
        await using var harness = new RuntimeHarness();

        var status = await RuntimeHarness.RunAsync(harness.Create(registry), "Flow", 1);

        status.Output!.Value.GetString().Should().Be("Broken: boom");
    }

    [Fact]
    public async Task AttemptTimeout_SlowAttempt_IsCancelledAndRetried()
    {
        var time = new SignalingTimeProvider();
        var firstAttemptCancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var policy = new RetryPolicy(2, TimeSpan.Zero, AttemptTimeout: TimeSpan.FromSeconds(30));
        var registry = new WorkflowRegistry()
            .AddActivity<int, string>("Slow", async (_, ctx, _) =>
            {
                if (ctx.Attempt > 1)
                {
                    return "second attempt";
                }

                try
                {
                    await Task.Delay(Timeout.Infinite, ctx.CancellationToken);
                    return "never";
                }
                catch (OperationCanceledException)
                {
                    firstAttemptCancelled.TrySetResult();
                    throw;
                }
            })
            .AddWorkflow<int, string>("Flow", (ctx, x) => ctx.CallActivityAsync<string>("Slow", x, policy));
        await using var harness = new RuntimeHarness(time: time);
        var runtime = harness.Create(registry);

        var id = (await runtime.StartAsync("Flow", 1)).InstanceId;
        var timeout = await time.FireNextTimerAsync();
        await firstAttemptCancelled.Task.Within();
        var status = await runtime.WaitForCompletionAsync(id, CancellationToken.None).Within();

        timeout.Should().Be(TimeSpan.FromSeconds(30));
        status.RuntimeStatus.Should().Be(RuntimeStatus.Completed);
        status.Output!.Value.GetString().Should().Be("second attempt");
        status.Activities.Single().Attempts.Should().Be(2);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var seen = Volatile.Read(ref target);
        while (value > seen)
        {
            var previous = Interlocked.CompareExchange(ref target, value, seen);
            if (previous == seen)
            {
                return;
            }

            seen = previous;
        }
    }
}
