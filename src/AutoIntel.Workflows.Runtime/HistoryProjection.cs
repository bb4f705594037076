using System.Text.Json;
using AutoIntel.Workflows.Abstractions;
using AutoIntel.Workflows.Runtime.History;

namespace AutoIntel.Workflows.Runtime;

/// <summary>Folds an instance's history into the status clients see; status is never stored separately.</summary>
public static class HistoryProjection
{
    /// <summary>The status described by <paramref name="events"/>, or null for an empty history.</summary>
    public static InstanceStatus? Project(string instanceId, IReadOnlyList<HistoryEvent> events)
    {
        var projector = new HistoryProjector(instanceId);
        projector.Apply(events);
        return projector.Status();
    }
}

/// <summary>
/// The fold behind <see cref="HistoryProjection"/>, one event at a time, so a running instance's status can follow its appends
/// instead of re-reading its whole history on every status read.
/// </summary>
/// <remarks>
/// It keeps only what a status shows (one small entry per activity, the custom status, the output): activity inputs and results
/// are not retained. Not thread-safe; <see cref="LiveStatusLog"/> serialises its use.
/// </remarks>
public sealed class HistoryProjector(string instanceId)
{
    private readonly List<ActivityBuilder> _activities = [];
    private readonly Dictionary<int, ActivityBuilder> _byTaskId = [];
    private ExecutionStarted? _started;
    private RuntimeStatus _state = RuntimeStatus.Running;
    private JsonElement? _custom;
    private JsonElement? _output;
    private FailureDetails? _failure;
    private DateTime? _completedAt;
    private DateTime _lastUpdated;
    private bool _empty = true;
    private bool _notStartedFirst;

    /// <summary>Folds <paramref name="events"/> (the next ones of the history, in order) into the status.</summary>
    public void Apply(IReadOnlyList<HistoryEvent> events)
    {
        for (var i = 0; i < events.Count; i++)
        {
            Apply(events[i]);
        }
    }

    /// <summary>The status so far, or null for an empty history (or one that does not begin with its start).</summary>
    public InstanceStatus? Status()
    {
        if (_started is null || _notStartedFirst)
        {
            return null;
        }

        return new InstanceStatus(
            instanceId,
            _started.Name,
            _state,
            _started.Input,
            _custom,
            _output,
            _failure,
            _started.Timestamp,
            _lastUpdated,
            _completedAt,
            _activities.ConvertAll(a => a.Build()))
        {
            Version = _started.Version ?? string.Empty,
            ParentInstanceId = _started.ParentInstanceId,
            Generation = _started.Generation,
        };
    }

    private void Apply(HistoryEvent e)
    {
        if (_empty)
        {
            _empty = false;
            _notStartedFirst = e is not ExecutionStarted;
        }

        _lastUpdated = e.Timestamp;
        switch (e)
        {
            case ExecutionStarted s:
                _started ??= s;
                break;
            case TaskScheduled s:
                var builder = new ActivityBuilder(s.TaskId, s.Name, s.Timestamp);
                _byTaskId[s.TaskId] = builder;
                _activities.Add(builder);
                break;
            case TaskStarted s when _byTaskId.TryGetValue(s.TaskId, out var a):
                a.Attempts++;
                a.State = ActivityRunState.Running;
                break;
            case TaskAttemptFailed f when _byTaskId.TryGetValue(f.TaskId, out var a):
                a.State = ActivityRunState.Scheduled;
                a.Error = f.Failure.Message;
                break;
            case TaskCompleted c when _byTaskId.TryGetValue(c.TaskId, out var a):
                a.State = ActivityRunState.Completed;
                a.CompletedAt = c.Timestamp;
                a.Error = null;
                break;
            case TaskFailed f when _byTaskId.TryGetValue(f.TaskId, out var a):
                a.State = ActivityRunState.Failed;
                a.CompletedAt = f.Timestamp;
                a.Error = f.Failure.Message;
                break;
            case CustomStatusSet c:
                _custom = c.Status;
                break;
            case ExecutionCompleted c:
                (_state, _output, _completedAt) = (RuntimeStatus.Completed, c.Output, c.Timestamp);
                break;
            case ExecutionFailed f:
                (_state, _failure, _completedAt) = (RuntimeStatus.Failed, f.Failure, f.Timestamp);
                break;
            case ExecutionTerminated t:
                (_state, _output, _completedAt) = (RuntimeStatus.Terminated, JsonSerializer.SerializeToElement(t.Reason), t.Timestamp);
                break;
        }
    }

    private sealed class ActivityBuilder(int taskId, string name, DateTime scheduledAt)
    {
        public int Attempts { get; set; }

        public ActivityRunState State { get; set; } = ActivityRunState.Scheduled;

        public DateTime? CompletedAt { get; set; }

        public string? Error { get; set; }

        public ActivityStatus Build() => new(taskId, name, State, Attempts, scheduledAt, CompletedAt, Error);
    }
}
