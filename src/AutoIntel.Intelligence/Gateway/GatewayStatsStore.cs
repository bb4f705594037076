using System.Text.Json;
using AutoIntel.Core.Serialization;
using AutoIntel.Storage;

namespace AutoIntel.Intelligence.Gateway;

/// <summary>Keeps gateway analytics across processes: each process saves its own snapshot, readers add them all up.</summary>
/// <remarks>One file per process (<c>llm-analytics/{writer}.json</c>) so parallel processes never overwrite each other's counts.</remarks>
public sealed class GatewayStatsStore
{
    /// <summary>Prefix of persisted analytics in the artifact store.</summary>
    public const string StorePrefix = "llm-analytics/";

    private readonly IArtifactStore _store;
    private readonly string _writer = Guid.NewGuid().ToString("N");

    /// <summary>Creates a store over the artifact store.</summary>
    public GatewayStatsStore(IArtifactStore store) => _store = store;

    /// <summary>Saves this process's snapshot (replacing its earlier one); snapshots without any activity are not written.</summary>
    public async Task SaveAsync(GatewayStats stats, CancellationToken cancellationToken = default)
    {
        if (stats.Models.Count == 0 && stats.Cache.Hits + stats.Cache.Misses == 0 && stats.OfflineFallbacks == 0)
        {
            return;
        }

        await _store.PutAsync($"{StorePrefix}{_writer}.json", JsonSerializer.SerializeToUtf8Bytes(stats, AutoIntelJson.Options), "application/json", cancellationToken);
    }

    /// <summary>Every saved snapshot added up (null when nothing was ever saved).</summary>
    public async Task<GatewayStats?> LoadAllAsync(CancellationToken cancellationToken = default)
    {
        var all = new List<GatewayStats>();
        foreach (var path in await _store.ListAsync(StorePrefix, cancellationToken))
        {
            if (JsonSerializer.Deserialize<GatewayStats>(await _store.GetAsync(path, cancellationToken), AutoIntelJson.Options) is { } stats)
            {
                all.Add(stats);
            }
        }

        return all.Count == 0 ? null : GatewayStats.Merge(all);
    }
}
