using System.Collections.Concurrent;
using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AutoIntel.Core.Serialization;
using AutoIntel.Memory.Embeddings;
using AutoIntel.Memory.Vectors;
using AutoIntel.Storage;

namespace AutoIntel.Intelligence.Cache;

/// <summary>The response cache: an in-memory exact tier with adaptive TTLs, compression and a cost-aware LRU byte budget,
/// a semantic tier per tenant/task/template, and an exact tier persisted in the artifact store.</summary>
/// <remarks>
/// Only validated answers are ever written; callers never store failures or invalid output. The semantic tier is the
/// community memory's vector search (<see cref="EmbeddedVectorStore.InMemory"/>, one collection per partition) over the
/// memory's embedder; it indexes every live entry, in memory or persisted, and after a restart is rebuilt per tenant from
/// the vectors stored with the persisted entries.
/// </remarks>
public sealed class ResponseCache : IDisposable
{
    /// <summary>Prefix of persisted entries in the artifact store.</summary>
    public const string StorePrefix = "llm-cache/";

    // How far into the LRU tail eviction looks for the cheapest entry to drop.
    private const int EvictionWindow = 16;

    // Nearest neighbours fetched per semantic lookup: the best one may be from a family the router ruled out, or gone.
    private const int SemanticCandidates = 4;
    private const string FamilyKey = "family";

    private readonly CacheOptions _options;
    private readonly TimeProvider _time;
    private readonly IArtifactStore? _store;
    private readonly object _gate = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly LinkedList<Entry> _lru = new();
    private readonly IEmbedder _embedder;
    private readonly EmbeddedVectorStore _vectors = EmbeddedVectorStore.InMemory();
    private readonly ConcurrentDictionary<string, Lazy<Task>> _tenantsIndexed = new(StringComparer.Ordinal);
    private readonly List<(string Partition, string Key)> _unindex = [];
    private long _bytes;

    /// <summary>Creates a cache; <paramref name="embedder"/> defaults to the memory's offline <see cref="HashingEmbedder"/>.</summary>
    public ResponseCache(CacheOptions options, TimeProvider time, IArtifactStore? store = null, IEmbedder? embedder = null)
    {
        _options = options;
        _time = time;
        _store = options.Persist ? store : null;
        _embedder = embedder ?? new HashingEmbedder();
    }

    /// <summary>Entries in memory.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>Bytes held in memory (compressed size).</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>Entries evicted for the byte budget.</summary>
    public long Evictions { get; private set; }

    /// <summary>The exact-tier answer for a request from any of the given model families, memory first, then the persisted tier.</summary>
    public async Task<CachedResponse?> GetExactAsync(string baseKey, string tenant, IReadOnlyList<string> families, CancellationToken cancellationToken = default)
    {
        if (TryGetMemory(baseKey, families) is { } hit)
        {
            return hit;
        }

        if (_store is null)
        {
            return null;
        }

        foreach (var family in families)
        {
            if (await ReadStoredAsync(tenant, CacheKeys.Exact(baseKey, family), cancellationToken) is { } stored)
            {
                Insert(CacheKeys.Exact(baseKey, family), stored.Partition, stored.Payload, stored.Model, family, stored.CostUsd, stored.LatencyMs);
                return new CachedResponse(stored.Payload, stored.Model, family, stored.CostUsd, stored.LatencyMs, CacheTier.Persisted);
            }
        }

        return null;
    }

    /// <summary>The exact in-memory answer for a request from any of the given model families, or null.</summary>
    public CachedResponse? TryGetMemory(string baseKey, IReadOnlyList<string> families)
    {
        lock (_gate)
        {
            foreach (var family in families)
            {
                if (TouchLocked(CacheKeys.Exact(baseKey, family)) is { } e)
                {
                    return new CachedResponse(Read(e), e.Model, e.Family, e.CostUsd, e.LatencyMs, CacheTier.Memory);
                }
            }
        }

        return null;
    }

    /// <summary>The embedding of a prompt for <see cref="GetSemanticAsync"/> and <see cref="CacheWrite.Vector"/>.</summary>
    public async Task<float[]> EmbedAsync(string prompt, CancellationToken cancellationToken = default) =>
        _embedder is HashingEmbedder hashing ? hashing.Embed(prompt) : (await _embedder.EmbedAsync([prompt], cancellationToken))[0];

    /// <summary>The most similar answer in a partition at or above the threshold, from one of the given families, or null.</summary>
    /// <remarks>Looks at the in-memory tier first and reads the persisted tier for an entry that memory evicted or never held (after a restart).</remarks>
    public async Task<CachedResponse?> GetSemanticAsync(string tenant, string partition, float[] vector, IReadOnlyList<string> families, CancellationToken cancellationToken = default)
    {
        await IndexTenantAsync(tenant, cancellationToken);
        var collection = CollectionOf(partition);
        var hits = await _vectors.SearchAsync(collection, vector, SemanticCandidates, cancellationToken: cancellationToken);
        foreach (var hit in hits)
        {
            if (hit.Score < _options.SemanticThreshold)
            {
                break;
            }

            if (!families.Contains(hit.Payload[FamilyKey], StringComparer.OrdinalIgnoreCase))
            {
                continue;
            }

            lock (_gate)
            {
                if (TouchLocked(hit.Id) is { } entry)
                {
                    return new CachedResponse(Read(entry), entry.Model, entry.Family, entry.CostUsd, entry.LatencyMs, CacheTier.Semantic, hit.Score);
                }
            }

            if (await ReadStoredAsync(tenant, hit.Id, cancellationToken) is { } stored)
            {
                Insert(hit.Id, partition, stored.Payload, stored.Model, hit.Payload[FamilyKey], stored.CostUsd, stored.LatencyMs);
                return new CachedResponse(stored.Payload, stored.Model, hit.Payload[FamilyKey], stored.CostUsd, stored.LatencyMs, CacheTier.Semantic, hit.Score);
            }

            // Neither tier holds it any more (expired): drop the vector so the next lookup does not look again.
            await _vectors.DeleteAsync(collection, [hit.Id], cancellationToken);
        }

        await DrainUnindexAsync(cancellationToken);
        return null;
    }

    /// <summary>Stores a validated answer in memory (and the semantic index), then writes it through to the artifact store.</summary>
    public async Task SetAsync(CacheWrite write, CancellationToken cancellationToken = default)
    {
        var key = CacheKeys.Exact(write.BaseKey, write.Family);
        var semantic = write.Vector is not null && _options.SemanticEnabled;
        Insert(key, semantic ? write.Partition : null, write.Payload, write.Model, write.Family, write.CostUsd, write.LatencyMs);
        if (semantic)
        {
            await IndexAsync(write.Partition, [(key, write.Family, write.Vector!)], cancellationToken);
        }

        await DrainUnindexAsync(cancellationToken);
        if (_store is null)
        {
            return;
        }

        // Persisted entries live as long as the longest TTL: enough to survive a restart or a scale-out, not to go stale.
        // The vector travels with the entry so a restarted process can rebuild the semantic tier without re-embedding.
        var stored = new StoredEntry(
            write.Payload,
            write.Model,
            write.CostUsd,
            write.LatencyMs,
            _time.GetUtcNow() + _options.FrequentTtl,
            write.Family,
            semantic ? write.Partition : null,
            semantic ? _embedder.Name : null,
            semantic ? MemoryMarshal.AsBytes(write.Vector.AsSpan()).ToArray() : null);
        var bytes = Pack(JsonSerializer.SerializeToUtf8Bytes(stored, AutoIntelJson.Options));
        await _store.PutAsync(PathOf(write.Tenant, key), bytes, "application/octet-stream", cancellationToken);
    }

    /// <summary>The TTL an entry with this many hits gets.</summary>
    public TimeSpan TtlFor(int hits) =>
        hits >= _options.FrequentHits ? _options.FrequentTtl : hits >= _options.ModerateHits ? _options.ModerateTtl : _options.RareTtl;

    /// <summary>Disposes the semantic index.</summary>
    public void Dispose() => _vectors.Dispose();

    private void Insert(string key, string? partition, string payload, string model, string family, decimal costUsd, double latencyMs)
    {
        var raw = Encoding.UTF8.GetBytes(payload);
        var compressed = raw.Length > _options.CompressAboveBytes;
        var data = compressed ? Compress(raw) : raw;
        lock (_gate)
        {
            if (_entries.TryGetValue(key, out var old))
            {
                RemoveLocked(old);
            }

            var entry = new Entry(key, partition, family, model, data, compressed, raw.Length, costUsd, latencyMs) { LastAccess = _time.GetUtcNow() };
            entry.Node = _lru.AddFirst(entry);
            _entries[key] = entry;
            _bytes += entry.Size;
            EvictLocked();
        }
    }

    private Entry? TouchLocked(string key)
    {
        if (!_entries.TryGetValue(key, out var e))
        {
            return null;
        }

        var now = _time.GetUtcNow();
        if (now - e.LastAccess > TtlFor(e.Hits))
        {
            RemoveLocked(e);
            return null;
        }

        e.Hits++;
        e.LastAccess = now;
        _lru.Remove(e.Node!);
        _lru.AddFirst(e.Node!);
        return e;
    }

    // LRU that spares expensive answers: among the least recently used few, drop the cheapest to recompute.
    private void EvictLocked()
    {
        while (_bytes > _options.MaxBytes && _lru.Last is not null)
        {
            var victim = _lru.Last.Value;
            var node = _lru.Last;
            for (var i = 0; i < EvictionWindow && node is not null; i++, node = node.Previous)
            {
                if (node.Value.CostUsd < victim.CostUsd)
                {
                    victim = node.Value;
                }
            }

            RemoveLocked(victim);
            Evictions++;
        }
    }

    private void RemoveLocked(Entry e)
    {
        _entries.Remove(e.Key);
        _lru.Remove(e.Node!);
        _bytes -= e.Size;

        // With a persisted tier the vector stays: the entry is still served from the store. Without one it is gone for good.
        if (e.Partition is not null && _store is null)
        {
            _unindex.Add((e.Partition, e.Key));
        }
    }

    private async Task IndexAsync(string partition, IEnumerable<(string Key, string Family, float[] Vector)> items, CancellationToken cancellationToken)
    {
        var records = items
            .Select(i => new VectorRecord(i.Key, i.Vector, new Dictionary<string, string>(StringComparer.Ordinal) { [FamilyKey] = i.Family }))
            .ToList();
        await _vectors.UpsertAsync(CollectionOf(partition), records, cancellationToken);
    }

    private async Task DrainUnindexAsync(CancellationToken cancellationToken)
    {
        List<(string Partition, string Key)> drained;
        lock (_gate)
        {
            if (_unindex.Count == 0)
            {
                return;
            }

            drained = [.. _unindex];
            _unindex.Clear();
        }

        foreach (var group in drained.GroupBy(d => d.Partition, StringComparer.Ordinal))
        {
            await _vectors.DeleteAsync(CollectionOf(group.Key), [.. group.Select(d => d.Key).Distinct(StringComparer.Ordinal)], cancellationToken);
        }
    }

    // Once per tenant and process: put the vectors of the tenant's live persisted entries back into the semantic index.
    private Task IndexTenantAsync(string tenant, CancellationToken cancellationToken)
    {
        if (_store is null)
        {
            return Task.CompletedTask;
        }

        var lazy = _tenantsIndexed.GetOrAdd(tenant, t => new Lazy<Task>(() => RebuildTenantAsync(t, CancellationToken.None)));
        return lazy.Value.WaitAsync(cancellationToken);
    }

    private async Task RebuildTenantAsync(string tenant, CancellationToken cancellationToken)
    {
        var folder = $"{StorePrefix}{CacheKeys.TenantFolder(tenant)}/";
        var now = _time.GetUtcNow();
        var byPartition = new Dictionary<string, List<(string Key, string Family, float[] Vector)>>(StringComparer.Ordinal);
        foreach (var path in await _store!.ListAsync(folder, cancellationToken))
        {
            var key = path[folder.Length..^".bin".Length];
            var stored = await ReadStoredAsync(tenant, key, cancellationToken);
            if (stored?.Partition is null || stored.Vector is null || stored.Embedder != _embedder.Name || stored.Vector.Length != _embedder.Dimensions * sizeof(float) || stored.ExpiresAt <= now)
            {
                continue;
            }

            var family = stored.Family ?? key[(key.IndexOf('.', StringComparison.Ordinal) + 1)..];
            if (!byPartition.TryGetValue(stored.Partition, out var items))
            {
                byPartition[stored.Partition] = items = [];
            }

            items.Add((key, family, MemoryMarshal.Cast<byte, float>(stored.Vector).ToArray()));
        }

        foreach (var (partition, items) in byPartition)
        {
            await IndexAsync(partition, items, cancellationToken);
        }
    }

    private async Task<StoredEntry?> ReadStoredAsync(string tenant, string key, CancellationToken cancellationToken)
    {
        if (_store is null)
        {
            return null;
        }

        var path = PathOf(tenant, key);
        if (!await _store.ExistsAsync(path, cancellationToken))
        {
            return null;
        }

        var stored = JsonSerializer.Deserialize<StoredEntry>(Unpack(await _store.GetAsync(path, cancellationToken)), AutoIntelJson.Options);
        return stored is null || stored.ExpiresAt <= _time.GetUtcNow() ? null : stored;
    }

    // Collection names must be short and path-safe; partitions hold arbitrary tenant ids.
    private static string CollectionOf(string partition) =>
        "p" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(partition)))[..32];

    private static string Read(Entry e) => Encoding.UTF8.GetString(e.Compressed ? Decompress(e.Data, e.OriginalLength) : e.Data);

    private static byte[] Compress(byte[] raw)
    {
        var buffer = new byte[BrotliEncoder.GetMaxCompressedLength(raw.Length)];
        if (!BrotliEncoder.TryCompress(raw, buffer, out var written, quality: 1, window: 22))
        {
            throw new InvalidOperationException("Brotli compression failed.");
        }

        return buffer[..written];
    }

    private static byte[] Decompress(byte[] data, int length)
    {
        var buffer = new byte[length];
        return BrotliDecoder.TryDecompress(data, buffer, out var written) && written == length
            ? buffer
            : throw new InvalidDataException("Corrupt cache entry.");
    }

    // Persisted format: one marker byte (0 plain, 1 Brotli) and the JSON envelope.
    private byte[] Pack(byte[] json)
    {
        if (json.Length <= _options.CompressAboveBytes)
        {
            return [0, .. json];
        }

        var lengthPrefix = BitConverter.GetBytes(json.Length);
        return [1, .. lengthPrefix, .. Compress(json)];
    }

    private static byte[] Unpack(byte[] bytes) => bytes[0] == 1
        ? Decompress(bytes[5..], BitConverter.ToInt32(bytes, 1))
        : bytes[1..];

    private static string PathOf(string tenant, string key) => $"{StorePrefix}{CacheKeys.TenantFolder(tenant)}/{key}.bin";

    // Family, Partition, Embedder and Vector are null in entries written before the semantic tier was persisted.
    private sealed record StoredEntry(
        string Payload,
        string Model,
        decimal CostUsd,
        double LatencyMs,
        DateTimeOffset ExpiresAt,
        string? Family = null,
        string? Partition = null,
        string? Embedder = null,
        byte[]? Vector = null);

    private sealed class Entry(string key, string? partition, string family, string model, byte[] data, bool compressed, int originalLength, decimal costUsd, double latencyMs)
    {
        public string Key { get; } = key;

        public string? Partition { get; } = partition;

        public string Family { get; } = family;

        public string Model { get; } = model;

        public byte[] Data { get; } = data;

        public bool Compressed { get; } = compressed;

        public int OriginalLength { get; } = originalLength;

        public decimal CostUsd { get; } = costUsd;

        public double LatencyMs { get; } = latencyMs;

        // Entry bookkeeping: bytes plus a fixed overhead for keys and the index slot.
        public long Size => Data.Length + 256;

        public int Hits { get; set; }

        public DateTimeOffset LastAccess { get; set; }

        public LinkedListNode<Entry>? Node { get; set; }
    }
}
