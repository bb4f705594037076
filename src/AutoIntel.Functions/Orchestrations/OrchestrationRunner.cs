using System.Text.Json;
using AutoIntel.Core;
using AutoIntel.Functions.Durable;
using AutoIntel.Workflows.Abstractions;
using Microsoft.DurableTask;

namespace AutoIntel.Functions.Orchestrations;

/// <summary>Runs a registered workflow (the same code the local runtime replays) inside a Durable orchestrator function.</summary>
public sealed class OrchestrationRunner(WorkflowRegistry registry, IServiceProvider services)
{
    /// <summary>Reads the input, runs <paramref name="workflowName"/> over a <see cref="DurableWorkflowContext"/>, and returns its output as JSON.</summary>
    /// <remarks>Deterministic: called on every replay. The workflow class is built from the root container, as the local runtime does.</remarks>
    public async Task<JsonElement> RunAsync(string workflowName, TaskOrchestrationContext context)
    {
        WorkflowDescriptor workflow = registry.Workflows[workflowName];
        object? input = WorkflowPayload.ToObject(context.GetInput<JsonElement?>(), workflow.InputType);
        object? output;
        try
        {
            output = await workflow.Run(services, new DurableWorkflowContext(context, registry), input);
        }
        catch (Exception ex) when (ex is ActivityFailedException or SubWorkflowFailedException && FailureDetails.From(ex).IsPermanent)
        {
            // Durable records only this exception's type: keep a permanent cause recognizable (DurableFailures.IsPermanent) for a
            // parent's retry handler and status, as the local runtime records the original failure.
            throw new PermanentFailureException(ex.Message, ex);
        }

        return DurablePayload.ToElement(output, workflow.OutputType);
    }
}
