using System.Text.Json;
using AutoIntel.Workflows.Abstractions;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using RetryPolicy = AutoIntel.Workflows.Abstractions.RetryPolicy;

namespace AutoIntel.Functions.Durable;

/// <summary>Our <see cref="IWorkflowContext"/> over Durable Functions' <see cref="TaskOrchestrationContext"/>, with the local runtime's semantics.</summary>
/// <remarks>
/// Every payload crosses as AutoIntelJson (<see cref="DurablePayload"/>); a failed activity surfaces as
/// <see cref="ActivityFailedException"/> with the same <see cref="FailureDetails"/> shape, and an event wait that times
/// out throws <see cref="TimeoutException"/>, as on the local runtime. Mapping table: docs/functions.md.
/// </remarks>
internal sealed class DurableWorkflowContext(TaskOrchestrationContext context) : IWorkflowContext
{
    public string InstanceId => context.InstanceId;

    public DateTime CurrentUtcDateTime => context.CurrentUtcDateTime;

    public bool IsReplaying => context.IsReplaying;

    public async Task<TResult> CallActivityAsync<TResult>(string name, object? input, RetryPolicy? retry = null)
    {
        // Nullable: an activity with no output (or a JSON null) comes back as a null string, which the data converter turns
        // into null; as a plain JsonElement that would be default(JsonElement) (ValueKind Undefined), which cannot be read.
        JsonElement? result;
        try
        {
            result = await context.CallActivityAsync<JsonElement?>(name, DurablePayload.ToElement(input), DurableRetry.ToTaskOptions(retry));
        }
        catch (TaskFailedException ex)
        {
            throw new ActivityFailedException(name, DurableFailures.From(ex.FailureDetails));
        }

        return WorkflowPayload.To<TResult>(result);
    }

    public Task CreateTimer(DateTime fireAtUtc, CancellationToken cancellationToken = default)
    {
        // As the local runtime: an unspecified kind already is UTC (Durable would otherwise read it as local time).
        DateTime fireAt = fireAtUtc.Kind == DateTimeKind.Local ? fireAtUtc.ToUniversalTime() : DateTime.SpecifyKind(fireAtUtc, DateTimeKind.Utc);
        return context.CreateTimer(fireAt, cancellationToken);
    }

    public async Task<T> WaitForExternalEvent<T>(string name, TimeSpan? timeout = null)
    {
        if (timeout is not { } span || span == Timeout.InfiniteTimeSpan)
        {
            return WorkflowPayload.To<T>(await context.WaitForExternalEvent<JsonElement?>(name));
        }

        try
        {
            return WorkflowPayload.To<T>(await context.WaitForExternalEvent<JsonElement?>(name, span));
        }
        catch (OperationCanceledException)
        {
            // Durable cancels the wait when its timeout timer fires (TaskCanceledException from TaskOrchestrationContext's
            // WaitForExternalEvent(name, TimeSpan)); the local runtime reports a timeout.
            throw new TimeoutException($"Event '{name}' was not raised within {span}.");
        }
    }

    public void SetCustomStatus(object? status) =>
        context.SetCustomStatus(status is null ? null : DurablePayload.ToElement(status));

    public Guid NewGuid() => context.NewGuid();

    public ILogger CreateReplaySafeLogger(string categoryName) => context.CreateReplaySafeLogger(categoryName);
}
