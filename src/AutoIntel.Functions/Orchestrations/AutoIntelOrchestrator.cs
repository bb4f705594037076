using System.Text.Json;
using AutoIntel.Workflows.AutoIntel;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace AutoIntel.Functions.Orchestrations;

/// <summary>The Durable orchestrator function of the /autointel workflow (<see cref="AutoIntelWorkflow"/>).</summary>
public sealed class AutoIntelOrchestrator(OrchestrationRunner runner)
{
    /// <summary>Runs (or replays) one /autointel run.</summary>
    [Function(WorkflowNames.AutoIntel)]
    public Task<JsonElement> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context) =>
        runner.RunAsync(WorkflowNames.AutoIntel, context);
}
