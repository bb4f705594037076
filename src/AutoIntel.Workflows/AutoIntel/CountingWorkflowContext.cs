using AutoIntel.Workflows.Abstractions;
using Microsoft.Extensions.Logging;

namespace AutoIntel.Workflows.AutoIntel;

/// <summary>Passes everything to the run's context, counts the activities a stage schedules (for the timing table) and hands each
/// the stage's trace context (<see cref="TracedActivityInput"/>), so its span hangs under the stage's.</summary>
internal sealed class CountingWorkflowContext(IWorkflowContext inner, string? traceParent = null) : IWorkflowContext
{
    /// <summary>Activities scheduled through this context.</summary>
    public int ActivityCount { get; private set; }

    public string InstanceId => inner.InstanceId;

    public DateTime CurrentUtcDateTime => inner.CurrentUtcDateTime;

    public bool IsReplaying => inner.IsReplaying;

    public string Version => inner.Version;

    public Task<TResult> CallActivityAsync<TResult>(string name, object? input, RetryPolicy? retry = null)
    {
        ActivityCount++;
        return inner.CallActivityAsync<TResult>(name, TracedActivityInput.Wrap(input, traceParent), retry);
    }

    public Task<TResult> CallSubWorkflowAsync<TResult>(string name, object? input, string? instanceId = null, RetryPolicy? retry = null) =>
        inner.CallSubWorkflowAsync<TResult>(name, input, instanceId, retry);

    public void ContinueAsNew(object? input) => inner.ContinueAsNew(input);

    public Task CreateTimer(DateTime fireAtUtc, CancellationToken cancellationToken = default) => inner.CreateTimer(fireAtUtc, cancellationToken);

    public Task<T> WaitForExternalEvent<T>(string name, TimeSpan? timeout = null) => inner.WaitForExternalEvent<T>(name, timeout);

    public void SetCustomStatus(object? status) => inner.SetCustomStatus(status);

    public Guid NewGuid() => inner.NewGuid();

    public ILogger CreateReplaySafeLogger(string categoryName) => inner.CreateReplaySafeLogger(categoryName);
}
