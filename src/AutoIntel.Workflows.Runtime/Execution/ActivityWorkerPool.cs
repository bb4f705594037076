using System.Threading.Channels;
using AutoIntel.Core;
using AutoIntel.Workflows.Abstractions;

namespace AutoIntel.Workflows.Runtime.Execution;

/// <summary>A fixed set of workers running activity attempts from one queue, so at most N attempts run at once.</summary>
/// <remarks>Retry delays wait off the workers (a timer re-queues the next attempt), so a backing-off call holds no slot.</remarks>
internal sealed class ActivityWorkerPool : IAsyncDisposable
{
    private readonly Channel<ActivityWorkItem> _queue;
    private readonly WorkflowRegistry _registry;
    private readonly IServiceProvider _services;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task[] _workers;

    public ActivityWorkerPool(WorkflowRegistry registry, IServiceProvider services, TimeProvider time, int workers)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        _registry = registry;
        _services = services;
        _time = time;
        _queue = Channel.CreateUnbounded<ActivityWorkItem>(new UnboundedChannelOptions { SingleReader = workers == 1 });
        _workers = new Task[workers];
        for (var i = 0; i < workers; i++)
        {
            _workers[i] = Task.Run(WorkAsync);
        }
    }

    public void Enqueue(ActivityWorkItem item) => _queue.Writer.TryWrite(item);

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _stop.CancelAsync();
        await Task.WhenAll(_workers);
        _stop.Dispose();
    }

    private static FailureDetails TimedOut(ActivityWorkItem item) =>
        new(nameof(TimeoutException), $"Activity '{item.Name}' attempt {item.Attempt} timed out after {item.Retry.AttemptTimeout}.", false);

    private async Task WorkAsync()
    {
        var reader = _queue.Reader;
        try
        {
            while (await reader.WaitToReadAsync(_stop.Token))
            {
                while (reader.TryRead(out var item))
                {
                    await RunAttemptAsync(item);
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Shutting down: queued attempts stay recorded as scheduled and run again on resume.
        }
    }

    private async Task RunAttemptAsync(ActivityWorkItem item)
    {
        var owner = item.Owner;
        var instanceToken = owner.Cancellation;
        if (instanceToken.IsCancellationRequested)
        {
            return;
        }

        owner.Post(new InstanceMessage(InstanceMessageKind.TaskStarted, item.TaskId, item.Attempt));
        using var timeout = item.Retry.AttemptTimeout is { } limit ? new CancellationTokenSource(limit, _time) : null;
        using var linked = timeout is null ? null : CancellationTokenSource.CreateLinkedTokenSource(instanceToken, timeout.Token);
        var attemptToken = linked?.Token ?? instanceToken;
        var (traceParent, storedInput) = TracedActivityInput.Unwrap(item.Input);
        var context = new ActivityContext(owner.InstanceId, item.Name, item.Attempt, attemptToken);
        using var span = ActivityTracing.StartAttempt(context, traceParent);
        FailureDetails failure;
        try
        {
            if (!_registry.Activities.TryGetValue(item.Name, out var activity))
            {
                throw new PermanentFailureException($"Activity '{item.Name}' is not registered.");
            }

            var input = WorkflowPayload.ToObject(storedInput, activity.InputType);

            // WaitAsync: an attempt that ignores its token is abandoned on timeout or shutdown rather than awaited forever.
            var result = await activity.Run(_services, context, input).WaitAsync(attemptToken);
            owner.Post(new InstanceMessage(InstanceMessageKind.TaskCompleted, item.TaskId, item.Attempt, WorkflowPayload.ToElement(result, activity.OutputType)));
            return;
        }
        catch (Exception) when (instanceToken.IsCancellationRequested)
        {
            // Terminated or shutting down: nothing is recorded, so a resumed instance runs the call again.
            return;
        }
        catch (OperationCanceledException ex) when (timeout?.IsCancellationRequested == true)
        {
            failure = TimedOut(item);
            ActivityTracing.Fail(span, ex);
        }
        catch (Exception ex)
        {
            failure = FailureDetails.From(ex);
            ActivityTracing.Fail(span, ex);
        }

        if (failure.IsPermanent || item.Attempt >= Math.Max(1, item.Retry.MaxAttempts))
        {
            owner.Post(new InstanceMessage(InstanceMessageKind.TaskFailed, item.TaskId, item.Attempt, Failure: failure));
            return;
        }

        owner.Post(new InstanceMessage(InstanceMessageKind.TaskAttemptFailed, item.TaskId, item.Attempt, Failure: failure));
        var next = item with { Attempt = item.Attempt + 1 };
        var delay = item.Retry.DelayBefore(next.Attempt);
        if (delay <= TimeSpan.Zero)
        {
            Enqueue(next);
        }
        else
        {
            _ = RetryLaterAsync(next, delay, instanceToken);
        }
    }

    private async Task RetryLaterAsync(ActivityWorkItem next, TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, _time, cancellationToken);
            Enqueue(next);
        }
        catch (OperationCanceledException)
        {
            // The instance ended while backing off.
        }
    }
}
