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
        if (events.Count == 0 || events[0] is not ExecutionStarted started)
        {
            return null;
        }

        var state = RuntimeStatus.Running;
        JsonElement? custom = null;
        JsonElement? output = null;
        FailureDetails? failure = null;
        DateTime? completedAt = null;
        var activities = new List<ActivityBuilder>();
        var byTaskId = new Dictionary<int, ActivityBuilder>();
        foreach (var e in events)
        {
            switch (e)
            {
                case TaskScheduled s:
                    var builder = new ActivityBuilder(s.TaskId, s.Name, s.Timestamp);
                    byTaskId[s.TaskId] = builder;
                    activities.Add(builder);
                    break;
                case TaskStarted s when byTaskId.TryGetValue(s.TaskId, out var a):
                    a.Attempts++;
                    a.State = ActivityRunState.Running;
                    break;
                case TaskAttemptFailed f when byTaskId.TryGetValue(f.TaskId, out var a):
                    a.State = ActivityRunState.Scheduled;
                    a.Error = f.Failure.Message;
                    break;
                case TaskCompleted c when byTaskId.TryGetValue(c.TaskId, out var a):
                    a.State = ActivityRunState.Completed;
                    a.CompletedAt = c.Timestamp;
                    a.Error = null;
                    break;
                case TaskFailed f when byTaskId.TryGetValue(f.TaskId, out var a):
                    a.State = ActivityRunState.Failed;
                    a.CompletedAt = f.Timestamp;
                    a.Error = f.Failure.Message;
                    break;
                case CustomStatusSet c:
                    custom = c.Status;
                    break;
                case ExecutionCompleted c:
                    (state, output, completedAt) = (RuntimeStatus.Completed, c.Output, c.Timestamp);
                    break;
                case ExecutionFailed f:
                    (state, failure, completedAt) = (RuntimeStatus.Failed, f.Failure, f.Timestamp);
                    break;
                case ExecutionTerminated t:
                    (state, output, completedAt) = (RuntimeStatus.Terminated, JsonSerializer.SerializeToElement(t.Reason), t.Timestamp);
                    break;
            }
        }

        return new InstanceStatus(
            instanceId,
            started.Name,
            state,
            started.Input,
            custom,
            output,
            failure,
            started.Timestamp,
            events[^1].Timestamp,
            completedAt,
            activities.ConvertAll(a => a.Build()))
        {
            Version = started.Version ?? string.Empty,
            ParentInstanceId = started.ParentInstanceId,
            Generation = started.Generation,
        };
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
