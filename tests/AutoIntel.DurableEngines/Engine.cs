using AutoIntel.TestKit;
using DurableTask.Core;
using Microsoft.DurableTask;

namespace AutoIntel.DurableEngines;

/// <summary>Starts engines of either kind; each call gets a fresh backend (a new task hub on Azure Storage).</summary>
public static class Engine
{
    /// <summary>Under Azurite load the Azure Storage backend can stall for over a minute on one core: waits are generous.</summary>
    public static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(4);

    /// <param name="activityConcurrency">Activities the backend and the worker run at once.</param>
    public static async Task<DurableEngine> StartAsync(EngineKind kind, AzuriteServer azurite, Action<DurableTaskRegistry> tasks, int activityConcurrency = Backends.ActivityConcurrency)
    {
        IOrchestrationService backend = kind switch
        {
            EngineKind.InMemory => Backends.InMemory(activityConcurrency),
            _ => await Backends.AzureStorageAsync(azurite.ConnectionString, NewTaskHubName(), activityConcurrency),
        };
        return await DurableEngine.StartAsync(backend, tasks, 2 * activityConcurrency);
    }

    /// <summary>A task hub name Azure accepts (letters and digits, starting with a letter, 3–45 characters).</summary>
    public static string NewTaskHubName() => "hub" + Guid.NewGuid().ToString("N")[..20];
}
