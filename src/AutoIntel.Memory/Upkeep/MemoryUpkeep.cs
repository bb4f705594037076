using System.Diagnostics;
using System.Globalization;
using AutoIntel.Memory.Embeddings;
using AutoIntel.Memory.Graph;
using AutoIntel.Memory.Vectors;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AutoIntel.Memory.Upkeep;

/// <summary>Keeps memory small: drops records past each guild's retention, then near-duplicate passages (LSH, verified by cosine).</summary>
/// <remarks>
/// Run by <c>autointel memory compact</c> and periodically by the upkeep schedule (an eternal orchestration on both hosts). Only passages are compacted: verdicts are
/// the history of decisions and fingerprints are one per run. Of near-duplicate passages the oldest is kept (by stored time,
/// then id), so recall keeps pointing at the run that first saw the text. Passes are serialised within the process.
/// </remarks>
public sealed class MemoryUpkeep(IEmbedder embedder, IVectorStore store, KnowledgeGraphStore graphs, IOptions<MemoryOptions> options, TimeProvider time, ILogger<MemoryUpkeep>? logger = null) : IDisposable
{
    private readonly string _collection = ContentMemory.CollectionFor(embedder);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ILogger _logger = logger ?? NullLogger<MemoryUpkeep>.Instance;

    /// <summary>Why upkeep cannot run on the configured store, or null when it can.</summary>
    public string? CannotRunBecause => store is IVectorScan
        ? null
        : $"{store.GetType().Name} cannot list its records, so compaction and retention run only on the embedded vector store.";

    /// <summary>Applies retention and compaction to <paramref name="tenant"/>, or to every tenant when it is null.</summary>
    public async Task<UpkeepReport> RunAsync(string? tenant = null, CancellationToken cancellationToken = default)
    {
        long started = Stopwatch.GetTimestamp();
        if (store is not IVectorScan scan)
        {
            return new UpkeepReport([], TimeSpan.Zero, CannotRunBecause);
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            Dictionary<string, string>? filter = tenant is null ? null : new(StringComparer.Ordinal) { [MemoryPayload.Tenant] = tenant };
            IReadOnlyList<VectorRecord> records = await scan.ScanAsync(_collection, filter, cancellationToken);
            var done = new List<TenantUpkeep>();
            foreach (IGrouping<string, VectorRecord> group in records.GroupBy(r => r.Payload.GetValueOrDefault(MemoryPayload.Tenant, string.Empty)).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                if (group.Key.Length > 0)
                {
                    done.Add(await UpkeepTenantAsync(group.Key, [.. group], cancellationToken));
                }
            }

            var report = new UpkeepReport(done, Stopwatch.GetElapsedTime(started));
            _logger.LogInformation("Memory upkeep: {Tenants} tenant(s), {Expired} expired and {Duplicates} duplicate record(s) removed in {Elapsed}", done.Count, report.ExpiredRemoved, report.DuplicatesRemoved, report.Elapsed);
            return report;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<TenantUpkeep> UpkeepTenantAsync(string tenant, List<VectorRecord> records, CancellationToken cancellationToken)
    {
        int passagesBefore = records.Count(IsPassage);
        (List<VectorRecord> kept, int expired, int forgotten) = await ApplyRetentionAsync(tenant, records, cancellationToken);

        // Oldest first, so each passage can only be marked a copy of an older one.
        VectorRecord[] passages = [.. kept.Where(IsPassage).OrderBy(r => r.Payload.GetValueOrDefault(MemoryPayload.StoredAt), StringComparer.Ordinal).ThenBy(r => r.Id, StringComparer.Ordinal)];
        if (passages.Length < 2)
        {
            return new TenantUpkeep(tenant, passagesBefore, expired, forgotten, 0, 0);
        }

        int dims = passages[0].Vector.Length;
        var vectors = new float[passages.Length * dims];
        for (int i = 0; i < passages.Length; i++)
        {
            passages[i].Vector.CopyTo(vectors, i * dims);
        }

        DeduplicationResult found = new SimHashDeduplicator(dims).Find(vectors, passages.Length, options.Value.CompactionThreshold);
        string[] copies = [.. passages.Where((_, i) => found.DuplicateOf[i] >= 0).Select(p => p.Id)];
        int removed = copies.Length == 0 ? 0 : await store.DeleteAsync(_collection, copies, cancellationToken);
        return new TenantUpkeep(tenant, passagesBefore, expired, forgotten, removed, found.Compared);
    }

    private async Task<(List<VectorRecord> Kept, int Expired, int RunsForgotten)> ApplyRetentionAsync(string tenant, List<VectorRecord> records, CancellationToken cancellationToken)
    {
        int days = options.Value.RetentionDaysFor(tenant);
        if (days <= 0)
        {
            return (records, 0, 0);
        }

        DateTimeOffset cutoff = time.GetUtcNow().AddDays(-days);
        var kept = new List<VectorRecord>(records.Count);
        var expired = new List<VectorRecord>();
        foreach (VectorRecord record in records)
        {
            (IsOlderThan(record, cutoff) ? expired : kept).Add(record);
        }

        if (expired.Count == 0)
        {
            return (kept, 0, 0);
        }

        int removed = await store.DeleteAsync(_collection, [.. expired.Select(r => r.Id)], cancellationToken);
        var remaining = new HashSet<string>(kept.Select(RunOf), StringComparer.Ordinal);
        string[] forgotten = [.. expired.Select(RunOf).Distinct(StringComparer.Ordinal).Where(run => !remaining.Contains(run))];
        if (forgotten.Length > 0)
        {
            // The delegate may run again on a fresher graph (another writer saved first); Remove is idempotent.
            await graphs.UpdateAsync(tenant, graph => forgotten.Count(graph.Remove), cancellationToken);
        }

        return (kept, removed, forgotten.Length);
    }

    /// <inheritdoc />
    public void Dispose() => _gate.Dispose();

    private static bool IsPassage(VectorRecord record) => record.Payload.GetValueOrDefault(MemoryPayload.Kind) == MemoryPayload.ChunkKind;

    private static string RunOf(VectorRecord record) => record.Payload.GetValueOrDefault(MemoryPayload.Run, string.Empty);

    // A record without a readable time is kept: retention must never delete what it cannot date.
    private static bool IsOlderThan(VectorRecord record, DateTimeOffset cutoff) =>
        DateTimeOffset.TryParse(record.Payload.GetValueOrDefault(MemoryPayload.StoredAt), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset at) && at < cutoff;
}
