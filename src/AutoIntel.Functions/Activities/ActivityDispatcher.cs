using System.Text.Json;
using AutoIntel.Functions.Durable;
using AutoIntel.Workflows.Abstractions;
using Microsoft.Azure.Functions.Worker;

namespace AutoIntel.Functions.Activities;

/// <summary>Runs one attempt of a registered activity (the same class the local runtime runs) for a Durable activity function.</summary>
public sealed class ActivityDispatcher(WorkflowRegistry registry)
{
    /// <summary>Runs <paramref name="activityName"/> for the activity function invoked with <paramref name="function"/>.</summary>
    /// <remarks>The activity is built from the invocation's scoped services, disposed when the invocation ends.</remarks>
    public Task<JsonElement> RunAsync(string activityName, JsonElement input, FunctionContext function) =>
        RunAsync(activityName, input, InstanceIdOf(function), function.InstanceServices, function.CancellationToken);

    /// <summary>Deserializes <paramref name="input"/> to the activity's input type, runs it, and returns its result as JSON.</summary>
    /// <remarks>
    /// Durable does not tell an activity which attempt it is, so <see cref="ActivityContext.Attempt"/> is always 1 here
    /// (no activity reads it). A failure simply throws, and the orchestration's retry handler decides (docs/functions.md).
    /// </remarks>
    public async Task<JsonElement> RunAsync(string activityName, JsonElement input, string instanceId, IServiceProvider services, CancellationToken cancellationToken)
    {
        ActivityDescriptor activity = registry.Activities[activityName];
        var context = new ActivityContext(instanceId, activityName, Attempt: 1, cancellationToken);
        var (traceParent, storedInput) = TracedActivityInput.Unwrap(input);
        using var span = ActivityTracing.StartAttempt(context, traceParent);
        try
        {
            object? result = await activity.Run(services, context, WorkflowPayload.ToObject(storedInput, activity.InputType));
            return DurablePayload.ToElement(result, activity.OutputType);
        }
        catch (Exception ex)
        {
            ActivityTracing.Fail(span, ex);
            throw;
        }
    }

    // The trigger's binding data carries the orchestration's instance id (Durable Functions' "instanceId" metadata).
    private static string InstanceIdOf(FunctionContext function) =>
        function.BindingContext.BindingData.TryGetValue("instanceId", out object? id) && id is not null ? id.ToString() ?? string.Empty : string.Empty;
}
