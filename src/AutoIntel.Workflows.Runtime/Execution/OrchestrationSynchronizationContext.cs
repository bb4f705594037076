using System.Collections.Concurrent;

namespace AutoIntel.Workflows.Runtime.Execution;

/// <summary>The orchestration's single-threaded scheduler: continuations queue here and run only when the runner drains them.</summary>
/// <remarks>
/// Every await in orchestration code captures this context, so continuations run one at a time, in the order their
/// tasks completed, on the runner's turn; that is what makes replay reproduce the live scheduling order.
/// </remarks>
internal sealed class OrchestrationSynchronizationContext(Action wake) : SynchronizationContext
{
    private readonly ConcurrentQueue<(SendOrPostCallback Callback, object? State)> _queue = new();
    private volatile bool _running;

    public override void Post(SendOrPostCallback d, object? state)
    {
        _queue.Enqueue((d, state));

        // Only code that escaped the scheduler (Task.Delay, ConfigureAwait(false)) posts from outside a turn.
        if (!_running)
        {
            wake();
        }
    }

    public override void Send(SendOrPostCallback d, object? state) =>
        throw new NotSupportedException("Orchestration code cannot block on its scheduler.");

    public override SynchronizationContext CreateCopy() => this;

    /// <summary>Runs <paramref name="action"/> under this context, then drains every continuation it released.</summary>
    public void Run<TState>(Action<TState> action, TState state)
    {
        var previous = Current;
        SetSynchronizationContext(this);
        _running = true;
        try
        {
            action(state);
            while (_queue.TryDequeue(out var item))
            {
                item.Callback(item.State);
            }
        }
        finally
        {
            _running = false;
            SetSynchronizationContext(previous);
        }

        if (!_queue.IsEmpty)
        {
            wake();
        }
    }
}
