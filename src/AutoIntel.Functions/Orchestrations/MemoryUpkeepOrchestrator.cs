using System.Text.Json;
using AutoIntel.Workflows.AutoIntel.Upkeep;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace AutoIntel.Functions.Orchestrations;

/// <summary>The Durable orchestrator function of memory upkeep (<see cref="MemoryUpkeepWorkflow"/>): durable timer, one pass, continue as new.</summary>
public sealed class MemoryUpkeepOrchestrator(OrchestrationRunner runner)
{
    /// <summary>Runs (or replays) one pass of the schedule.</summary>
    [Function(UpkeepNames.MemoryUpkeep)]
    public Task<JsonElement> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context) =>
        runner.RunAsync(UpkeepNames.MemoryUpkeep, context);
}
