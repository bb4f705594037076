using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AutoIntel.Memory.Vectors;

/// <summary>An in-process vector store: SIMD cosine search over contiguous arrays, persisted as one append-only log per collection.</summary>
/// <remarks>
/// Open one instance per folder (the logs are locked against a second writer). Collections load lazily on first use by
/// replaying <c>{root}/{collection}.vlog</c>; a torn tail from a crash is dropped, and a log mostly made of superseded
/// records is compacted on open. <see cref="InMemory"/> gives the same search without any files, for indexes that are
/// rebuilt from another source of truth (the LLM response cache).
/// </remarks>
public sealed partial class EmbeddedVectorStore : IVectorStore, IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<VectorCollection>> _collections = new(StringComparer.Ordinal);
    private readonly ILogger _logger;
    private bool _disposed;

    /// <summary>Opens (or creates) a store in <paramref name="rootPath"/>.</summary>
    public EmbeddedVectorStore(string rootPath, ILogger<EmbeddedVectorStore>? logger = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(rootPath);
        RootPath = Path.GetFullPath(rootPath);
        Directory.CreateDirectory(RootPath);
        _logger = logger ?? NullLogger<EmbeddedVectorStore>.Instance;
    }

    private EmbeddedVectorStore()
    {
        _logger = NullLogger<EmbeddedVectorStore>.Instance;
    }

    /// <summary>The folder holding the collection logs, or null for an in-memory store.</summary>
    public string? RootPath { get; }

    /// <summary>Creates a store whose collections live only in memory: same search, no logs, nothing survives the process.</summary>
    public static EmbeddedVectorStore InMemory() => new();

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
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$")]
    private static partial Regex CollectionName();

    private VectorCollection? Get(string collection, bool create)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!CollectionName().IsMatch(collection))
        {
            throw new ArgumentException($"'{collection}' is not a valid collection name (letters, digits, '_', '.', '-'; at most 100).", nameof(collection));
        }

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
            return VectorCollection.CreateInMemory();
        }

        VectorCollection opened = VectorCollection.Open(path);
        if (opened.TailBytesDropped > 0)
        {
            _logger.LogWarning("Vector collection {Collection}: dropped {Bytes} bytes of a torn or corrupt log tail", collection, opened.TailBytesDropped);
        }

        _logger.LogDebug("Vector collection {Collection} opened: {Records} log records replayed", collection, opened.RecordsReplayed);
        return opened;
    }
}
