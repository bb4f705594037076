using AutoIntel.TestKit;
using DurableTask.Core;
using Microsoft.DurableTask;

namespace AutoIntel.Functions.Tests.Engines;

/// <summary>One Azurite storage account (blob, queue, table) shared by every engine test; each test gets its own task hub.</summary>
[CollectionDefinition(Name)]
public sealed class EngineCollection : ICollectionFixture<AzuriteAccountServer>
{
    public const string Name = "Durable engines";
}

/// <summary>Starts engines of either kind; each call gets a fresh backend (a new task hub on Azure Storage).</summary>
internal static class Engine
{
    /// <summary>Under Azurite load the Azure Storage backend can stall for over a minute on one core: waits are generous.</summary>
    public static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(4);

    public static async Task<DurableEngine> StartAsync(EngineKind kind, AzuriteServer azurite, Action<DurableTaskRegistry> tasks)
    {
        IOrchestrationService backend = kind switch
        {
            EngineKind.InMemory => Backends.InMemory(),
            _ => await Backends.AzureStorageAsync(azurite.ConnectionString, NewTaskHubName()),
        };
        return await DurableEngine.StartAsync(backend, tasks);
    }

    /// <summary>A task hub name Azure accepts (letters and digits, starting with a letter, 3–45 characters).</summary>
    public static string NewTaskHubName() => "hub" + Guid.NewGuid().ToString("N")[..20];
}
