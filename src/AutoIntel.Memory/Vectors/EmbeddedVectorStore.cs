using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AutoIntel.Memory.Vectors;

/// <summary>An in-process vector store: SIMD cosine search over contiguous arrays, persisted as one append-only log per collection.</summary>
/// <remarks>
/// Open one instance per folder and share it (a second instance on the same folder throws), or <see cref="InMemory"/> for an index
/// rebuilt from another source of truth (the LLM response cache). Collections load lazily on first use by
/// replaying <c>{root}/{collection}.vlog</c>; a torn tail from a crash is dropped, and a log mostly made of superseded
/// records is compacted on open. Rows are grouped by the partition key (the tenant), so tenant-filtered searches read
/// only that tenant's rows. Memory holds what every search scans (int8 codes, ids, indexed payload values); float vectors
/// and payloads are read back from the log for the few rows that need them, so a collection's memory does not grow with its texts.
/// </remarks>
public sealed class EmbeddedVectorStore : IVectorStore, IVectorScan, IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<VectorCollection>> _collections = new(StringComparer.Ordinal);
    private readonly ILogger _logger;
    private readonly string _partitionKey;
    private readonly IReadOnlySet<string>? _indexedKeys;
    private readonly FileStream? _folderLock; // null for an in-memory store
    private bool _disposed;

    /// <summary>The payload key records are partitioned by unless told otherwise.</summary>
    public const string DefaultPartitionKey = "tenant";

    /// <summary>Opens (or creates) a store in <paramref name="rootPath"/>.</summary>
    /// <param name="partitionKey">Payload key whose value groups rows contiguously; a filter naming it scans only that group.</param>
    /// <param name="indexedKeys">Payload keys to index for fast filtering (null: all); filters on other keys compare strings.</param>
    public EmbeddedVectorStore(string rootPath, ILogger<EmbeddedVectorStore>? logger = null, string partitionKey = DefaultPartitionKey, IReadOnlySet<string>? indexedKeys = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(partitionKey);
        _partitionKey = partitionKey;
        _indexedKeys = indexedKeys;
        ArgumentException.ThrowIfNullOrWhiteSpace(rootPath);
        RootPath = Path.GetFullPath(rootPath);
        Directory.CreateDirectory(RootPath);
        try
        {
            // Two stores appending to the same logs would interleave frames; an exclusive lock file (flock on Unix)
            // makes the second one fail at once, in this process or another.
            _folderLock = new FileStream(Path.Combine(RootPath, ".lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e)
        {
            throw new IOException($"The vector store in '{RootPath}' is already open; open one store per folder and share it.", e);
        }

        _logger = logger ?? NullLogger<EmbeddedVectorStore>.Instance;
    }

    private EmbeddedVectorStore(string partitionKey)
    {
        _partitionKey = partitionKey;
        _logger = NullLogger<EmbeddedVectorStore>.Instance;
    }

    /// <summary>The folder holding the collection logs, or null for an in-memory store.</summary>
    public string? RootPath { get; }

    /// <summary>Creates a store whose collections live only in memory: same search, no logs, nothing survives the process.</summary>
    public static EmbeddedVectorStore InMemory(string partitionKey = DefaultPartitionKey) => new(partitionKey);

    /// <inheritdoc />
    public Task UpsertAsync(string collection, IReadOnlyList<VectorRecord> records, CancellationToken cancellationToken = default)
    {
        if (records.Count == 0)
        {
            return Task.CompletedTask;
        }

        return Get(collection, create: true)!.UpsertAsync(records, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<VectorHit>> SearchAsync(string collection, float[] query, int topK, IReadOnlyDictionary<string, string>? filter = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        VectorCollection? found = Get(collection, create: false);
        return Task.FromResult(found?.Search(query, topK, filter) ?? []);
    }

    /// <inheritdoc />
    public Task<int> DeleteAsync(string collection, IReadOnlyList<string> ids, CancellationToken cancellationToken = default)
    {
        VectorCollection? found = Get(collection, create: false);
        return found is null || ids.Count == 0 ? Task.FromResult(0) : found.DeleteAsync(ids, cancellationToken);
    }

    /// <inheritdoc />
    public Task<long> CountAsync(string collection, IReadOnlyDictionary<string, string>? filter = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Get(collection, create: false)?.Count(filter) ?? 0L);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<VectorRecord>> ScanAsync(string collection, IReadOnlyDictionary<string, string>? filter = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Get(collection, create: false)?.Scan(filter) ?? []);
    }

    /// <summary>Rewrites a collection's log to hold only its live records.</summary>
    public Task CompactAsync(string collection, CancellationToken cancellationToken = default) =>
        Get(collection, create: false)?.CompactAsync(cancellationToken) ?? Task.CompletedTask;

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        foreach (Lazy<VectorCollection> lazy in _collections.Values)
        {
            if (lazy.IsValueCreated)
            {
                lazy.Value.Dispose();
            }
        }

        _collections.Clear();
        _folderLock?.Dispose();
    }

    private VectorCollection? Get(string collection, bool create)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        CollectionNames.Validate(collection);

        string? path = RootPath is null ? null : Path.Combine(RootPath, collection + ".vlog");
        if (!create && !_collections.ContainsKey(collection) && (path is null || !File.Exists(path)))
        {
            return null;
        }

        // Lazy with ExecutionAndPublication: concurrent first users replay the log once.
        Lazy<VectorCollection> lazy = _collections.GetOrAdd(collection, _ => new Lazy<VectorCollection>(() => Open(collection, path)));
        return lazy.Value;
    }

    private VectorCollection Open(string collection, string? path)
    {
        if (path is null)
        {
            return VectorCollection.CreateInMemory(_partitionKey, _indexedKeys);
        }

        VectorCollection opened = VectorCollection.Open(path, _partitionKey, _indexedKeys);
        if (opened.TailBytesDropped > 0)
        {
            _logger.LogWarning("Vector collection {Collection}: dropped {Bytes} bytes of a torn or corrupt log tail", collection, opened.TailBytesDropped);
        }

        _logger.LogDebug("Vector collection {Collection} opened: {Records} log records replayed", collection, opened.RecordsReplayed);
        return opened;
    }
}
