using System.Text.Json;
using AutoIntel.Core.Analysis;
using AutoIntel.Core.Briefings;
using AutoIntel.Core.FactCheck;
using AutoIntel.Core.Serialization;
using AutoIntel.Memory.Embeddings;
using AutoIntel.Memory.Graph;
using AutoIntel.Memory.Text;
using AutoIntel.Memory.Vectors;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AutoIntel.Memory;

/// <summary>The community memory over an embedder, a vector store and per-tenant knowledge graphs.</summary>
/// <remarks>
/// Every record carries its tenant in the payload and every query filters on it, so tenants never see each other's data.
/// Record ids are derived from tenant, run and position, so a retried activity replaces what it stored instead of adding.
/// </remarks>
public sealed class ContentMemory : IContentMemory
{
    // Documents are embedded as the mean of fixed word windows, so model embedders with input limits see bounded texts.
    private const int DocumentWindowWords = 256;

    // Chunks are stored as passages of a few sentences: a claim compared with a whole chunk is diluted by everything else in it.
    private const int PassageWords = 60;

    private readonly IEmbedder _embedder;
    private readonly IVectorStore _store;
    private readonly KnowledgeGraphStore _graphs;
    private readonly MemoryOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Creates the memory over its parts.</summary>
    public ContentMemory(IEmbedder embedder, IVectorStore store, KnowledgeGraphStore graphs, IOptions<MemoryOptions> options, TimeProvider? time = null, ILogger<ContentMemory>? logger = null)
    {
        _embedder = embedder;
        _store = store;
        _graphs = graphs;
        _options = options.Value;
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger<ContentMemory>.Instance;
        Collection = CollectionFor(embedder);
    }

    /// <summary>The vector collection used; named after the embedder so vectors of different models never mix.</summary>
    public string Collection { get; }

    /// <summary>The collection name for an embedder's vectors.</summary>
    public static string CollectionFor(IEmbedder embedder) => $"content-{StableNames.Safe(embedder.Name)}-{embedder.Dimensions}";

    /// <inheritdoc />
    public async Task<ClaimRecall> RecallClaimAsync(string tenant, Claim claim, ClaimOrigin? origin = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tenant);
        float[] query = (await _embedder.EmbedAsync([claim.Text], cancellationToken))[0];

        ClaimVerdict? prior = await FindPriorVerdictAsync(tenant, claim, query, cancellationToken);
        IReadOnlyList<Evidence> evidence = await FindPassagesAsync(tenant, claim.Text, query, origin, cancellationToken);
        return new ClaimRecall(prior, evidence);
    }

    /// <inheritdoc />
    public Task<int> RememberAsync(
        string tenant, string runId, string source, IReadOnlyList<string> chunkTexts, IReadOnlyList<ClaimVerdict> verdicts, string? contentHash = null, CancellationToken cancellationToken = default) =>
        RememberAsync(tenant, runId, source, chunkTexts.ToAsyncEnumerable(), verdicts, contentHash, cancellationToken);

    /// <inheritdoc />
    /// <remarks>
    /// Chunks are embedded and upserted one batch at a time as they arrive, and the document fingerprint is summed as it goes,
    /// so only a batch of passages is held here whatever the size of the run.
    /// </remarks>
    public async Task<int> RememberAsync(
        string tenant, string runId, string source, IAsyncEnumerable<string> chunkTexts, IReadOnlyList<ClaimVerdict> verdicts, string? contentHash = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tenant);
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        string storedAt = _time.GetUtcNow().ToString("O");
        var pending = new List<(string Id, string Text, Dictionary<string, string> Payload)>(_options.EmbeddingBatchSize);
        var document = new DocumentFingerprint(_embedder, DocumentWindowWords, _options.EmbeddingBatchSize);
        int stored = 0;

        async Task AddAsync(string id, string text, Dictionary<string, string> payload)
        {
            pending.Add((id, text, payload));
            if (pending.Count == _options.EmbeddingBatchSize)
            {
                stored += await UpsertAsync(pending, cancellationToken);
            }
        }

        int i = 0;
        await foreach (string chunkText in chunkTexts.WithCancellation(cancellationToken))
        {
            List<string> passages = Snippets.Passages(chunkText, PassageWords);
            string? speaker = null;
            for (int p = 0; p < passages.Count; p++)
            {
                Dictionary<string, string> payload = Payload(tenant, runId, source, contentHash, MemoryPayload.ChunkKind, storedAt);
                payload[MemoryPayload.Index] = $"{i}.{p}";
                payload[MemoryPayload.Text] = passages[p];
                (string? atStart, speaker) = SpeakerLabels.Read(passages[p], speaker);
                if (atStart is not null)
                {
                    payload[MemoryPayload.Speaker] = atStart;
                }

                await AddAsync(RecordId(tenant, runId, MemoryPayload.ChunkKind, $"{i}.{p}"), passages[p], payload);
            }

            await document.AddAsync(chunkText, cancellationToken);
            i++;
        }

        for (int v = 0; v < verdicts.Count; v++)
        {
            ClaimVerdict verdict = verdicts[v];
            Dictionary<string, string> payload = Payload(tenant, runId, source, contentHash, MemoryPayload.VerdictKind, storedAt);
            payload[MemoryPayload.Index] = v.ToString();
            payload[MemoryPayload.Text] = verdict.Claim.Text;
            payload[MemoryPayload.ClaimId] = verdict.Claim.Id;
            payload[MemoryPayload.Decided] = IsDecided(verdict.Verdict) ? "true" : "false";
            payload[MemoryPayload.Verdict] = JsonSerializer.Serialize(verdict, AutoIntelJson.Options);
            await AddAsync(RecordId(tenant, runId, MemoryPayload.VerdictKind, v.ToString()), verdict.Claim.Text, payload);
        }

        stored += await UpsertAsync(pending, cancellationToken);
        if (document.HasWords)
        {
            float[] fingerprint = await document.FinishAsync(cancellationToken);
            Dictionary<string, string> payload = Payload(tenant, runId, source, contentHash, MemoryPayload.DocumentKind, storedAt);
            await _store.UpsertAsync(Collection, [new VectorRecord(RecordId(tenant, runId, MemoryPayload.DocumentKind, "0"), fingerprint, payload)], cancellationToken);
            stored++;
        }

        _logger.LogInformation("Remembered {Count} vectors for run {RunId}", stored, runId);
        return stored;
    }

    /// <inheritdoc />
    public Task<DuplicateMatch?> FindNearDuplicateAsync(string tenant, string runId, string text, CancellationToken cancellationToken = default) =>
        FindNearDuplicateAsync(tenant, runId, [text], cancellationToken);

    /// <inheritdoc />
    public Task<DuplicateMatch?> FindNearDuplicateAsync(string tenant, string runId, IEnumerable<string> textParts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(textParts);
        return FindNearDuplicateAsync(tenant, runId, textParts.ToAsyncEnumerable(), cancellationToken);
    }

    /// <inheritdoc />
    public async Task<DuplicateMatch?> FindNearDuplicateAsync(string tenant, string runId, IAsyncEnumerable<string> textParts, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tenant);
        ArgumentNullException.ThrowIfNull(textParts);
        var document = new DocumentFingerprint(_embedder, DocumentWindowWords, _options.EmbeddingBatchSize);
        await foreach (string part in textParts.WithCancellation(cancellationToken))
        {
            await document.AddAsync(part, cancellationToken);
        }

        if (!document.HasWords)
        {
            return null;
        }

        float[] fingerprint = await document.FinishAsync(cancellationToken);

        // One fingerprint per run, so two hits always include the best run other than this one.
        IReadOnlyList<VectorHit> hits = await _store.SearchAsync(Collection, fingerprint, 2, Filter(tenant, MemoryPayload.DocumentKind), cancellationToken);
        VectorHit? best = hits.FirstOrDefault(h => h.Payload.GetValueOrDefault(MemoryPayload.Run) != runId);
        if (best is null || best.Score < _options.DuplicateThreshold)
        {
            return null;
        }

        return new DuplicateMatch(best.Payload[MemoryPayload.Run], best.Payload.GetValueOrDefault(MemoryPayload.Source, string.Empty), Math.Round(best.Score, 4));
    }

    /// <inheritdoc />
    public Task<GraphUpdate> UpdateGraphAsync(string tenant, string runId, string source, IReadOnlyList<Entity> entities, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tenant);
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        // The update may run again on a fresher graph when another writer saved first: it only touches the graph it is given,
        // and Apply replaces the run's earlier contribution, so running it twice is the same as once.
        return _graphs.UpdateAsync(
            tenant,
            graph =>
            {
                graph.Apply(runId, source, entities);
                IReadOnlyList<RelatedSource> related = graph.RelatedSources(runId);
                return new GraphUpdate(graph.Nodes.Count, graph.Edges.Count, [.. related.Select(r => r.Source)], related);
            },
            cancellationToken);
    }

    private static bool IsDecided(Verdict verdict) => verdict is not Verdict.Unverified;

    private static string RecordId(string tenant, string runId, string kind, string index) => $"{StableNames.Safe(tenant)}/{runId}/{kind}/{index}";

    private static Dictionary<string, string> Payload(string tenant, string runId, string source, string? contentHash, string kind, string storedAt)
    {
        var payload = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [MemoryPayload.Tenant] = tenant,
            [MemoryPayload.Kind] = kind,
            [MemoryPayload.Run] = runId,
            [MemoryPayload.Source] = source,
            [MemoryPayload.StoredAt] = storedAt,
        };
        if (contentHash is not null)
        {
            payload[MemoryPayload.ContentHash] = contentHash;
        }

        return payload;
    }

    /// <summary>The filter selecting one tenant's records of one kind.</summary>
    internal static Dictionary<string, string> Filter(string tenant, string kind) => new(StringComparer.Ordinal)
    {
        [MemoryPayload.Tenant] = tenant,
        [MemoryPayload.Kind] = kind,
    };

    private async Task<ClaimVerdict?> FindPriorVerdictAsync(string tenant, Claim claim, float[] query, CancellationToken cancellationToken)
    {
        Dictionary<string, string> decided = Filter(tenant, MemoryPayload.VerdictKind);
        decided[MemoryPayload.Decided] = "true";

        // The same claim id first (newest verdict wins); failing that, the closest equivalent claim above the threshold.
        var sameId = new Dictionary<string, string>(decided) { [MemoryPayload.ClaimId] = claim.Id };
        VectorHit? hit = (await _store.SearchAsync(Collection, query, 8, sameId, cancellationToken))
            .OrderByDescending(h => h.Payload.GetValueOrDefault(MemoryPayload.StoredAt), StringComparer.Ordinal)
            .FirstOrDefault();
        if (hit is null)
        {
            IReadOnlyList<VectorHit> closest = await _store.SearchAsync(Collection, query, 1, decided, cancellationToken);
            hit = closest.Count > 0 ? closest[0] : null;
            if (hit is null || hit.Score < _options.ClaimMatchThreshold)
            {
                return null;
            }
        }

        ClaimVerdict? prior = JsonSerializer.Deserialize<ClaimVerdict>(hit.Payload[MemoryPayload.Verdict], AutoIntelJson.Options);
        return prior is not null && IsDecided(prior.Verdict) ? prior : null;
    }

    private async Task<IReadOnlyList<Evidence>> FindPassagesAsync(string tenant, string claimText, float[] query, ClaimOrigin? origin, CancellationToken cancellationToken)
    {
        if (_options.RelatedPassages == 0)
        {
            return [];
        }

        // Ask for more than needed: passages of the claim's own source are dropped below, and the rest must still fill the list.
        IReadOnlyList<VectorHit> hits = await _store.SearchAsync(Collection, query, _options.RelatedPassages * 4, Filter(tenant, MemoryPayload.ChunkKind), cancellationToken);
        string claim = Normalize(claimText);
        var quoted = new HashSet<string>(StringComparer.Ordinal);
        return [.. hits
            .Where(h => h.Score >= _options.PassageMinSimilarity && !IsOwnSource(h.Payload, origin, claim))
            .Select(h =>
            {
                string source = h.Payload.GetValueOrDefault(MemoryPayload.Source, string.Empty);
                string snippet = Snippets.Best(h.Payload.GetValueOrDefault(MemoryPayload.Text, string.Empty), claimText);
                return new Evidence(source, snippet, Math.Round(h.Score, 4), IsWebLink(source) ? source : null);
            })
            .Where(e => quoted.Add(Normalize(e.Quote)))
            .Take(_options.RelatedPassages)];
    }

    // A claim is not evidence for itself: not this run's passages, not its source's (same link or file, an earlier run of it), not its
    // content's (same hash: the same text under another path or link), and not a passage that states the claim word for word.
    // Records stored before hashes existed have none and are kept or dropped by the other rules.
    private static bool IsOwnSource(IReadOnlyDictionary<string, string> payload, ClaimOrigin? origin, string normalizedClaim) =>
        (origin is not null && (payload.GetValueOrDefault(MemoryPayload.Run) == origin.RunId
            || payload.GetValueOrDefault(MemoryPayload.Source) == origin.Source
            || (origin.ContentHash is not null && payload.GetValueOrDefault(MemoryPayload.ContentHash) == origin.ContentHash)))
        || Normalize(payload.GetValueOrDefault(MemoryPayload.Text, string.Empty)).Contains(normalizedClaim, StringComparison.Ordinal);

    private static string Normalize(string text) => string.Join(' ', text.ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).Trim('.', '!', '?', '"', ' ');

    // Embeds and upserts the pending records as one batch, then empties the list for the next.
    private async Task<int> UpsertAsync(List<(string Id, string Text, Dictionary<string, string> Payload)> pending, CancellationToken cancellationToken)
    {
        if (pending.Count == 0)
        {
            return 0;
        }

        float[][] vectors = await _embedder.EmbedAsync([.. pending.Select(p => p.Text)], cancellationToken);
        VectorRecord[] records = [.. pending.Select((p, i) => new VectorRecord(p.Id, vectors[i], p.Payload))];
        await _store.UpsertAsync(Collection, records, cancellationToken);
        pending.Clear();
        return records.Length;
    }

    /// <summary>Whether a source is an http(s) link (and so may be shown as one).</summary>
    internal static bool IsWebLink(string source) =>
        Uri.TryCreate(source, UriKind.Absolute, out Uri? uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
