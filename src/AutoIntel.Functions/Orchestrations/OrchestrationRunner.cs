using System.Text.Json;
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
        object? output = await workflow.Run(services, new DurableWorkflowContext(context), input);
        return DurablePayload.ToElement(output, workflow.OutputType);
    }
}
