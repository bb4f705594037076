using System.Collections.Concurrent;
using System.Text.Json;
using AutoIntel.Core.Serialization;
using AutoIntel.Memory.Text;

namespace AutoIntel.Memory.Graph;

/// <summary>Keeps one <see cref="KnowledgeGraph"/> per tenant as a JSON file, updated one writer at a time and replaced atomically.</summary>
public sealed class KnowledgeGraphStore : IDisposable
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, KnowledgeGraph> _cache = new(StringComparer.Ordinal);

    /// <summary>Creates a store whose graphs live in <paramref name="rootPath"/>.</summary>
    public KnowledgeGraphStore(string rootPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(rootPath);
        RootPath = Path.GetFullPath(rootPath);
        Directory.CreateDirectory(RootPath);
    }

    /// <summary>The folder holding one <c>{tenant}-{hash}.json</c> file per tenant.</summary>
    public string RootPath { get; }

    /// <summary>Applies a change to a tenant's graph, persists it, and returns what <paramref name="update"/> computed.</summary>
    public async Task<T> UpdateAsync<T>(string tenant, Func<KnowledgeGraph, T> update, CancellationToken cancellationToken = default)
    {
        SemaphoreSlim gate = _gates.GetOrAdd(tenant, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            // Work on a fresh copy from disk so a failed update never leaves a half-changed graph in the cache.
            KnowledgeGraph graph = await ReadAsync(tenant, cancellationToken);
            T result = update(graph);
            await WriteAsync(tenant, graph, cancellationToken);
            _cache[tenant] = graph;
            return result;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>A tenant's graph as last saved (empty when the tenant has none); treat it as read-only.</summary>
    public async Task<KnowledgeGraph> GetAsync(string tenant, CancellationToken cancellationToken = default)
    {
        if (_cache.TryGetValue(tenant, out KnowledgeGraph? cached))
        {
            return cached;
        }

        KnowledgeGraph graph = await ReadAsync(tenant, cancellationToken);
        return _cache.GetOrAdd(tenant, graph);
    }

    public void Dispose()
    {
        foreach (SemaphoreSlim gate in _gates.Values)
        {
            gate.Dispose();
        }
    }

    private string PathOf(string tenant) => Path.Combine(RootPath, StableNames.Safe(tenant) + ".json");

    private async Task<KnowledgeGraph> ReadAsync(string tenant, CancellationToken cancellationToken)
    {
        string path = PathOf(tenant);
        if (!File.Exists(path))
        {
            return new KnowledgeGraph();
        }

        await using FileStream stream = File.OpenRead(path);
        return await JsonSerializer.DeserializeAsync<KnowledgeGraph>(stream, AutoIntelJson.Options, cancellationToken) ?? new KnowledgeGraph();
    }

    private async Task WriteAsync(string tenant, KnowledgeGraph graph, CancellationToken cancellationToken)
    {
        string path = PathOf(tenant);
        string temp = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            await using (FileStream stream = new(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                await JsonSerializer.SerializeAsync(stream, graph, AutoIntelJson.Options, cancellationToken);
                await stream.FlushAsync(cancellationToken);
            }

            // Rename is atomic on one volume: readers see the old graph or the new one, never half of either.
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }
}
