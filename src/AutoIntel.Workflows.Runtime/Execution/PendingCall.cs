using System.Text.Json;
using AutoIntel.Workflows.Abstractions;

namespace AutoIntel.Workflows.Runtime.Execution;

/// <summary>A numbered call (activity or timer) the orchestration is waiting on.</summary>
internal abstract class PendingCall(int taskId, CallKind kind, string? name)
{
    public int TaskId => taskId;

    public CallKind Kind => kind;

    public string? Name => name;

    public abstract void Complete(JsonElement? result);

    public abstract void Fail(Exception exception);
}

/// <summary>Whether a numbered call is an activity, a durable timer or a sub-workflow.</summary>
internal enum CallKind
{
    Activity,
    Timer,
    SubWorkflow,
}

/// <summary>An activity or sub-workflow call whose result is typed for the caller.</summary>
internal sealed class ActivityCall<T>(int taskId, string name, JsonElement? input, RetryPolicy retry, CallKind kind = CallKind.Activity, string? childId = null)
    : PendingCall(taskId, kind, name), IActivityCall
{
    private readonly TaskCompletionSource<T> _completion = new();

    public Task<T> Task => _completion.Task;

    public JsonElement? Input => input;

    public RetryPolicy Retry => retry;

    public string? ChildInstanceId => childId;

    public override void Complete(JsonElement? result)
    {
        T value;
        try
        {
            value = WorkflowPayload.To<T>(result);
        }
        catch (JsonException ex)
        {
            _completion.TrySetException(ex);
            return;
        }

        _completion.TrySetResult(value);
    }

    public override void Fail(Exception exception) => _completion.TrySetException(exception);
}

/// <summary>What the runner needs to dispatch an activity or sub-workflow call, whatever its result type.</summary>
internal interface IActivityCall
{
    int TaskId { get; }

    CallKind Kind { get; }

    /// <summary>For a sub-workflow: the child instance's id.</summary>
    string? ChildInstanceId { get; }

    string? Name { get; }

    JsonElement? Input { get; }

    RetryPolicy Retry { get; }
}

/// <summary>A durable timer; <see cref="Fired"/> lets an event wait turn the fire into a timeout.</summary>
internal sealed class TimerCall(int taskId, DateTime fireAt) : PendingCall(taskId, CallKind.Timer, null)
{
    private readonly TaskCompletionSource _completion = new();

    public Task Task => _completion.Task;

    public DateTime FireAt => fireAt;

    public Action? Fired { get; set; }

    public override void Complete(JsonElement? result)
    {
        _completion.TrySetResult();
        Fired?.Invoke();
    }

    public override void Fail(Exception exception) => _completion.TrySetException(exception);

    public void Cancel() => _completion.TrySetCanceled();
}

/// <summary>A call recorded in history, used to check that re-executed code schedules the same thing.</summary>
internal sealed class RecordedCall(CallKind kind, string? name, JsonElement? input, DateTime fireAt, string? childId = null)
{
    public string? ChildInstanceId => childId;

    public CallKind Kind => kind;

    public string? Name => name;

    public JsonElement? Input => input;

    public DateTime FireAt => fireAt;

    public int FailedAttempts { get; set; }

    public bool Matched { get; set; }

    public string Describe() => Describe(Kind, Name);

    public static string Describe(CallKind kind, string? name) => kind switch
    {
        CallKind.Timer => "a timer",
        CallKind.SubWorkflow => $"sub-workflow '{name}'",
        _ => $"activity '{name}'",
    };
}
