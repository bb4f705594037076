using AutoIntel.Core.Analysis;
using AutoIntel.Memory;
using AutoIntel.Workflows.Abstractions;

namespace AutoIntel.Workflows.AutoIntel.Remember;

/// <summary>Stage 7: adds the run's entities to the tenant's knowledge graph.</summary>
public sealed class UpdateKnowledgeGraph(IContentMemory memory) : IActivity<UpdateKnowledgeGraphInput, GraphUpdate>
{
    /// <inheritdoc/>
    public Task<GraphUpdate> RunAsync(ActivityContext context, UpdateKnowledgeGraphInput input) =>
        memory.UpdateGraphAsync(input.Tenant, input.RunId, input.Source, input.Entities, context.CancellationToken);
}

/// <summary>Input of <see cref="UpdateKnowledgeGraph"/>.</summary>
public sealed record UpdateKnowledgeGraphInput(string Tenant, string RunId, string Source, IReadOnlyList<Entity> Entities);
