namespace AutoIntel.Core.Briefings;

/// <summary>What the community's memory already knew, and what this run added to it.</summary>
/// <param name="DuplicateOf">Source of an earlier run whose content is nearly the same, if any.</param>
/// <param name="DuplicateSimilarity">Similarity to that run (0 … 1).</param>
/// <param name="PriorVerdictsReused">Claims whose verdict came from memory.</param>
/// <param name="ItemsStored">Vectors upserted this run.</param>
/// <param name="GraphNodes">Knowledge-graph nodes after the update.</param>
/// <param name="GraphEdges">Knowledge-graph edges after the update.</param>
/// <param name="RelatedSources">Earlier sources whose entities overlap this run's above the similarity threshold, with the overlap.</param>
public sealed record MemoryReport(
    string? DuplicateOf,
    double DuplicateSimilarity,
    int PriorVerdictsReused,
    int ItemsStored,
    int GraphNodes,
    int GraphEdges,
    IReadOnlyList<RelatedSource> RelatedSources)
{
    /// <summary>Memory was not consulted (depth or configuration).</summary>
    public static MemoryReport Empty { get; } = new(null, 0, 0, 0, 0, 0, []);
}
