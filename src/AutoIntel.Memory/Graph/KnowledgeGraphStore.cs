using System.Collections.Concurrent;
using System.Text.Json;
using AutoIntel.Core.Serialization;
using AutoIntel.Memory.Text;
using AutoIntel.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AutoIntel.Memory.Graph;

/// <summary>Keeps one <see cref="KnowledgeGraph"/> per tenant as a JSON artifact (<c>memory/graph/{tenant}-{hash}.json</c>),
/// updated with optimistic concurrency so that every process and host sharing the artifact store shares one graph per tenant.</summary>
/// <remarks>
/// An update reads the graph with its version, applies the change to that fresh copy and writes it back only if nobody wrote
/// in between (<see cref="IArtifactStore.TryPutAsync"/>); otherwise it reads again and re-applies, so concurrent updates never
/// lose each other's edges. Within one process a per-tenant gate queues local callers, so they rarely conflict at all.
/// Graphs from the earlier per-folder layout are merged in on first use (see <see cref="LegacyRootPath"/>).
/// </remarks>
public sealed class KnowledgeGraphStore : IDisposable
{
    /// <summary>Artifact folder holding the graphs.</summary>
    public const string ArtifactPrefix = "memory/graph/";

    /// <summary>Conditional writes tried per update before giving up (each after re-reading what the winner wrote).</summary>
    public const int MaxAttempts = 16;

    private readonly IArtifactStore _artifacts;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _legacyChecked = new(StringComparer.Ordinal);

    /// <summary>Creates a store over <paramref name="artifacts"/>; graphs found in <paramref name="legacyRootPath"/> (the folder
    /// earlier versions kept one file per tenant in) are merged in on first use.</summary>
    public KnowledgeGraphStore(IArtifactStore artifacts, string? legacyRootPath = null, ILogger<KnowledgeGraphStore>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(artifacts);
        _artifacts = artifacts;
        LegacyRootPath = string.IsNullOrWhiteSpace(legacyRootPath) ? null : Path.GetFullPath(legacyRootPath);
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>The folder of pre-artifact-store graphs (<c>{tenant}-{hash}.json</c>), or null. A tenant's file there is merged into
    /// the shared graph (runs the shared graph lacks are added) and renamed to <c>.json.migrated</c>, so it is imported once.</summary>
    public string? LegacyRootPath { get; }

    /// <summary>The artifact path of a tenant's graph.</summary>
    public static string ArtifactPathOf(string tenant) => ArtifactPrefix + StableNames.Safe(tenant) + ".json";

    /// <summary>Applies a change to a tenant's graph, persists it, and returns what <paramref name="update"/> computed.</summary>
    /// <remarks><paramref name="update"/> may run more than once: when another writer saved the graph first, it runs again on a fresh
    /// copy holding that writer's change. It must therefore only change the graph it is given and compute its result from it,
    /// with no side effects elsewhere. Throws <see cref="InvalidOperationException"/> after <see cref="MaxAttempts"/> lost races.</remarks>
    public async Task<T> UpdateAsync<T>(string tenant, Func<KnowledgeGraph, T> update, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tenant);
        ArgumentNullException.ThrowIfNull(update);
        return await GatedAsync(
            tenant,
            async () =>
            {
                await ImportLegacyOnceAsync(tenant, cancellationToken);
                return await UpdateCoreAsync(tenant, update, cancellationToken);
            },
            cancellationToken);
    }

    /// <summary>A tenant's graph as last saved by any writer (empty when the tenant has none); a fresh copy the caller may change.</summary>
    public async Task<KnowledgeGraph> GetAsync(string tenant, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tenant);
        if (LegacyRootPath is not null && !_legacyChecked.ContainsKey(tenant))
        {
            await GatedAsync(tenant, () => ImportLegacyOnceAsync(tenant, cancellationToken), cancellationToken);
        }

        string path = ArtifactPathOf(tenant);
        return Deserialize((await _artifacts.GetVersionedAsync(path, cancellationToken))?.Content, path);
    }

    public void Dispose()
    {
        foreach (SemaphoreSlim gate in _gates.Values)
        {
            gate.Dispose();
        }
    }

    // One local caller per tenant at a time: the optimistic writes would be correct without it, but would conflict more often.
    private async Task<T> GatedAsync<T>(string tenant, Func<Task<T>> action, CancellationToken cancellationToken)
    {
        SemaphoreSlim gate = _gates.GetOrAdd(tenant, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            return await action();
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<T> UpdateCoreAsync<T>(string tenant, Func<KnowledgeGraph, T> update, CancellationToken cancellationToken)
    {
        string path = ArtifactPathOf(tenant);
        for (int attempt = 1; ; attempt++)
        {
            VersionedArtifact? current = await _artifacts.GetVersionedAsync(path, cancellationToken);
            KnowledgeGraph graph = Deserialize(current?.Content, path);
            T result = update(graph);
            byte[] content = JsonSerializer.SerializeToUtf8Bytes(graph, AutoIntelJson.Options);
            if (await _artifacts.TryPutAsync(path, content, ArtifactStoreExtensions.JsonMediaType, current?.Version, cancellationToken))
            {
                return result;
            }

            if (attempt == MaxAttempts)
            {
                throw new InvalidOperationException(
                    $"The knowledge graph of tenant '{tenant}' ({path}) was changed by other writers during each of {MaxAttempts} update attempts; giving up so the caller's retry can try again later.");
            }

            _logger.LogDebug("Knowledge graph {Path} changed since it was read (attempt {Attempt}); reading it again", path, attempt);
            // Jittered and growing, so writers that collided do not collide again in step.
            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 10 * Math.Min(attempt, 10))), cancellationToken);
        }
    }

    // Returns the number of legacy runs merged (0 when there was no legacy file or it was already imported).
    private async Task<int> ImportLegacyOnceAsync(string tenant, CancellationToken cancellationToken)
    {
        int merged = 0;
        if (_legacyChecked.ContainsKey(tenant))
        {
            return merged;
        }

        if (LegacyFileOf(tenant) is { } legacyFile && File.Exists(legacyFile))
        {
            KnowledgeGraph legacy = Deserialize(await ReadIfExistsAsync(legacyFile, cancellationToken), legacyFile);
            if (legacy.Runs.Count > 0)
            {
                merged = await UpdateCoreAsync(tenant, graph => graph.Merge(legacy), cancellationToken);
            }

            try
            {
                File.Move(legacyFile, legacyFile + ".migrated", overwrite: true);
            }
            catch (FileNotFoundException)
            {
                // Another process sharing the folder imported and renamed it first; the merge above skipped its runs.
            }

            _logger.LogInformation(
                "Merged {Runs} runs of the legacy knowledge graph {LegacyFile} into {Path}; the file is kept as {LegacyFile}.migrated",
                merged, legacyFile, ArtifactPathOf(tenant), legacyFile);
        }

        _legacyChecked[tenant] = true;
        return merged;
    }

    private string? LegacyFileOf(string tenant) => LegacyRootPath is null ? null : Path.Combine(LegacyRootPath, StableNames.Safe(tenant) + ".json");

    private static async Task<byte[]?> ReadIfExistsAsync(string file, CancellationToken cancellationToken)
    {
        try
        {
            return await File.ReadAllBytesAsync(file, cancellationToken);
        }
        catch (FileNotFoundException)
        {
            // Another process sharing the folder imported and renamed it since File.Exists.
            return null;
        }
    }

    private static KnowledgeGraph Deserialize(byte[]? content, string path)
    {
        if (content is null)
        {
            return new KnowledgeGraph();
        }

        try
        {
            return JsonSerializer.Deserialize<KnowledgeGraph>(content, AutoIntelJson.Options) ?? new KnowledgeGraph();
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"Knowledge graph '{path}' is not valid JSON: {ex.Message}", ex);
        }
    }
}
