using System.Text.Json.Serialization;
using AutoIntel.Core;
using AutoIntel.Core.Analysis;
using AutoIntel.Core.Briefings;
using AutoIntel.Intelligence.Analyses;
using AutoIntel.Memory;
using AutoIntel.Storage;
using AutoIntel.Workflows.Abstractions;

namespace AutoIntel.Workflows.AutoIntel.Remember;

/// <summary>Stage 7: adds the run's entities to the tenant's knowledge graph.</summary>
public sealed class UpdateKnowledgeGraph(IContentMemory memory, IArtifactStore store) : IActivity<UpdateKnowledgeGraphInput, GraphUpdate>
{
    /// <inheritdoc/>
    public async Task<GraphUpdate> RunAsync(ActivityContext context, UpdateKnowledgeGraphInput input)
    {
        var ct = context.CancellationToken;
        var entities = input.EntitiesSection is { } stored
            ? EntitiesAnalysis.In([await store.GetJsonAsync<BriefingSection>(stored.Path, ct)])
            : input.Entities;
        return await memory.UpdateGraphAsync(input.Tenant, input.RunId, input.Source, entities, ct);
    }
}

/// <summary>Input of <see cref="UpdateKnowledgeGraph"/>.</summary>
/// <param name="EntitiesSection">The stored entities section (instances from <see cref="WorkflowVersions.SectionsByReference"/>), read
/// instead of <paramref name="Entities"/> (then empty); null otherwise.</param>
public sealed record UpdateKnowledgeGraphInput(
    string Tenant,
    string RunId,
    string Source,
    IReadOnlyList<Entity> Entities,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ArtifactRef? EntitiesSection = null);
