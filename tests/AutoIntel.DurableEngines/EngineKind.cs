namespace AutoIntel.DurableEngines;

/// <summary>Which Durable Task backend a test runs on.</summary>
public enum EngineKind
{
    /// <summary>Microsoft.DurableTask.InProcessTestHost's in-memory backend.</summary>
    InMemory,

    /// <summary>DurableTask.AzureStorage (Durable Functions' default backend) on Azurite.</summary>
    AzureStorage,
}
