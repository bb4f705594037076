using System.Text.Json;
using AutoIntel.Core.FactCheck;
using AutoIntel.Core.Serialization;
using AutoIntel.Memory.Embeddings;
using AutoIntel.Memory.Graph;
using AutoIntel.Memory.Text;
using AutoIntel.Memory.Vectors;
using Microsoft.Extensions.Options;

namespace AutoIntel.Memory.Recall;

/// <summary>Searches one tenant's memory: vector search over passages and verdicts, plus the tenant's knowledge graph.</summary>
/// <remarks>Every vector query filters on the tenant and the graph is the tenant's own artifact, as in <see cref="ContentMemory"/>.</remarks>
public sealed class MemoryRecall(IEmbedder embedder, IVectorStore store, KnowledgeGraphStore graphs, IOptions<MemoryOptions> options) : IMemoryRecall
{
    /// <summary>Most results of each kind a caller may ask for.</summary>
    public const int MaxLimit = 50;

    /// <summary>Longest query accepted (a question, not a document).</summary>
    public const int MaxQueryLength = 1000;

    private const int SourcesPerEntity = 5;

    private readonly string _collection = ContentMemory.CollectionFor(embedder);

    /// <inheritdoc />
    public async Task<RecallResult> SearchAsync(string tenant, string query, int limit = 5, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tenant);
        ArgumentException.ThrowIfNullOrWhiteSpace(query);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, MaxLimit);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.Length, MaxQueryLength, nameof(query));

        float[] vector = (await embedder.EmbedAsync([query], cancellationToken))[0];
        double minScore = options.Value.PassageMinSimilarity;

        IReadOnlyList<VectorHit> passageHits = await store.SearchAsync(_collection, vector, limit, ContentMemory.Filter(tenant, MemoryPayload.ChunkKind), cancellationToken);
        RecalledPassage[] passages = [.. passageHits.Where(h => h.Score >= minScore).Select(h =>
        {
            // The passage's speaker is who opens it; the snippet may start in a later turn.
            (string snippet, string? speaker) = Snippets.BestSpoken(
                h.Payload.GetValueOrDefault(MemoryPayload.Text, string.Empty), query, h.Payload.GetValueOrDefault(MemoryPayload.Speaker));
            return new RecalledPassage(
                snippet,
                h.Payload.GetValueOrDefault(MemoryPayload.Source, string.Empty),
                speaker,
                h.Payload.GetValueOrDefault(MemoryPayload.Run, string.Empty),
                Math.Round(h.Score, 4),
                h.Payload.GetValueOrDefault(MemoryPayload.StoredAt));
        })];

        IReadOnlyList<VectorHit> claimHits = await store.SearchAsync(_collection, vector, limit, ContentMemory.Filter(tenant, MemoryPayload.VerdictKind), cancellationToken);
        RecalledClaim[] claims = [.. claimHits.Where(h => h.Score >= minScore).Select(ToClaim).OfType<RecalledClaim>()];

        KnowledgeGraph graph = await graphs.GetAsync(tenant, cancellationToken);
        IEnumerable<string> foundRuns = passages.Select(p => p.RunId).Concat(claims.Select(c => c.RunId));
        return new RecallResult(query, passages, claims, WhoSaidWhat(graph, query, foundRuns, limit));
    }

    /// <inheritdoc />
    public async Task<MemoryStats> StatsAsync(string tenant, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tenant);
        Dictionary<string, string> decided = ContentMemory.Filter(tenant, MemoryPayload.VerdictKind);
        decided[MemoryPayload.Decided] = "true";

        long runs = await store.CountAsync(_collection, ContentMemory.Filter(tenant, MemoryPayload.DocumentKind), cancellationToken);
        long passages = await store.CountAsync(_collection, ContentMemory.Filter(tenant, MemoryPayload.ChunkKind), cancellationToken);
        long claims = await store.CountAsync(_collection, ContentMemory.Filter(tenant, MemoryPayload.VerdictKind), cancellationToken);
        long decidedClaims = await store.CountAsync(_collection, decided, cancellationToken);
        KnowledgeGraph graph = await graphs.GetAsync(tenant, cancellationToken);
        return new MemoryStats(tenant, _collection, runs, passages, claims, decidedClaims, graph.Nodes.Count, graph.Edges.Count, options.Value.RetentionDaysFor(tenant));
    }

    private static RecalledClaim? ToClaim(VectorHit hit)
    {
        string source = hit.Payload.GetValueOrDefault(MemoryPayload.Source, string.Empty);
        string run = hit.Payload.GetValueOrDefault(MemoryPayload.Run, string.Empty);
        try
        {
            ClaimVerdict? verdict = JsonSerializer.Deserialize<ClaimVerdict>(hit.Payload.GetValueOrDefault(MemoryPayload.Verdict, "null"), AutoIntelJson.Options);
            return verdict is null
                ? null
                : new RecalledClaim(verdict.Claim.Text, verdict.Verdict.ToString(), verdict.Confidence, verdict.Rationale, source, run, Math.Round(hit.Score, 4));
        }
        catch (JsonException)
        {
            // A record written by another version with a verdict we cannot read still shows its claim.
            return new RecalledClaim(hit.Payload.GetValueOrDefault(MemoryPayload.Text, string.Empty), nameof(Verdict.Unverified), 0, "stored verdict unreadable", source, run, Math.Round(hit.Score, 4));
        }
    }

    // Entities named in the query first (the user asked about them), then the people of the runs the hits came from, most mentioned first.
    private static RecalledEntity[] WhoSaidWhat(KnowledgeGraph graph, string query, IEnumerable<string> foundRuns, int limit)
    {
        string wanted = " " + KnowledgeGraph.NormaliseName(query) + " ";
        IEnumerable<GraphNode> named = graph.Nodes
            .Where(n => n.Key.Length > 1 && wanted.Contains(" " + n.Key + " ", StringComparison.Ordinal))
            .Select(n => n.Value)
            .OrderByDescending(n => n.Mentions);
        var runs = new HashSet<string>(foundRuns, StringComparer.Ordinal);
        IEnumerable<GraphNode> people = graph.Nodes.Values
            .Where(n => string.Equals(n.Type, "person", StringComparison.OrdinalIgnoreCase) && n.Runs.Keys.Any(runs.Contains))
            .OrderByDescending(n => n.Mentions)
            .ThenBy(n => n.Name, StringComparer.Ordinal);

        return [.. named.Concat(people)
            .Distinct()
            .Take(limit)
            .Select(n => new RecalledEntity(n.Name, n.Type, n.Mentions, [.. n.Sources().Order(StringComparer.Ordinal).Take(SourcesPerEntity)]))];
    }
}
