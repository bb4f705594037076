using System.IO.Compression;
using System.Text;
using System.Text.Json;
using AutoIntel.Core.Serialization;
using AutoIntel.Storage;

namespace AutoIntel.Intelligence.Cache;

/// <summary>The response cache: an in-memory exact tier with adaptive TTLs, compression and a cost-aware LRU byte budget,
/// a semantic tier per tenant/task/template, and an exact tier persisted in the artifact store.</summary>
/// <remarks>Only validated answers are ever written; callers never store failures or invalid output.</remarks>
public sealed class ResponseCache
{
    /// <summary>Prefix of persisted entries in the artifact store.</summary>
    public const string StorePrefix = "llm-cache/";

    // How far into the LRU tail eviction looks for the cheapest entry to drop.
    private const int EvictionWindow = 16;

    private readonly CacheOptions _options;
    private readonly TimeProvider _time;
    private readonly IArtifactStore? _store;
    private readonly object _gate = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly LinkedList<Entry> _lru = new();
    private readonly Dictionary<string, SemanticIndex> _semantic = new(StringComparer.Ordinal);
    private long _bytes;

    public ResponseCache(CacheOptions options, TimeProvider time, IArtifactStore? store = null)
    {
        _options = options;
        _time = time;
        _store = options.Persist ? store : null;
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
            var path = PathOf(tenant, CacheKeys.Exact(baseKey, family));
            if (!await _store.ExistsAsync(path, cancellationToken))
            {
                continue;
            }

            var stored = JsonSerializer.Deserialize<StoredEntry>(Unpack(await _store.GetAsync(path, cancellationToken)), AutoIntelJson.Options);
            if (stored is null || stored.ExpiresAt <= _time.GetUtcNow())
            {
                continue;
            }

            Insert(CacheKeys.Exact(baseKey, family), null, null, stored.Payload, stored.Model, family, stored.CostUsd, stored.LatencyMs);
            return new CachedResponse(stored.Payload, stored.Model, family, stored.CostUsd, stored.LatencyMs, CacheTier.Persisted);
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

    /// <summary>The most similar answer in a partition at or above the threshold, from one of the given families, or null.</summary>
    public CachedResponse? GetSemantic(string partition, ReadOnlySpan<float> vector, IReadOnlyList<string> families)
    {
        lock (_gate)
        {
            if (!_semantic.TryGetValue(partition, out var index))
            {
                return null;
            }

            var key = index.FindBest(vector, _options.SemanticThreshold, k => _entries.TryGetValue(k, out var e) && families.Contains(e.Family), out var similarity);
            if (key is null || TouchLocked(key) is not { } entry)
            {
                return null;
            }

            return new CachedResponse(Read(entry), entry.Model, entry.Family, entry.CostUsd, entry.LatencyMs, CacheTier.Semantic, similarity);
        }
    }

    /// <summary>Stores a validated answer in memory (and the semantic index), then writes it through to the artifact store.</summary>
    public async Task SetAsync(CacheWrite write, CancellationToken cancellationToken = default)
    {
        var key = CacheKeys.Exact(write.BaseKey, write.Family);
        Insert(key, write.Partition, write.Vector, write.Payload, write.Model, write.Family, write.CostUsd, write.LatencyMs);
        if (_store is null)
        {
            return;
        }

        // Persisted entries live as long as the longest TTL: enough to survive a restart or a scale-out, not to go stale.
        var stored = new StoredEntry(write.Payload, write.Model, write.CostUsd, write.LatencyMs, _time.GetUtcNow() + _options.FrequentTtl);
        var bytes = Pack(JsonSerializer.SerializeToUtf8Bytes(stored, AutoIntelJson.Options));
        await _store.PutAsync(PathOf(write.Tenant, key), bytes, "application/octet-stream", cancellationToken);
    }

    /// <summary>The TTL an entry with this many hits gets.</summary>
    public TimeSpan TtlFor(int hits) =>
        hits >= _options.FrequentHits ? _options.FrequentTtl : hits >= _options.ModerateHits ? _options.ModerateTtl : _options.RareTtl;

    private void Insert(string key, string? partition, float[]? vector, string payload, string model, string family, decimal costUsd, double latencyMs)
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
            if (partition is not null && vector is not null && _options.SemanticEnabled)
            {
                if (!_semantic.TryGetValue(partition, out var index))
                {
                    _semantic[partition] = index = new SemanticIndex(vector.Length);
                }

                index.Upsert(key, vector);
            }

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
        if (e.Partition is not null && _semantic.TryGetValue(e.Partition, out var index))
        {
            index.Remove(e.Key);
        }
    }

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

    private sealed record StoredEntry(string Payload, string Model, decimal CostUsd, double LatencyMs, DateTimeOffset ExpiresAt);

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
