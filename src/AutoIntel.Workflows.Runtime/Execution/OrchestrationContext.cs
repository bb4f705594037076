using System.Text.Json;
using AutoIntel.Workflows.Abstractions;
using AutoIntel.Workflows.Runtime.History;
using Microsoft.Extensions.Logging;

namespace AutoIntel.Workflows.Runtime.Execution;

/// <summary>The local runtime's <see cref="IWorkflowContext"/>: numbers calls, checks them against history, and collects new work.</summary>
/// <remarks>Used only on the runner's turn (under <see cref="OrchestrationSynchronizationContext"/>), so it needs no locks.</remarks>
internal sealed class OrchestrationContext(
    string instanceId,
    Dictionary<int, RecordedCall> recorded,
    string? recordedCustomStatus,
    RetryPolicy defaultRetry,
    ILoggerFactory loggerFactory,
    string version,
    int generation) : IWorkflowContext
{
    private readonly Dictionary<int, PendingCall> _open = [];

    // Arrival order across names, so continue-as-new carries unreceived events over in the order they came.
    private readonly LinkedList<(string Name, JsonElement? Payload)> _bufferedEvents = new();
    private readonly Dictionary<string, LinkedList<EventWaiter>> _waiters = new(StringComparer.Ordinal);
    private string? _recordedCustomStatus = recordedCustomStatus;
    private int _nextTaskId;
    private int _guidCounter;

    public string InstanceId => instanceId;

    public DateTime CurrentUtcDateTime { get; set; }

    public bool IsReplaying { get; set; }

    public string Version => version;

    /// <summary>Set once the code asked to continue as new: the input of the next execution.</summary>
    public (JsonElement? Input, bool Requested) Continuation { get; private set; }

    /// <summary>The timestamp given to events the code produces in this turn.</summary>
    public DateTime RecordTime { get; set; }

    /// <summary>Events produced by the code since the runner last took them.</summary>
    public List<HistoryEvent> NewEvents { get; } = [];

    /// <summary>New activity calls to dispatch once the batch is written.</summary>
    public List<IActivityCall> ActivitiesToDispatch { get; } = [];

    /// <summary>New timers to arm once the batch is written.</summary>
    public List<TimerCall> TimersToArm { get; } = [];

    /// <summary>Timers the code no longer waits for.</summary>
    public List<int> TimersToCancel { get; } = [];

    /// <summary>Set when the code diverged from history; the instance fails even if the code catches it.</summary>
    public NonDeterminismException? NonDeterminism { get; private set; }

    /// <summary>The orchestration's own task, once started.</summary>
    public Task<object?>? RunTask { get; private set; }

    /// <summary>Starts the orchestration code with its recorded input.</summary>
    public void Start((WorkflowDescriptor Workflow, IServiceProvider Services, JsonElement? Input) start)
    {
        try
        {
            RunTask = start.Workflow.Run(start.Services, this, WorkflowPayload.ToObject(start.Input, start.Workflow.InputType));
        }
        catch (Exception ex)
        {
            RunTask = Task.FromException<object?>(ex);
        }
    }

    public Task<TResult> CallActivityAsync<TResult>(string name, object? input, RetryPolicy? retry = null)
    {
        var id = _nextTaskId++;
        ActivityCall<TResult> call;
        if (Match(id, CallKind.Activity, name) is { } rec)
        {
            call = new ActivityCall<TResult>(id, name, rec.Input, retry ?? defaultRetry);
        }
        else
        {
            var json = WorkflowPayload.ToElement(input, typeof(object));
            call = new ActivityCall<TResult>(id, name, json, retry ?? defaultRetry);
            NewEvents.Add(new TaskScheduled(RecordTime, id, name, json));
            ActivitiesToDispatch.Add(call);
        }

        _open[id] = call;
        return call.Task;
    }

    public Task<TResult> CallSubWorkflowAsync<TResult>(string name, object? input, string? instanceId = null, RetryPolicy? retry = null)
    {
        // The default id takes a GUID on every run, replay included, so later NewGuid() calls stay the same.
        var childId = instanceId is null ? SubWorkflowIds.For(InstanceId, NewGuid()) : InstanceIds.Validate(instanceId, nameof(instanceId));
        var id = _nextTaskId++;
        ActivityCall<TResult> call;
        if (Match(id, CallKind.SubWorkflow, name) is { } rec)
        {
            // A recorded call keeps its recorded child, even if the code now passes another id.
            call = new ActivityCall<TResult>(id, name, rec.Input, retry ?? defaultRetry, CallKind.SubWorkflow, rec.ChildInstanceId);
        }
        else
        {
            var json = WorkflowPayload.ToElement(input, typeof(object));
            call = new ActivityCall<TResult>(id, name, json, retry ?? defaultRetry, CallKind.SubWorkflow, childId);
            NewEvents.Add(new SubWorkflowScheduled(RecordTime, id, name, childId, json));
            ActivitiesToDispatch.Add(call);
        }

        _open[id] = call;
        return call.Task;
    }

    public void ContinueAsNew(object? input) => Continuation = (WorkflowPayload.ToElement(input, typeof(object)), true);

    public Task CreateTimer(DateTime fireAtUtc, CancellationToken cancellationToken = default)
    {
        var timer = NewTimer(fireAtUtc);
        if (cancellationToken.CanBeCanceled)
        {
            cancellationToken.Register(() => CancelTimer(timer));
        }

        return timer.Task;
    }

    public Task<T> WaitForExternalEvent<T>(string name, TimeSpan? timeout = null)
    {
        for (var buffered = _bufferedEvents.First; buffered is not null; buffered = buffered.Next)
        {
            if (string.Equals(buffered.Value.Name, name, StringComparison.Ordinal))
            {
                _bufferedEvents.Remove(buffered);
                var waiterNow = new EventWaiter<T>(name);
                waiterNow.Complete(buffered.Value.Payload);
                return waiterNow.Task;
            }
        }

        var waiter = new EventWaiter<T>(name);
        if (!_waiters.TryGetValue(name, out var list))
        {
            _waiters[name] = list = new LinkedList<EventWaiter>();
        }

        var node = list.AddLast(waiter);
        if (timeout is { } span && span != Timeout.InfiniteTimeSpan)
        {
            var timer = NewTimer(CurrentUtcDateTime + span);
            waiter.Timer = timer;
            timer.Fired = () =>
            {
                if (node.List is not null)
                {
                    list.Remove(node);
                    waiter.Fail(new TimeoutException($"Event '{name}' was not raised within {span}."));
                }
            };
        }

        return waiter.Task;
    }

    public void SetCustomStatus(object? status)
    {
        var json = WorkflowPayload.ToElement(status, typeof(object));
        var text = json?.GetRawText();
        if (IsReplaying || string.Equals(text, _recordedCustomStatus, StringComparison.Ordinal))
        {
            return;
        }

        _recordedCustomStatus = text;
        NewEvents.Add(new CustomStatusSet(RecordTime, json));
    }

    // Generation 0 keeps the original seed, so GUIDs of instances recorded before continue-as-new existed replay unchanged.
    public Guid NewGuid() => DeterministicGuid.Create(generation == 0 ? instanceId : $"{instanceId}#{generation}", _guidCounter++);

    public ILogger CreateReplaySafeLogger(string categoryName) => new ReplaySafeLogger(this, loggerFactory.CreateLogger(categoryName));

    /// <summary>True while the code still waits for call <paramref name="taskId"/>.</summary>
    public bool IsWaitingFor(int taskId) => _open.ContainsKey(taskId);

    /// <summary>Delivers an activity result (live or replayed).</summary>
    public void DeliverCompleted(int taskId, JsonElement? result) => Take(taskId)?.Complete(result);

    /// <summary>Delivers an activity's or sub-workflow's final failure.</summary>
    public void DeliverFailed(int taskId, FailureDetails failure)
    {
        if (Take(taskId) is { } call)
        {
            call.Fail(call is IActivityCall { Kind: CallKind.SubWorkflow, ChildInstanceId: { } child }
                ? new SubWorkflowFailedException(call.Name ?? string.Empty, child, failure)
                : new ActivityFailedException(call.Name ?? string.Empty, failure));
        }
    }

    /// <summary>Delivers a fired timer; false when nobody waits for it any more.</summary>
    public bool DeliverTimerFired(int taskId)
    {
        var call = Take(taskId);
        call?.Complete(null);
        return call is not null;
    }

    /// <summary>Delivers an external event to the oldest waiter for its name, or buffers it.</summary>
    public void DeliverEvent(string name, JsonElement? payload)
    {
        if (_waiters.TryGetValue(name, out var list) && list.First is { } first)
        {
            list.RemoveFirst();
            if (first.Value.Timer is { } timer)
            {
                CancelTimer(timer);
            }

            first.Value.Complete(payload);
            return;
        }

        _bufferedEvents.AddLast((name, payload));
    }

    /// <summary>Events that arrived but no code has received yet, oldest first (carried over by continue-as-new).</summary>
    public IEnumerable<(string Name, JsonElement? Payload)> UnreceivedEvents() => _bufferedEvents;

    /// <summary>After replay: every recorded call must have been made again by the code.</summary>
    public void CheckAllRecordedCallsMade()
    {
        if (NonDeterminism is not null)
        {
            return;
        }

        foreach (var (id, rec) in recorded.OrderBy(r => r.Key))
        {
            if (!rec.Matched)
            {
                NonDeterminism = new NonDeterminismException(
                    $"Non-deterministic workflow: history has {rec.Describe()} as call {id}, the code does not schedule it");
                return;
            }
        }
    }

    /// <summary>Recorded calls still open after replay: in flight when the previous run stopped, so they run again.</summary>
    public IEnumerable<(PendingCall Call, RecordedCall Recorded)> OpenRecordedCalls() =>
        _open.Where(o => recorded.ContainsKey(o.Key)).OrderBy(o => o.Key).Select(o => (o.Value, recorded[o.Key]));

    private TimerCall NewTimer(DateTime fireAtUtc)
    {
        var fireAt = fireAtUtc.Kind == DateTimeKind.Local ? fireAtUtc.ToUniversalTime() : DateTime.SpecifyKind(fireAtUtc, DateTimeKind.Utc);
        var id = _nextTaskId++;
        TimerCall timer;
        if (Match(id, CallKind.Timer, null) is { } rec)
        {
            timer = new TimerCall(id, rec.FireAt);
        }
        else
        {
            timer = new TimerCall(id, fireAt);
            NewEvents.Add(new TimerCreated(RecordTime, id, fireAt));
            TimersToArm.Add(timer);
        }

        _open[id] = timer;
        return timer;
    }

    private void CancelTimer(TimerCall timer)
    {
        if (_open.Remove(timer.TaskId))
        {
            TimersToCancel.Add(timer.TaskId);
            timer.Cancel();
        }
    }

    private RecordedCall? Match(int id, CallKind kind, string? name)
    {
        if (!recorded.TryGetValue(id, out var rec))
        {
            return null;
        }

        if (rec.Kind != kind || !string.Equals(rec.Name, name, StringComparison.Ordinal))
        {
            var now = kind == CallKind.Timer ? "a timer" : rec.Kind == kind ? $"'{name}'" : RecordedCall.Describe(kind, name);
            throw Diverged($"Non-deterministic workflow: history has {rec.Describe()} as call {id}, the code now schedules {now}");
        }

        rec.Matched = true;
        return rec;
    }

    private PendingCall? Take(int taskId)
    {
        if (_open.Remove(taskId, out var call))
        {
            return call;
        }

        if (taskId >= _nextTaskId && recorded.TryGetValue(taskId, out var rec))
        {
            Diverged($"Non-deterministic workflow: history has {rec.Describe()} as call {taskId}, the code does not schedule it");
        }

        // Already resolved (a timer whose wait ended another way): nothing waits for it.
        return null;
    }

    private NonDeterminismException Diverged(string message)
    {
        NonDeterminism ??= new NonDeterminismException(message);
        return NonDeterminism;
    }

    private abstract class EventWaiter(string name)
    {
        public string Name => name;

        public TimerCall? Timer { get; set; }

        public abstract void Complete(JsonElement? payload);

        public abstract void Fail(Exception exception);
    }

    private sealed class EventWaiter<T>(string name) : EventWaiter(name)
    {
        private readonly TaskCompletionSource<T> _completion = new();

        public Task<T> Task => _completion.Task;

        public override void Complete(JsonElement? payload)
        {
            try
            {
                _completion.TrySetResult(WorkflowPayload.To<T>(payload));
            }
            catch (JsonException ex)
            {
                _completion.TrySetException(ex);
            }
        }

        public override void Fail(Exception exception) => _completion.TrySetException(exception);
    }
}
