using AutoIntel.Workflows.Abstractions;

namespace AutoIntel.Workflows.AutoIntel.Upkeep;

/// <summary>Names of the memory upkeep schedule, shared by both hosts.</summary>
public static class UpkeepNames
{
    /// <summary>The eternal orchestration that runs memory upkeep every <c>Memory:UpkeepInterval</c>.</summary>
    public const string MemoryUpkeep = nameof(MemoryUpkeepWorkflow);

    /// <summary>Its one activity.</summary>
    public const string RunMemoryUpkeep = nameof(Upkeep.RunMemoryUpkeep);

    /// <summary>The one instance of <see cref="MemoryUpkeep"/>: a fixed id, so starting it again is a no-op.</summary>
    public const string MemoryUpkeepInstanceId = "autointel-memory-upkeep";
}

/// <summary>Registers the memory upkeep schedule's workflow and activity.</summary>
public static class UpkeepRegistration
{
    /// <summary>Adds <see cref="MemoryUpkeepWorkflow"/> and <see cref="RunMemoryUpkeep"/> to <paramref name="registry"/>.</summary>
    public static WorkflowRegistry AddMemoryUpkeep(this WorkflowRegistry registry) => registry
        .AddWorkflow<MemoryUpkeepWorkflow, MemoryUpkeepInput, UpkeepPass?>()
        .AddActivity<RunMemoryUpkeep, RunMemoryUpkeepInput, UpkeepPass>();
}
