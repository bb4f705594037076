using System.Text.Json;
using System.Threading.Channels;
using AutoIntel.Workflows.Abstractions;
using AutoIntel.Workflows.Runtime.History;
using Microsoft.Extensions.Logging;

namespace AutoIntel.Workflows.Runtime.Execution;

/// <summary>Runs one instance: replays its history, then turns worker outcomes and events into history, one batch at a time.</summary>
/// <remarks>
/// Each turn drains every message waiting, delivers them to the orchestration one by one (draining its continuations after each),
/// writes all resulting events in one append (group commit), and only then dispatches the new calls.
/// </remarks>
internal sealed class InstanceRunner : IDisposable
{
    private const int MaxMessagesPerBatch = 4096;
    private readonly Channel<InstanceMessage> _inbox = Channel.CreateUnbounded<InstanceMessage>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Dictionary<int, ITimer> _timers = [];
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // Pending from construction: the runtime lists a runner before starting it, and a waiter that finds it then must wait.
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _cancellation;
    private readonly CancellationToken _shutdown;

    // Kept apart from its source: workers may still read calls of this instance from the queue after the runner is disposed,
    // and a token (unlike CancellationTokenSource.Token) stays readable, and cancelled, after its source is disposed.
    private readonly CancellationToken _cancellationToken;
    private readonly RuntimeServices _runtime;
    private readonly WorkflowDescriptor _workflow;
    private readonly IHistoryLog _log;
    private readonly IReadOnlyList<HistoryEvent> _history;
    private readonly HistoryEvent? _resumed;
    private readonly OrchestrationSynchronizationContext _scheduler;
    private readonly ILogger _logger;
    private OrchestrationContext? _context;
    private DateTime _lastTime;
    private bool _terminal;

    // Continue-as-new: the next execution's input, from the code (live) or from a recorded ExecutionContinuedAsNew (resume).
    private JsonElement? _nextInput;
    private bool _continuing;
    private ExecutionContinuedAsNew? _recordedContinuation;
    private bool _handedOver;

    public InstanceRunner(RuntimeServices runtime, WorkflowDescriptor workflow, IHistoryLog log, IReadOnlyList<HistoryEvent> history, HistoryEvent? resumed, CancellationToken shutdown)
    {
        _runtime = runtime;
        _workflow = workflow;
        _log = log;
        _history = history;
        _resumed = resumed;
        _shutdown = shutdown;
        _cancellation = CancellationTokenSource.CreateLinkedTokenSource(shutdown);
        _cancellationToken = _cancellation.Token;
        _scheduler = new OrchestrationSynchronizationContext(() => Post(new InstanceMessage(InstanceMessageKind.Wake)));
        _logger = runtime.LoggerFactory.CreateLogger<InstanceRunner>();
    }

    public string InstanceId => _log.InstanceId;

    /// <summary>Cancelled when the instance ends, is terminated, or the runtime stops; activity attempts observe it.</summary>
    public CancellationToken Cancellation => _cancellationToken;

    /// <summary>Completes once the history has been replayed and the first batch written (faults on a store error).</summary>
    public Task Ready => _ready.Task;

    /// <summary>Completes when the runner stops: the instance ended, or the runtime is shutting down; pending until then, started or not.</summary>
    public Task Completion => _completion.Task;

    /// <summary>Runs the instance on the thread pool; <see cref="Completion"/> follows that run.</summary>
    public void Start() => _ = Task.Run(RunAsync).ContinueWith(
        static (run, state) => ((TaskCompletionSource)state!).SetFromTask(run),
        _completion,
        CancellationToken.None,
        TaskContinuationOptions.ExecuteSynchronously,
        TaskScheduler.Default);

    /// <summary>Queues a message; false once the runner has closed its inbox to hand over to the next generation.</summary>
    public bool Post(InstanceMessage message) => _inbox.Writer.TryWrite(message);

    public void Dispose() => _cancellation.Dispose();

    private async Task RunAsync()
    {
        try
        {
            Replay();
            await FlushAsync();
            _ready.TrySetResult();
            var reader = _inbox.Reader;
            while (!_terminal && await reader.WaitToReadAsync(_cancellation.Token))
            {
                var now = Now();
                var count = 0;
                while (!_terminal && count++ < MaxMessagesPerBatch && reader.TryRead(out var message))
                {
                    Process(message, now);
                }

                await FlushAsync();
            }

            if (_continuing && !_shutdown.IsCancellationRequested)
            {
                await ContinueAsNewAsync();
            }
        }
        catch (OperationCanceledException) when (_cancellation.IsCancellationRequested)
        {
            // Runtime shutdown: what is written stays; the instance resumes from it later.
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "Runner of instance {InstanceId} stopped; the instance can be resumed", InstanceId);
            _ready.TrySetException(ex);
        }
        finally
        {
            await _cancellation.CancelAsync();
            foreach (var timer in _timers.Values)
            {
                await timer.DisposeAsync();
            }

            if (!_handedOver)
            {
                await _log.DisposeAsync();
            }

            _ready.TrySetResult();
        }
    }

    private void Replay()
    {
        var started = (ExecutionStarted)_history[0];
        var recorded = new Dictionary<int, RecordedCall>();
        string? customStatus = null;
        foreach (var e in _history)
        {
            switch (e)
            {
                case TaskScheduled s:
                    recorded[s.TaskId] = new RecordedCall(CallKind.Activity, s.Name, s.Input, default);
                    break;
                case SubWorkflowScheduled s:
                    recorded[s.TaskId] = new RecordedCall(CallKind.SubWorkflow, s.Name, s.Input, default, s.InstanceId);
                    break;
                case SubWorkflowAttemptFailed f when recorded.TryGetValue(f.TaskId, out var child):
                    child.FailedAttempts++;
                    break;
                case TimerCreated t:
                    recorded[t.TaskId] = new RecordedCall(CallKind.Timer, null, null, t.FireAt);
                    break;
                case TaskAttemptFailed f when recorded.TryGetValue(f.TaskId, out var call):
                    call.FailedAttempts++;
                    break;
                case CustomStatusSet c:
                    customStatus = c.Status?.GetRawText();
                    break;
            }
        }

        var context = _context = new OrchestrationContext(
            InstanceId, recorded, customStatus, _runtime.Options.DefaultRetry, _runtime.LoggerFactory, started.Version ?? string.Empty, started.Generation);
        _lastTime = _history[^1].Timestamp;
        if (_history[^1] is ExecutionContinuedAsNew continued)
        {
            // The process stopped between recording the switch and replacing the file: finish the switch, run no code.
            _recordedContinuation = continued;
            (_nextInput, _continuing, _terminal) = (continued.Input, true, true);
            return;
        }

        if (_resumed is not null)
        {
            context.NewEvents.Add(_resumed);
            _lastTime = _resumed.Timestamp;
        }

        context.RecordTime = _lastTime;
        for (var i = 0; i < _history.Count && context.NonDeterminism is null; i++)
        {
            var e = _history[i];

            // The code after the last event was never recorded: it runs live (and logs).
            context.IsReplaying = i < _history.Count - 1;
            context.CurrentUtcDateTime = e.Timestamp;
            Deliver(e);
        }

        context.IsReplaying = false;
        context.CheckAllRecordedCallsMade();
        CheckEnded();
        if (_terminal)
        {
            return;
        }

        foreach (var (call, rec) in context.OpenRecordedCalls())
        {
            if (call is TimerCall timer)
            {
                context.TimersToArm.Add(timer);
            }
            else if (call is IActivityCall { Kind: CallKind.SubWorkflow } child)
            {
                // The child may have ended, still run, or (stopped mid-start) not exist: the host adopts or starts it.
                _runtime.Host.WatchChild(this, child, rec.FailedAttempts + 1);
            }
            else if (call is IActivityCall activity)
            {
                // At least once: a call in flight when the last run stopped runs again, from its next attempt.
                _runtime.Pool.Enqueue(new ActivityWorkItem(this, activity.TaskId, activity.Name!, rec.Input, activity.Retry, rec.FailedAttempts + 1));
            }
        }
    }

    private void Deliver(HistoryEvent e)
    {
        var context = _context!;
        switch (e)
        {
            case ExecutionStarted s:
                _scheduler.Run(static x => x.Context.Start(x.Start), (Context: context, Start: (_workflow, _runtime.Services, s.Input)));
                break;
            case TaskCompleted c:
                _scheduler.Run(static s => s.Context.DeliverCompleted(s.Event.TaskId, s.Event.Result), (Context: context, Event: c));
                break;
            case TaskFailed f:
                _scheduler.Run(static s => s.Context.DeliverFailed(s.Event.TaskId, s.Event.Failure), (Context: context, Event: f));
                break;
            case SubWorkflowCompleted c:
                _scheduler.Run(static s => s.Context.DeliverCompleted(s.Event.TaskId, s.Event.Result), (Context: context, Event: c));
                break;
            case SubWorkflowFailed f:
                _scheduler.Run(static s => s.Context.DeliverFailed(s.Event.TaskId, s.Event.Failure), (Context: context, Event: f));
                break;
            case TimerFired t:
                _scheduler.Run(static s => s.Context.DeliverTimerFired(s.Event.TaskId), (Context: context, Event: t));
                break;
            case EventRaised r:
                _scheduler.Run(static s => s.Context.DeliverEvent(s.Event.Name, s.Event.Payload), (Context: context, Event: r));
                break;
        }
    }

    private void Process(InstanceMessage m, DateTime now)
    {
        var context = _context!;
        context.CurrentUtcDateTime = now;
        context.RecordTime = now;
        var events = context.NewEvents;
        switch (m.Kind)
        {
            case InstanceMessageKind.TaskStarted:
                events.Add(new TaskStarted(now, m.TaskId, m.Attempt, _runtime.Session));
                return;
            case InstanceMessageKind.TaskAttemptFailed:
                events.Add(new TaskAttemptFailed(now, m.TaskId, m.Attempt, m.Failure!));
                return;
            case InstanceMessageKind.TaskCompleted:
                Record(new TaskCompleted(now, m.TaskId, m.Value));
                break;
            case InstanceMessageKind.TaskFailed:
                Record(new TaskFailed(now, m.TaskId, m.Failure!));
                break;
            case InstanceMessageKind.SubWorkflowAttemptFailed:
                events.Add(new SubWorkflowAttemptFailed(now, m.TaskId, m.Attempt, m.Failure!));
                return;
            case InstanceMessageKind.SubWorkflowCompleted when context.IsWaitingFor(m.TaskId):
                Record(new SubWorkflowCompleted(now, m.TaskId, m.Value));
                break;
            case InstanceMessageKind.SubWorkflowFailed when context.IsWaitingFor(m.TaskId):
                Record(new SubWorkflowFailed(now, m.TaskId, m.Failure!));
                break;
            case InstanceMessageKind.TimerFired:
                if (_timers.Remove(m.TaskId, out var timer))
                {
                    timer.Dispose();
                }

                if (context.IsWaitingFor(m.TaskId))
                {
                    Record(new TimerFired(now, m.TaskId));
                }

                break;
            case InstanceMessageKind.EventRaised:
                Record(new EventRaised(now, m.Name!, m.Value));
                break;
            case InstanceMessageKind.Terminate:
                events.Add(new ExecutionTerminated(now, m.Name ?? string.Empty));
                _terminal = true;
                return;
            case InstanceMessageKind.Wake:
                _scheduler.Run(static _ => { }, 0);
                break;
        }

        CheckEnded();
    }

    private void Record(HistoryEvent e)
    {
        _context!.NewEvents.Add(e);
        Deliver(e);
    }

    private void CheckEnded()
    {
        var context = _context!;
        if (_terminal)
        {
            return;
        }

        if (context.NonDeterminism is { } divergence)
        {
            context.NewEvents.Add(new ExecutionFailed(context.RecordTime, FailureDetails.From(divergence)));
            _terminal = true;
        }
        else if (context.RunTask is { IsCompletedSuccessfully: true } && context.Continuation.Requested)
        {
            // As on Durable: the return value is discarded; RunAsync records the switch once this turn is written.
            (_nextInput, _continuing, _terminal) = (context.Continuation.Input, true, true);
        }
        else if (context.RunTask is { IsCompleted: true } run)
        {
            HistoryEvent end;
            if (run.IsCompletedSuccessfully)
            {
                try
                {
                    end = new ExecutionCompleted(context.RecordTime, WorkflowPayload.ToElement(run.Result, _workflow.OutputType));
                }
                catch (Exception ex)
                {
                    end = new ExecutionFailed(context.RecordTime, FailureDetails.From(ex));
                }
            }
            else
            {
                end = new ExecutionFailed(context.RecordTime, FailureDetails.From((Exception?)run.Exception ?? new TaskCanceledException(run)));
            }

            context.NewEvents.Add(end);
            _terminal = true;
        }
    }

    private async Task FlushAsync()
    {
        var context = _context!;
        if (context.NewEvents.Count > 0)
        {
            // Not cancellable: a batch is written whole (or torn, which readers tolerate), never abandoned half-way by us.
            await _log.AppendAsync(context.NewEvents, _runtime.Options.FlushToDisk, CancellationToken.None);
            context.NewEvents.Clear();
        }

        if (_terminal)
        {
            context.ActivitiesToDispatch.Clear();
            context.TimersToArm.Clear();
            await _cancellation.CancelAsync();
            return;
        }

        foreach (var call in context.ActivitiesToDispatch)
        {
            if (call.Kind == CallKind.SubWorkflow)
            {
                _runtime.Host.WatchChild(this, call, 1);
            }
            else
            {
                _runtime.Pool.Enqueue(new ActivityWorkItem(this, call.TaskId, call.Name!, call.Input, call.Retry, 1));
            }
        }

        context.ActivitiesToDispatch.Clear();
        foreach (var timer in context.TimersToArm)
        {
            Arm(timer);
        }

        context.TimersToArm.Clear();
        foreach (var id in context.TimersToCancel)
        {
            if (_timers.Remove(id, out var timer))
            {
                await timer.DisposeAsync();
            }
        }

        context.TimersToCancel.Clear();
    }

    /// <summary>
    /// Ends this execution and starts the next: records <see cref="ExecutionContinuedAsNew"/> in the old generation, writes the
    /// new one (start + carried events) over it atomically, and hands the log to a new runner.
    /// </summary>
    /// <remarks>
    /// The inbox closes first, so events raised from now on go to the successor (clients retry on it), and events that were
    /// queued but not yet processed are carried over with the unreceived ones. A queued termination wins over the switch.
    /// </remarks>
    private async Task ContinueAsNewAsync()
    {
        _inbox.Writer.TryComplete();
        var now = Now();
        var carried = _recordedContinuation?.Carried.ToList()
            ?? [.. _context!.UnreceivedEvents().Select(e => new EventRaised(now, e.Name, e.Payload))];
        string? terminateReason = null;
        while (_inbox.Reader.TryRead(out var message))
        {
            if (message.Kind == InstanceMessageKind.EventRaised)
            {
                carried.Add(new EventRaised(now, message.Name!, message.Value));
            }
            else if (message.Kind == InstanceMessageKind.Terminate)
            {
                terminateReason ??= message.Name ?? string.Empty;
            }
        }

        if (terminateReason is not null)
        {
            await _log.AppendAsync([new ExecutionTerminated(now, terminateReason)], _runtime.Options.FlushToDisk, CancellationToken.None);
            return;
        }

        if (_recordedContinuation is null)
        {
            await _log.AppendAsync([new ExecutionContinuedAsNew(now, _nextInput, carried)], _runtime.Options.FlushToDisk, CancellationToken.None);
        }

        var started = (ExecutionStarted)_history[0];
        List<HistoryEvent> next =
        [
            new ExecutionStarted(
                now,
                _workflow.Name,
                _nextInput,
                _workflow.Version.Length == 0 ? null : _workflow.Version,
                started.ParentInstanceId,
                started.Generation + 1),
            .. carried.Select(e => e with { Timestamp = now }),
        ];
        await _log.ReplaceAsync(next, _runtime.Options.FlushToDisk, CancellationToken.None);
        _handedOver = _runtime.Host.ContinueAsNew(_workflow, _log, next);
    }

    private void Arm(TimerCall call)
    {
        var delay = call.FireAt - _runtime.Time.GetUtcNow().UtcDateTime;
        if (delay <= TimeSpan.Zero)
        {
            Post(new InstanceMessage(InstanceMessageKind.TimerFired, call.TaskId));
            return;
        }

        _timers[call.TaskId] = _runtime.Time.CreateTimer(
            static state =>
            {
                var (runner, id) = ((InstanceRunner, int))state!;
                runner.Post(new InstanceMessage(InstanceMessageKind.TimerFired, id));
            },
            (this, call.TaskId),
            delay,
            Timeout.InfiniteTimeSpan);
    }

    private DateTime Now()
    {
        var now = _runtime.Time.GetUtcNow().UtcDateTime;
        _lastTime = now > _lastTime ? now : _lastTime;
        return _lastTime;
    }
}
