using AutoIntel.DurableEngines;
using AutoIntel.Functions.Durable;
using AutoIntel.Functions.Tests.Adapter;
using AutoIntel.Functions.Tests.Engines;
using AutoIntel.TestKit;
using AutoIntel.Workflows.Abstractions;
using AutoIntel.Workflows.AutoIntel.Upkeep;
using Microsoft.DurableTask.Client;

namespace AutoIntel.Functions.Tests;

/// <summary>
/// Memory upkeep as Azure runs it: the MemoryUpkeepWorkflow orchestrator function and its RunMemoryUpkeep activity from
/// functions.metadata on a real Durable engine, and the hourly timer function that starts the schedule.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class MemoryUpkeepOnEngineTests(AzuriteAccountServer azurite)
{
    [Fact]
    public async Task MemoryUpkeep_OnTheEngine_RunsAPassAfterItsTimerThenSleepsAnotherInterval()
    {
        await using var app = new FunctionsApp(new Dictionary<string, string?> { ["Memory:UpkeepInterval"] = "06:00:00" });
        DurableEngine? running = null;
        await using DurableEngine engine = running = await Engine.StartAsync(EngineKind.InMemory, azurite, tasks => tasks.AddFunctionsApp(app.Services, () => running!.Client));
        var workflows = new DurableWorkflowClient(engine.Client, new WorkflowRegistry().AddMemoryUpkeep());

        // The first pass is due a moment from now; the interval it was started with is replaced by the configured one after it.
        DateTime due = DateTime.UtcNow.AddSeconds(2);
        await workflows.StartAsync(UpkeepNames.MemoryUpkeep, new MemoryUpkeepInput(due, TimeSpan.FromMinutes(1)), UpkeepNames.MemoryUpkeepInstanceId);
        OrchestrationMetadata schedule = await engine.WaitForContinuedAsNewAsync(UpkeepNames.MemoryUpkeepInstanceId, "06:00:00", Engine.RunTimeout);
        await app.MemoryUpkeepScheduleAsync(engine.Client);
        OrchestrationMetadata afterTimer = (await engine.Client.GetInstanceAsync(UpkeepNames.MemoryUpkeepInstanceId, getInputsAndOutputs: true))!;

        schedule.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Running, "the schedule continues as new and sleeps another interval");
        schedule.SerializedInput.Should().Contain("06:00:00", "the next pass is planned with Memory:UpkeepInterval as the pass read it");
        afterTimer.SerializedInput.Should().Be(schedule.SerializedInput, "the hourly timer finds the schedule running and starts no second one");
        await engine.Client.TerminateInstanceAsync(UpkeepNames.MemoryUpkeepInstanceId);
    }

    [Fact]
    public async Task MemoryUpkeepSchedule_Timer_StartsTheScheduleUnlessTheIntervalIsZero()
    {
        await using var on = new FunctionsApp(new Dictionary<string, string?>());
        await using var off = new FunctionsApp(new Dictionary<string, string?> { ["Memory:UpkeepInterval"] = "0" });
        DurableEngine? running = null;
        await using DurableEngine engine = running = await Engine.StartAsync(EngineKind.InMemory, azurite, tasks => tasks.AddFunctionsApp(on.Services, () => running!.Client));

        await off.MemoryUpkeepScheduleAsync(engine.Client);
        OrchestrationMetadata? none = await engine.Client.GetInstanceAsync(UpkeepNames.MemoryUpkeepInstanceId);
        await on.MemoryUpkeepScheduleAsync(engine.Client);
        OrchestrationMetadata started = (await engine.Client.GetInstanceAsync(UpkeepNames.MemoryUpkeepInstanceId, getInputsAndOutputs: true))!;

        none.Should().BeNull("Memory:UpkeepInterval 0 turns the schedule off");
        started.Should().NotBeNull();
        started.SerializedInput.Should().Contain(DateTime.UtcNow.AddHours(6).ToString("yyyy-MM-ddTHH", System.Globalization.CultureInfo.InvariantCulture), "the first pass is one default interval (6 h) away");
        await engine.Client.TerminateInstanceAsync(UpkeepNames.MemoryUpkeepInstanceId);
    }
}
