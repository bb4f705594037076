using System.Collections.Concurrent;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Qdrant.Client.Grpc;

namespace AutoIntel.Memory.Vectors.Qdrant;

/// <summary>An <see cref="IVectorStore"/> over Qdrant's gRPC API with the official Qdrant.Client (Qdrant 1.11 or later).</summary>
/// <remarks>
/// Each of our collections is the Qdrant collection <c>{CollectionPrefix}{name}</c> with one unnamed Cosine vector, created on
/// first upsert with that batch's vector length, plus keyword payload indexes for the filter keys (the tenant key with
/// <c>is_tenant</c>). Record ids become name-based UUIDs (<see cref="QdrantPointIds"/>) and the original id is kept in the
/// payload under <see cref="OriginalIdKey"/>. Upserts and deletes are sent in calls of at most
/// <see cref="MaxPointsPerRequest"/> points with <c>wait</c>; each call is atomic in Qdrant, a larger batch is not.
/// Thread-safe; one instance owns one gRPC channel.
/// </remarks>
public sealed class QdrantVectorStore : IVectorStore, IDisposable
{
    /// <summary>Points per upsert or delete call: well below Qdrant's 32 MB default message limit for 4096-dim vectors with text.</summary>
    public const int MaxPointsPerRequest = 256;

    /// <summary>Payload key holding our original record id (Qdrant's own id is its UUID).</summary>
    public const string OriginalIdKey = "_id";

    private readonly QdrantConnection _qdrant;
    private readonly QdrantOptions _options;
    private readonly string _tenantKey;
    private readonly IReadOnlySet<string> _indexedKeys;
    private readonly ILogger _logger;

    // Collections known to exist (created or found) with their vector size; a failed lookup is removed so the next call retries.
    // Lazy, because GetOrAdd may run its factory twice under contention: the Lazy makes the creation itself run once.
    private readonly ConcurrentDictionary<string, Lazy<Task<int>>> _known = new(StringComparer.Ordinal);

    /// <summary>Creates a store talking to <see cref="QdrantOptions.Url"/>.</summary>
    /// <param name="tenantKey">Payload key of the tenant: indexed with <c>is_tenant</c>, so each tenant's points are stored together.</param>
    /// <param name="indexedKeys">Payload keys that get keyword indexes (filters on other keys still work, unindexed).</param>
    /// <param name="handler">Optional HTTP/2 handler of the gRPC channel (tests, proxies, custom TLS trust); the store disposes it.</param>
    /// <param name="time">The clock of the retry delays; <see cref="TimeProvider.System"/> when null.</param>
    public QdrantVectorStore(
        QdrantOptions options,
        string tenantKey = EmbeddedVectorStore.DefaultPartitionKey,
        IReadOnlySet<string>? indexedKeys = null,
        ILogger<QdrantVectorStore>? logger = null,
        HttpMessageHandler? handler = null,
        TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(tenantKey);
        if (!Uri.TryCreate(options.Url, UriKind.Absolute, out Uri? url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"Memory:Qdrant:Url must be an absolute http(s) URL such as http://localhost:6334 (was '{options.Url}').", nameof(options));
        }

        _options = options;
        _tenantKey = tenantKey;
        _indexedKeys = new HashSet<string>(indexedKeys ?? new HashSet<string>(), StringComparer.Ordinal) { tenantKey };
        _logger = logger ?? NullLogger<QdrantVectorStore>.Instance;
        _qdrant = new QdrantConnection(options, _logger, time ?? TimeProvider.System, handler);
    }

    /// <summary>Qdrant's gRPC root this store talks to.</summary>
    public Uri BaseAddress => _qdrant.Address;

    /// <summary>The Qdrant collection that holds our <paramref name="collection"/>.</summary>
    public string QdrantCollection(string collection)
    {
        CollectionNames.Validate(collection);
        return _options.CollectionPrefix + collection;
    }

    /// <inheritdoc />
    public async Task UpsertAsync(string collection, IReadOnlyList<VectorRecord> records, CancellationToken cancellationToken = default)
    {
        string name = QdrantCollection(collection);
        if (records.Count == 0)
        {
            return;
        }

        int dims = Validate(records);
        for (int attempt = 0; ; attempt++)
        {
            int size = await EnsureCollectionAsync(name, dims, cancellationToken);
            if (size != dims)
            {
                throw new ArgumentException(DimensionMismatch(collection, size, dims), nameof(records));
            }

            try
            {
                foreach (VectorRecord[] chunk in records.Chunk(MaxPointsPerRequest))
                {
                    PointStruct[] points = [.. chunk.Select(ToPoint)];
                    await _qdrant.CallAsync("Upsert", (c, ct) => c.UpsertAsync(name, points, wait: true, cancellationToken: ct), cancellationToken);
                }

                return;
            }
            catch (QdrantException e) when (e.StatusCode == StatusCode.NotFound && attempt == 0)
            {
                // The collection was deleted behind our back (or the cache is stale): create it again, once.
                _known.TryRemove(name, out _);
            }
            catch (QdrantException e) when (e.StatusCode == StatusCode.InvalidArgument && e.Message.Contains("dimension", StringComparison.OrdinalIgnoreCase))
            {
                _known.TryRemove(name, out _);
                int actual = await ReadVectorSizeAsync(name, cancellationToken) ?? 0;
                throw new ArgumentException(DimensionMismatch(collection, actual, dims), nameof(records), e);
            }
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<VectorHit>> SearchAsync(string collection, float[] query, int topK, IReadOnlyDictionary<string, string>? filter = null, CancellationToken cancellationToken = default)
    {
        string name = QdrantCollection(collection);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(topK);
        IReadOnlyList<ScoredPoint> points;
        try
        {
            points = await _qdrant.CallAsync(
                "Query",
                (c, ct) => c.QueryAsync(name, query, filter: ToFilter(filter), limit: (ulong)topK, payloadSelector: true, vectorsSelector: false, cancellationToken: ct),
                cancellationToken);
        }
        catch (QdrantException e) when (e.StatusCode == StatusCode.NotFound)
        {
            return [];
        }
        catch (QdrantException e) when (e.StatusCode == StatusCode.InvalidArgument && e.Message.Contains("dimension", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"The query has {query.Length} dimensions but collection '{collection}' holds vectors of another size ({e.Message}).", nameof(query), e);
        }

        return [.. points.Select(ToHit)];
    }

    /// <inheritdoc />
    public async Task<int> DeleteAsync(string collection, IReadOnlyList<string> ids, CancellationToken cancellationToken = default)
    {
        string name = QdrantCollection(collection);
        int deleted = 0;
        try
        {
            foreach (Guid[] chunk in ids.Distinct(StringComparer.Ordinal).Select(QdrantPointIds.For).Chunk(MaxPointsPerRequest))
            {
                // Qdrant's delete does not say how many points existed, so count them first (exact, by id).
                ulong existing = await _qdrant.CallAsync("Count", (c, ct) => c.CountAsync(name, Conditions.HasId(chunk), exact: true, cancellationToken: ct), cancellationToken);
                if (existing == 0)
                {
                    continue;
                }

                deleted += (int)existing;
                await _qdrant.CallAsync("Delete", (c, ct) => c.DeleteAsync(name, chunk, wait: true, cancellationToken: ct), cancellationToken);
            }
        }
        catch (QdrantException e) when (e.StatusCode == StatusCode.NotFound)
        {
            // No collection, nothing left to delete.
        }

        return deleted;
    }

    /// <inheritdoc />
    public async Task<long> CountAsync(string collection, IReadOnlyDictionary<string, string>? filter = null, CancellationToken cancellationToken = default)
    {
        string name = QdrantCollection(collection);
        try
        {
            return (long)await _qdrant.CallAsync("Count", (c, ct) => c.CountAsync(name, ToFilter(filter), exact: true, cancellationToken: ct), cancellationToken);
        }
        catch (QdrantException e) when (e.StatusCode == StatusCode.NotFound)
        {
            return 0;
        }
    }

    public void Dispose() => _qdrant.Dispose();

    private static string DimensionMismatch(string collection, int size, int dims) =>
        $"Collection '{collection}' holds vectors of {size} dimensions; this batch has {dims}. Vectors of another embedder belong in another collection.";

    private static int Validate(IReadOnlyList<VectorRecord> records)
    {
        int dims = records[0].Vector.Length;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (VectorRecord record in records)
        {
            ArgumentException.ThrowIfNullOrEmpty(record.Id, nameof(records));
            if (record.Vector.Length != dims || dims == 0)
            {
                throw new ArgumentException($"Record '{record.Id}' has {record.Vector.Length} dimensions; the batch has {dims}.", nameof(records));
            }

            if (!seen.Add(record.Id))
            {
                throw new ArgumentException($"Record '{record.Id}' appears twice in one batch.", nameof(records));
            }

            if (record.Payload.ContainsKey(OriginalIdKey))
            {
                throw new ArgumentException($"Record '{record.Id}': the payload key '{OriginalIdKey}' is reserved for the record id.", nameof(records));
            }
        }

        return dims;
    }

    private async Task<int> EnsureCollectionAsync(string name, int dims, CancellationToken cancellationToken)
    {
        // Shared by concurrent first upserts, so it must not be cancelled by one caller; the per-call deadline bounds it.
        Lazy<Task<int>> entry = _known.GetOrAdd(name, n => new Lazy<Task<int>>(() => CreateOrOpenAsync(n, dims)));
        Task<int> ensure = entry.Value;
        try
        {
            return await ensure.WaitAsync(cancellationToken);
        }
        catch (Exception) when (ensure.IsFaulted || ensure.IsCanceled)
        {
            _known.TryRemove(KeyValuePair.Create(name, entry));
            throw;
        }
    }

    private async Task<int> CreateOrOpenAsync(string name, int dims)
    {
        int? size = await ReadVectorSizeAsync(name, CancellationToken.None);
        if (size is null)
        {
            var vectors = new VectorParams { Size = (ulong)dims, Distance = Distance.Cosine };
            try
            {
                await _qdrant.CallAsync("CreateCollection", async (c, ct) => { await c.CreateCollectionAsync(name, vectors, cancellationToken: ct); return true; }, CancellationToken.None);
                _logger.LogInformation("Created Qdrant collection {Collection} ({Dims} dimensions, Cosine)", name, dims);
            }
            catch (QdrantException e) when (e.StatusCode == StatusCode.AlreadyExists)
            {
                // Another process created it first; its size is what counts.
            }

            size = await ReadVectorSizeAsync(name, CancellationToken.None)
                ?? throw new QdrantException($"Qdrant collection '{name}' vanished right after it was created.");
        }

        // Creating an index that exists is a no-op in Qdrant, so this is safe on every start and from every process.
        foreach (string key in _indexedKeys.Order(StringComparer.Ordinal))
        {
            PayloadIndexParams? tenant = key == _tenantKey ? new() { KeywordIndexParams = new() { IsTenant = true } } : null;
            await _qdrant.CallAsync("CreateFieldIndex", (c, ct) => c.CreatePayloadIndexAsync(name, key, PayloadSchemaType.Keyword, tenant, wait: true, cancellationToken: ct), CancellationToken.None);
        }

        return size.Value;
    }

    private async Task<int?> ReadVectorSizeAsync(string name, CancellationToken cancellationToken)
    {
        CollectionInfo info;
        try
        {
            info = await _qdrant.CallAsync("GetCollectionInfo", (c, ct) => c.GetCollectionInfoAsync(name, ct), cancellationToken);
        }
        catch (QdrantException e) when (e.StatusCode == StatusCode.NotFound)
        {
            return null;
        }

        return info.Config.Params.VectorsConfig?.Params is { } single
            ? (int)single.Size
            : throw new QdrantException($"Qdrant collection '{name}' uses named vectors; AutoIntel needs one unnamed Cosine vector per point. Use another Memory:Qdrant:CollectionPrefix.");
    }

    private static PointStruct ToPoint(VectorRecord record)
    {
        var point = new PointStruct { Id = QdrantPointIds.For(record.Id), Vectors = record.Vector, Payload = { [OriginalIdKey] = record.Id } };
        foreach ((string key, string value) in record.Payload)
        {
            point.Payload[key] = value;
        }

        return point;
    }

    private static VectorHit ToHit(ScoredPoint point)
    {
        var payload = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach ((string key, Value value) in point.Payload.Where(p => p.Key != OriginalIdKey))
        {
            payload[key] = value.KindCase == Value.KindOneofCase.StringValue ? value.StringValue : value.ToString();
        }

        // A point written by someone else has no original id; its Qdrant id is the best we have.
        string id = point.Payload.TryGetValue(OriginalIdKey, out Value? original) ? original.StringValue
            : point.Id.HasUuid ? point.Id.Uuid : point.Id.Num.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new VectorHit(id, point.Score, payload);
    }

    private static Filter? ToFilter(IReadOnlyDictionary<string, string>? filter)
    {
        if (filter is null || filter.Count == 0)
        {
            return null;
        }

        var must = new Filter();
        foreach ((string key, string value) in filter)
        {
            must.Must.Add(Conditions.MatchKeyword(key, value));
        }

        return must;
    }
}
