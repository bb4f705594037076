using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using AutoIntel.Core.Serialization;
using AutoIntel.Intelligence.Cache;
using AutoIntel.Storage;

namespace AutoIntel.Intelligence.Budgets;

/// <summary>Tracks spend per run and per tenant per UTC day against the configured caps.</summary>
/// <remarks>
/// With an artifact store the tenant-day spend is shared: each ledger (one per process) writes its own running total to
/// <c>llm-budgets/{day}/{tenant}/{writer}.json</c> and adds up the other writers' files, re-read at most every
/// <see cref="BudgetOptions.SharedSpendRefresh"/>. One file per writer means no read-modify-write race between processes,
/// and a restarted process finds its predecessor's file. Per-run spend stays in process memory.
/// </remarks>
public sealed class BudgetLedger : IDisposable
{
    /// <summary>Prefix of persisted tenant-day spend in the artifact store.</summary>
    public const string StorePrefix = "llm-budgets/";

    private readonly BudgetOptions _options;
    private readonly TimeProvider _time;
    private readonly IArtifactStore? _store;
    private readonly string _writer = Guid.NewGuid().ToString("N");
    private readonly ConcurrentDictionary<string, decimal> _runs = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Tenant, DateOnly Day), decimal> _own = new();
    private readonly ConcurrentDictionary<(string Tenant, DateOnly Day), (decimal Usd, DateTimeOffset ReadAt)> _others = new();
    private readonly SemaphoreSlim _writeGate = new(1, 1);

    /// <summary>Creates a ledger; without a store the tenant-day spend is this process's alone.</summary>
    public BudgetLedger(BudgetOptions options, TimeProvider time, IArtifactStore? store = null)
    {
        _options = options;
        _time = time;
        _store = store;
    }

    /// <summary>What one call may still cost: the tightest of the per-call cap, the run's remainder and the tenant's remainder today.</summary>
    public decimal RemainingForCall(string runId, string tenant) =>
        Math.Max(0, Math.Min(_options.PerCallUsd, Math.Min(RemainingForRun(runId), RemainingForTenantToday(tenant))));

    /// <summary>What the run may still spend.</summary>
    public decimal RemainingForRun(string runId) => _options.PerRunUsd - _runs.GetValueOrDefault(runId);

    /// <summary>What the tenant may still spend today (UTC).</summary>
    public decimal RemainingForTenantToday(string tenant) => _options.PerTenantDailyUsd - SpentToday(tenant);

    /// <summary>What the tenant spent today (UTC), by this process and, as last read, by every other writer on the store.</summary>
    public decimal SpentToday(string tenant)
    {
        var key = (tenant, Today());
        return _own.GetValueOrDefault(key) + (_others.TryGetValue(key, out var others) ? others.Usd : 0m);
    }

    /// <summary>What the run spent.</summary>
    public decimal SpentByRun(string runId) => _runs.GetValueOrDefault(runId);

    /// <summary>Re-reads what other writers (earlier or parallel processes) spent for the tenant today, unless read recently.</summary>
    public async Task RefreshAsync(string tenant, CancellationToken cancellationToken = default)
    {
        if (_store is null)
        {
            return;
        }

        var now = _time.GetUtcNow();
        var key = (tenant, Today());
        if (_others.TryGetValue(key, out var last) && now - last.ReadAt < _options.SharedSpendRefresh)
        {
            return;
        }

        var own = $"{_writer}.json";
        var total = 0m;
        foreach (var path in await _store.ListAsync(FolderOf(key), cancellationToken))
        {
            if (!path.EndsWith(own, StringComparison.Ordinal))
            {
                total += await ReadAsync(path, cancellationToken);
            }
        }

        _others[key] = (total, now);
    }

    /// <summary>Records the actual cost of a call (and, with a store, this writer's new tenant-day total).</summary>
    public async Task RecordAsync(string runId, string tenant, decimal usd, CancellationToken cancellationToken = default)
    {
        if (usd <= 0)
        {
            return;
        }

        var key = (tenant, Today());
        _runs.AddOrUpdate(runId, usd, (_, v) => v + usd);
        _own.AddOrUpdate(key, usd, (_, v) => v + usd);
        if (_store is null)
        {
            return;
        }

        // Serialised so a slower write of an older total can never land after a newer one.
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            var bytes = JsonSerializer.SerializeToUtf8Bytes(new SpendFile(_own[key]), AutoIntelJson.Options);
            await _store.PutAsync($"{FolderOf(key)}{_writer}.json", bytes, "application/json", cancellationToken);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>Releases the write gate.</summary>
    public void Dispose() => _writeGate.Dispose();

    private static string FolderOf((string Tenant, DateOnly Day) key) =>
        $"{StorePrefix}{key.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}/{CacheKeys.TenantFolder(key.Tenant)}/";

    private async Task<decimal> ReadAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return JsonSerializer.Deserialize<SpendFile>(await _store!.GetAsync(path, cancellationToken), AutoIntelJson.Options)?.Usd ?? 0m;
        }
        catch (FileNotFoundException)
        {
            return 0m; // deleted between list and read (a cleanup of old days)
        }
    }

    private DateOnly Today() => DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime);

    private sealed record SpendFile(decimal Usd);
}
