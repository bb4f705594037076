using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AutoIntel.Memory.Vectors.Qdrant;

/// <summary>An <see cref="IVectorStore"/> over Qdrant's REST API (Qdrant 1.11 or later).</summary>
/// <remarks>
/// Each of our collections is the Qdrant collection <c>{CollectionPrefix}{name}</c> with one unnamed Cosine vector, created on
/// first upsert with that batch's vector length, plus keyword payload indexes for the filter keys (the tenant key with
/// <c>is_tenant: true</c>). Record ids become name-based UUIDs (<see cref="QdrantPointIds"/>) and the original id is kept in the
/// payload under <see cref="OriginalIdKey"/>. Upserts and deletes are sent in requests of at most
/// <see cref="MaxPointsPerRequest"/> points with <c>wait=true</c>; each request is atomic in Qdrant, a larger batch is not.
/// Thread-safe; one instance owns one <see cref="HttpClient"/>.
/// </remarks>
public sealed class QdrantVectorStore : IVectorStore, IDisposable
{
    /// <summary>Points per upsert or delete request: well below Qdrant's 32 MB default body limit for 4096-dim vectors with text.</summary>
    public const int MaxPointsPerRequest = 256;

    /// <summary>Payload key holding our original record id (Qdrant's own id is its UUID).</summary>
    public const string OriginalIdKey = "_id";

    private readonly QdrantRestClient _client;
    private readonly QdrantOptions _options;
    private readonly string _tenantKey;
    private readonly IReadOnlySet<string> _indexedKeys;
    private readonly ILogger _logger;

    // Collections known to exist (created or found) with their vector size; a failed lookup is removed so the next call retries.
    // Lazy, because GetOrAdd may run its factory twice under contention: the Lazy makes the creation itself run once.
    private readonly ConcurrentDictionary<string, Lazy<Task<int>>> _known = new(StringComparer.Ordinal);

    /// <summary>Creates a store talking to <see cref="QdrantOptions.Url"/>.</summary>
    /// <param name="tenantKey">Payload key of the tenant: indexed with <c>is_tenant: true</c>, so each tenant's points are stored together.</param>
    /// <param name="indexedKeys">Payload keys that get keyword indexes (filters on other keys still work, unindexed).</param>
    /// <param name="handler">Optional HTTP handler (tests, proxies); the store disposes it.</param>
    public QdrantVectorStore(
        QdrantOptions options,
        string tenantKey = EmbeddedVectorStore.DefaultPartitionKey,
        IReadOnlySet<string>? indexedKeys = null,
        ILogger<QdrantVectorStore>? logger = null,
        HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(tenantKey);
        if (!Uri.TryCreate(options.Url, UriKind.Absolute, out Uri? url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"Memory:Qdrant:Url must be an absolute http(s) URL such as http://localhost:6333 (was '{options.Url}').", nameof(options));
        }

        _options = options;
        _tenantKey = tenantKey;
        _indexedKeys = new HashSet<string>(indexedKeys ?? new HashSet<string>(), StringComparer.Ordinal) { tenantKey };
        _logger = logger ?? NullLogger<QdrantVectorStore>.Instance;
        _client = new QdrantRestClient(options, _logger, handler);
    }

    /// <summary>Qdrant's REST root this store talks to.</summary>
    public Uri BaseAddress => _client.BaseAddress;

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
                for (int start = 0; start < records.Count; start += MaxPointsPerRequest)
                {
                    int count = Math.Min(MaxPointsPerRequest, records.Count - start);
                    using JsonDocument? _ = await _client.SendAsync(HttpMethod.Put, Path(name, "points?wait=true"), UpsertBody(records, start, count), missingIsNull: false, cancellationToken);
                }

                return;
            }
            catch (QdrantException e) when (e.StatusCode == HttpStatusCode.NotFound && attempt == 0)
            {
                // The collection was deleted behind our back (or the cache is stale): create it again, once.
                _known.TryRemove(name, out _);
            }
            catch (QdrantException e) when (e.StatusCode == HttpStatusCode.BadRequest && e.Message.Contains("dimension", StringComparison.OrdinalIgnoreCase))
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
        byte[] body = Write(w =>
        {
            w.WriteStartArray("query");
            foreach (float x in query)
            {
                w.WriteNumberValue(x);
            }

            w.WriteEndArray();
            w.WriteNumber("limit", topK);
            w.WriteBoolean("with_payload", true);
            w.WriteBoolean("with_vector", false);
            WriteFilter(w, filter);
        });

        JsonDocument? doc;
        try
        {
            doc = await _client.SendAsync(HttpMethod.Post, Path(name, "points/query"), body, missingIsNull: true, cancellationToken);
        }
        catch (QdrantException e) when (e.StatusCode == HttpStatusCode.BadRequest && e.Message.Contains("dimension", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"The query has {query.Length} dimensions but collection '{collection}' holds vectors of another size ({e.Message}).", nameof(query), e);
        }

        using (doc)
        {
            if (doc is null)
            {
                return [];
            }

            var hits = new List<VectorHit>();
            foreach (JsonElement point in doc.RootElement.GetProperty("result").GetProperty("points").EnumerateArray())
            {
                var payload = new Dictionary<string, string>(StringComparer.Ordinal);
                string? id = null;
                if (point.TryGetProperty("payload", out JsonElement p) && p.ValueKind == JsonValueKind.Object)
                {
                    foreach (JsonProperty field in p.EnumerateObject())
                    {
                        string value = field.Value.ValueKind == JsonValueKind.String ? field.Value.GetString()! : field.Value.GetRawText();
                        if (field.NameEquals(OriginalIdKey))
                        {
                            id = value;
                        }
                        else
                        {
                            payload[field.Name] = value;
                        }
                    }
                }

                // A point written by someone else has no original id; its Qdrant id is the best we have.
                hits.Add(new VectorHit(id ?? point.GetProperty("id").ToString(), point.GetProperty("score").GetDouble(), payload));
            }

            return hits;
        }
    }

    /// <inheritdoc />
    public async Task<int> DeleteAsync(string collection, IReadOnlyList<string> ids, CancellationToken cancellationToken = default)
    {
        string name = QdrantCollection(collection);
        string[] points = [.. ids.Distinct(StringComparer.Ordinal).Select(QdrantPointIds.For)];
        int deleted = 0;
        for (int start = 0; start < points.Length; start += MaxPointsPerRequest)
        {
            ArraySegment<string> chunk = new(points, start, Math.Min(MaxPointsPerRequest, points.Length - start));

            // Qdrant's delete does not say how many points existed, so count them first (exact, by id).
            byte[] count = Write(w =>
            {
                w.WriteStartObject("filter");
                w.WriteStartArray("must");
                w.WriteStartObject();
                WriteIds(w, "has_id", chunk);
                w.WriteEndObject();
                w.WriteEndArray();
                w.WriteEndObject();
                w.WriteBoolean("exact", true);
            });
            using (JsonDocument? counted = await _client.SendAsync(HttpMethod.Post, Path(name, "points/count"), count, missingIsNull: true, cancellationToken))
            {
                if (counted is null)
                {
                    return 0;
                }

                int existing = counted.RootElement.GetProperty("result").GetProperty("count").GetInt32();
                if (existing == 0)
                {
                    continue;
                }

                deleted += existing;
            }

            byte[] delete = Write(w => WriteIds(w, "points", chunk));
            using JsonDocument? _ = await _client.SendAsync(HttpMethod.Post, Path(name, "points/delete?wait=true"), delete, missingIsNull: true, cancellationToken);
        }

        return deleted;
    }

    /// <inheritdoc />
    public async Task<long> CountAsync(string collection, IReadOnlyDictionary<string, string>? filter = null, CancellationToken cancellationToken = default)
    {
        string name = QdrantCollection(collection);
        byte[] body = Write(w =>
        {
            w.WriteBoolean("exact", true);
            WriteFilter(w, filter);
        });
        using JsonDocument? doc = await _client.SendAsync(HttpMethod.Post, Path(name, "points/count"), body, missingIsNull: true, cancellationToken);
        return doc?.RootElement.GetProperty("result").GetProperty("count").GetInt64() ?? 0;
    }

    public void Dispose() => _client.Dispose();

    private static string Path(string name, string rest = "") =>
        rest.Length == 0 ? $"collections/{Uri.EscapeDataString(name)}" : $"collections/{Uri.EscapeDataString(name)}/{rest}";

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
        // Shared by concurrent first upserts, so it must not be cancelled by one caller; HttpClient's timeout bounds it.
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
            byte[] create = Write(w =>
            {
                w.WriteStartObject("vectors");
                w.WriteNumber("size", dims);
                w.WriteString("distance", "Cosine");
                w.WriteEndObject();
            });
            try
            {
                using JsonDocument? _ = await _client.SendAsync(HttpMethod.Put, Path(name), create, missingIsNull: false, CancellationToken.None);
                _logger.LogInformation("Created Qdrant collection {Collection} ({Dims} dimensions, Cosine)", name, dims);
            }
            catch (QdrantException e) when (e.StatusCode == HttpStatusCode.Conflict
                || (e.StatusCode == HttpStatusCode.BadRequest && e.Message.Contains("already exists", StringComparison.OrdinalIgnoreCase)))
            {
                // Another process created it first (409 since Qdrant 1.8, 400 before); its size is what counts.
            }

            size = await ReadVectorSizeAsync(name, CancellationToken.None)
                ?? throw new QdrantException($"Qdrant collection '{name}' vanished right after it was created.");
        }

        // Creating an index that exists is a no-op in Qdrant, so this is safe on every start and from every process.
        foreach (string key in _indexedKeys.Order(StringComparer.Ordinal))
        {
            byte[] index = Write(w =>
            {
                w.WriteString("field_name", key);
                if (key == _tenantKey)
                {
                    w.WriteStartObject("field_schema");
                    w.WriteString("type", "keyword");
                    w.WriteBoolean("is_tenant", true);
                    w.WriteEndObject();
                }
                else
                {
                    w.WriteString("field_schema", "keyword");
                }
            });
            using JsonDocument? _ = await _client.SendAsync(HttpMethod.Put, Path(name, "index?wait=true"), index, missingIsNull: false, CancellationToken.None);
        }

        return size.Value;
    }

    private async Task<int?> ReadVectorSizeAsync(string name, CancellationToken cancellationToken)
    {
        using JsonDocument? doc = await _client.SendAsync(HttpMethod.Get, Path(name), body: null, missingIsNull: true, cancellationToken);
        if (doc is null)
        {
            return null;
        }

        JsonElement vectors = doc.RootElement.GetProperty("result").GetProperty("config").GetProperty("params").GetProperty("vectors");
        if (!vectors.TryGetProperty("size", out JsonElement size))
        {
            throw new QdrantException($"Qdrant collection '{name}' uses named vectors; AutoIntel needs one unnamed Cosine vector per point. Use another Memory:Qdrant:CollectionPrefix.");
        }

        return size.GetInt32();
    }

    private static byte[] UpsertBody(IReadOnlyList<VectorRecord> records, int start, int count) => Write(w =>
    {
        w.WriteStartArray("points");
        for (int i = start; i < start + count; i++)
        {
            VectorRecord record = records[i];
            w.WriteStartObject();
            w.WriteString("id", QdrantPointIds.For(record.Id));
            w.WriteStartArray("vector");
            foreach (float x in record.Vector)
            {
                w.WriteNumberValue(x);
            }

            w.WriteEndArray();
            w.WriteStartObject("payload");
            w.WriteString(OriginalIdKey, record.Id);
            foreach ((string key, string value) in record.Payload)
            {
                w.WriteString(key, value);
            }

            w.WriteEndObject();
            w.WriteEndObject();
        }

        w.WriteEndArray();
    });

    private static void WriteFilter(Utf8JsonWriter w, IReadOnlyDictionary<string, string>? filter)
    {
        if (filter is null || filter.Count == 0)
        {
            return;
        }

        w.WriteStartObject("filter");
        w.WriteStartArray("must");
        foreach ((string key, string value) in filter)
        {
            w.WriteStartObject();
            w.WriteString("key", key);
            w.WriteStartObject("match");
            w.WriteString("value", value);
            w.WriteEndObject();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteIds(Utf8JsonWriter w, string property, IEnumerable<string> points)
    {
        w.WriteStartArray(property);
        foreach (string point in points)
        {
            w.WriteStringValue(point);
        }

        w.WriteEndArray();
    }

    private static byte[] Write(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            body(w);
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
