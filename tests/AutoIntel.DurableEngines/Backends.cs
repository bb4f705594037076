using DurableTask.AzureStorage;
using DurableTask.Core;
using Microsoft.DurableTask.Testing.Sidecar;
using Microsoft.Extensions.Logging;

namespace AutoIntel.DurableEngines;

/// <summary>The two Durable Task backends the adapter runs on in the engine tests and the engine benchmark.</summary>
public static class Backends
{
    /// <summary>How many activities a backend hands out at once unless told otherwise: enough for the widest /autointel fan-out in the tests.</summary>
    public const int ActivityConcurrency = 32;

    /// <summary>The test host's in-memory backend, with its activity concurrency raised (as shipped: one per core, then 500 ms polls).</summary>
    public static IOrchestrationService InMemory(int activityConcurrency = ActivityConcurrency, ILoggerFactory? logs = null) =>
        new WideInMemoryOrchestrationService(activityConcurrency, logs);

    /// <summary>
    /// The production backend of Durable Functions (AzureStorageOrchestrationService) on a task hub in <paramref name="connectionString"/>'s
    /// account, polling its queues at most every 100 ms (its default backs off to 30 s when idle), wrapped so the test sidecar's
    /// sub-orchestration start messages can be stored (<see cref="PlainTagsOrchestrationService"/>).
    /// </summary>
    public static async Task<IOrchestrationService> AzureStorageAsync(
        string connectionString, string taskHub, int activityConcurrency = ActivityConcurrency, ILoggerFactory? logs = null)
    {
        var service = new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceSettings
        {
            StorageAccountClientProvider = new StorageAccountClientProvider(connectionString),
            TaskHubName = taskHub,
            PartitionCount = 1,
            MaxConcurrentTaskActivityWorkItems = activityConcurrency,
            MaxConcurrentTaskOrchestrationWorkItems = 8,
            MaxQueuePollingInterval = TimeSpan.FromMilliseconds(100),

            // A work item held by a host that stopped comes back to the next host after this long (default 5 minutes).
            WorkItemQueueVisibilityTimeout = TimeSpan.FromSeconds(10),
            ControlQueueVisibilityTimeout = TimeSpan.FromSeconds(10),
            LoggerFactory = logs ?? Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance,
        });
        await service.CreateIfNotExistsAsync();
        return new PlainTagsOrchestrationService(service);
    }

    // Interface re-implementation: only the concurrency limits change; every other member maps to the base class.
    private sealed class WideInMemoryOrchestrationService(int activityConcurrency, ILoggerFactory? logs)
        : InMemoryOrchestrationService(logs), IOrchestrationService
    {
        int IOrchestrationService.MaxConcurrentTaskActivityWorkItems => activityConcurrency;

        int IOrchestrationService.MaxConcurrentTaskOrchestrationWorkItems => 8;
    }
}
