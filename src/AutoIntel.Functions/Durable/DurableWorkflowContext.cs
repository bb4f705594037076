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
internal sealed class DurableWorkflowContext(TaskOrchestrationContext context, WorkflowRegistry registry) : IWorkflowContext
{
    public string InstanceId => context.InstanceId;

    public DateTime CurrentUtcDateTime => context.CurrentUtcDateTime;

    public bool IsReplaying => context.IsReplaying;

    // Durable records the version given at start (StartOrchestrationOptions.Version) in the instance's ExecutionStarted event.
    public string Version => context.Version ?? string.Empty;

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

    public async Task<TResult> CallSubWorkflowAsync<TResult>(string name, object? input, string? instanceId = null, RetryPolicy? retry = null)
    {
        // As the local runtime: the default id takes a deterministic GUID, so replays and later NewGuid() calls agree.
        string childId = instanceId is null ? SubWorkflowIds.For(InstanceId, context.NewGuid()) : InstanceIds.Validate(instanceId, nameof(instanceId));
        TaskOptions? retryOptions = DurableRetry.ToTaskOptions(retry);
        SubOrchestrationOptions options = retryOptions is null ? new SubOrchestrationOptions { InstanceId = childId } : new SubOrchestrationOptions(retryOptions, childId);

        // The child starts under its registered version, as a client start would.
        if (registry.Workflows.TryGetValue(name, out WorkflowDescriptor? child) && child.Version.Length > 0)
        {
            options = options with { Version = child.Version };
        }

        JsonElement? result;
        try
        {
            result = await context.CallSubOrchestratorAsync<JsonElement?>(name, DurablePayload.ToElement(input), options);
        }
        catch (TaskFailedException ex)
        {
            throw new SubWorkflowFailedException(name, childId, DurableFailures.From(ex.FailureDetails));
        }

        return WorkflowPayload.To<TResult>(result);
    }

    /// <remarks>
    /// Unprocessed events are preserved, as the local runtime carries them over; the next execution runs the currently
    /// registered version (a fresh history has nothing recorded to stay compatible with).
    /// </remarks>
    public void ContinueAsNew(object? input)
    {
        string? version = registry.Workflows.TryGetValue(context.Name, out WorkflowDescriptor? workflow) ? workflow.Version : null;
        context.ContinueAsNew(new ContinueAsNewOptions
        {
            NewInput = DurablePayload.ToElement(input),
            PreserveUnprocessedEvents = true,
            NewVersion = string.IsNullOrEmpty(version) ? null : version,
        });
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
