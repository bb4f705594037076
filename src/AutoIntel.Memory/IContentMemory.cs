using AutoIntel.Core.Analysis;
using AutoIntel.Core.Briefings;
using AutoIntel.Core.FactCheck;

namespace AutoIntel.Memory;

/// <summary>The community's memory (per tenant): vectors of past content and verdicts, near-duplicates, and an entity graph.</summary>
public interface IContentMemory
{
    /// <summary>What memory knows about a claim: a prior verdict for the same claim, and related passages as evidence.</summary>
    Task<ClaimRecall> RecallClaimAsync(string tenant, Claim claim, CancellationToken cancellationToken = default) =>
        RecallClaimAsync(tenant, claim, null, cancellationToken);

    /// <summary>The same for a claim of a known run: passages of that run, of its source (same link or file), of the same content (same
    /// content hash, under another name) or repeating the claim word for word are not evidence for it, and no passage is cited twice.</summary>
    Task<ClaimRecall> RecallClaimAsync(string tenant, Claim claim, ClaimOrigin? origin, CancellationToken cancellationToken = default);

    /// <summary>Embeds and upserts chunks and verdicts of a run (batched); returns how many vectors were stored.</summary>
    /// <remarks>The <paramref name="contentHash"/> (the transcript's, when known) is stored on every record, so a later run of the same content
    /// under another name does not cite this one.</remarks>
    Task<int> RememberAsync(
        string tenant, string runId, string source, IReadOnlyList<string> chunkTexts, IReadOnlyList<ClaimVerdict> verdicts, string? contentHash = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// The same for a run too large to hold as one string: chunk texts read one at a time, as if joined by whitespace.
    /// </summary>
    Task<int> RememberAsync(
        string tenant, string runId, string source, IAsyncEnumerable<string> chunkTexts, IReadOnlyList<ClaimVerdict> verdicts, string? contentHash = null, CancellationToken cancellationToken = default);

    /// <summary>Finds an earlier run whose content is nearly the same as this text (excluding <paramref name="runId"/>).</summary>
    Task<DuplicateMatch?> FindNearDuplicateAsync(string tenant, string runId, string text, CancellationToken cancellationToken = default);

    /// <summary>The same for a text given in parts (segments of a transcript), read as if joined by whitespace.</summary>
    Task<DuplicateMatch?> FindNearDuplicateAsync(string tenant, string runId, IEnumerable<string> textParts, CancellationToken cancellationToken = default);

    /// <summary>As the overload over <see cref="IEnumerable{T}"/>, reading the parts as they arrive (a long transcript's segments from its artifact).</summary>
    Task<DuplicateMatch?> FindNearDuplicateAsync(string tenant, string runId, IAsyncEnumerable<string> textParts, CancellationToken cancellationToken = default);

    /// <summary>Adds the run's entities and their co-occurrence to the knowledge graph.</summary>
    Task<GraphUpdate> UpdateGraphAsync(string tenant, string runId, string source, IReadOnlyList<Entity> entities, CancellationToken cancellationToken = default);
}

/// <summary>What memory returned for a claim.</summary>
/// <param name="PriorVerdict">A verdict stored earlier for the same (or an equivalent) claim, if any.</param>
public sealed record ClaimRecall(ClaimVerdict? PriorVerdict, IReadOnlyList<Evidence> Evidence);

/// <summary>Where a claim comes from: the run, its source and its content, none of which memory may cite as evidence for the claim.</summary>
/// <param name="ContentHash">The run's content hash; null when unknown (older runs), and then only run and source are excluded.</param>
public sealed record ClaimOrigin(string RunId, string Source, string? ContentHash = null);

/// <summary>An earlier run with nearly the same content.</summary>
public sealed record DuplicateMatch(string RunId, string Source, double Similarity);

/// <summary>The graph after an update, and earlier sources sharing entities with this run.</summary>
/// <param name="RelatedSources">The related sources' names (kept for histories recorded before <paramref name="Related"/>).</param>
/// <param name="Related">The related sources with their similarity; null in histories recorded before it existed.</param>
public sealed record GraphUpdate(int Nodes, int Edges, IReadOnlyList<string> RelatedSources, IReadOnlyList<RelatedSource>? Related = null);
