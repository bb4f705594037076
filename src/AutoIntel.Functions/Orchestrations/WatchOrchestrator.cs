using System.Text.Json;
using AutoIntel.Workflows.AutoIntel;
using AutoIntel.Workflows.AutoIntel.Watch;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace AutoIntel.Functions.Orchestrations;

/// <summary>The Durable orchestrator function of a watch (<see cref="WatchWorkflow"/>): poll, run new items, durable timer, continue as new.</summary>
public sealed class WatchOrchestrator(OrchestrationRunner runner)
{
    /// <summary>Runs (or replays) one generation of a watch.</summary>
    [Function(WorkflowNames.Watch)]
    public Task<JsonElement> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context) =>
        runner.RunAsync(WorkflowNames.Watch, context);
}
