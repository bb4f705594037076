using System.Security.Cryptography;
using System.Text.Json;
using AutoIntel.Core.Runs;
using AutoIntel.Core.Serialization;
using AutoIntel.Storage;

namespace AutoIntel.Ingestion.Watches;

/// <summary>Watches, one artifact each (<c>watches/{tenant}/{id}.json</c>), so every process on the same store sees the same list.</summary>
/// <remarks>
/// The CLI adds and removes watches here while <c>autointel serve</c> runs them: the store, not process memory, is the list.
/// A watch's orchestration reads its record at every poll and ends when it is gone.
/// </remarks>
public sealed class WatchStore(IArtifactStore store, TimeProvider time)
{
    /// <summary>Where watches are stored.</summary>
    public const string Prefix = "watches/";

    /// <summary>Most watches one tenant may have.</summary>
    public const int MaxPerTenant = 25;

    /// <summary>Stores a new watch of <paramref name="url"/> for <paramref name="tenant"/>.</summary>
    /// <exception cref="WatchProblemException">The link is not http(s), the interval is out of range, the tenant already watches it, or has <see cref="MaxPerTenant"/> watches.</exception>
    public async Task<WatchRecord> AddAsync(string tenant, string url, Depth depth, TimeSpan every, string? addedBy = null, (string ApplicationId, string ChannelId, string? GuildId)? channel = null, CancellationToken cancellationToken = default)
    {
        string link = url.Trim();
        if (!Uri.TryCreate(link, UriKind.Absolute, out Uri? parsed) || parsed.Scheme is not ("http" or "https"))
        {
            throw new WatchProblemException($"'{url}' is not an http(s) link to a feed or video channel.");
        }

        if (every < WatchIntervals.Min || every > WatchIntervals.Max)
        {
            throw new WatchProblemException($"{WatchIntervals.Format(every)} is out of range: a watch polls every {WatchIntervals.Format(WatchIntervals.Min)} to {WatchIntervals.Format(WatchIntervals.Max)}.");
        }

        IReadOnlyList<WatchRecord> existing = await ListAsync(tenant, cancellationToken);
        if (existing.FirstOrDefault(w => string.Equals(w.Url, link, StringComparison.Ordinal)) is { } twin)
        {
            throw new WatchProblemException($"{link} is already watched (watch {twin.Id}).");
        }

        if (existing.Count >= MaxPerTenant)
        {
            throw new WatchProblemException($"There are already {MaxPerTenant} watches here; remove one first.");
        }

        while (true)
        {
            var record = new WatchRecord(
                Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)), tenant, link, depth, every, time.GetUtcNow(), addedBy,
                channel?.ApplicationId, channel?.ChannelId, channel?.GuildId);
            byte[] json = JsonSerializer.SerializeToUtf8Bytes(record, AutoIntelJson.Options);
            // Create-only: two adders never overwrite each other (an id clash draws again).
            if (await store.TryPutAsync(PathOf(tenant, record.Id), json, "application/json", expectedVersion: null, cancellationToken))
            {
                return record;
            }
        }
    }

    /// <summary>The watches of <paramref name="tenant"/> (every tenant's when null), oldest first.</summary>
    public async Task<IReadOnlyList<WatchRecord>> ListAsync(string? tenant, CancellationToken cancellationToken = default)
    {
        var records = new List<WatchRecord>();
        foreach (string path in await store.ListAsync(tenant is null ? Prefix : $"{Prefix}{tenant}/", cancellationToken))
        {
            if (await ReadAsync(path, cancellationToken) is { } record)
            {
                records.Add(record);
            }
        }

        return [.. records.OrderBy(r => r.AddedAtUtc).ThenBy(r => r.Id, StringComparer.Ordinal)];
    }

    /// <summary>The watch <paramref name="id"/> of <paramref name="tenant"/> (of any tenant when null), or null.</summary>
    public async Task<WatchRecord?> FindAsync(string? tenant, string id, CancellationToken cancellationToken = default)
    {
        if (tenant is not null)
        {
            return await ReadAsync(PathOf(tenant, id), cancellationToken);
        }

        return (await ListAsync(null, cancellationToken)).FirstOrDefault(r => r.Id == id);
    }

    /// <summary>Removes watch <paramref name="id"/> of <paramref name="tenant"/> (of any tenant when null); null when there is none.</summary>
    public async Task<WatchRecord?> RemoveAsync(string? tenant, string id, CancellationToken cancellationToken = default)
    {
        WatchRecord? record = await FindAsync(tenant, id, cancellationToken);
        if (record is not null)
        {
            await store.DeletePrefixAsync(PathOf(record.Tenant, record.Id), cancellationToken);
        }

        return record;
    }

    private static string PathOf(string tenant, string id) => $"{Prefix}{tenant}/{id}.json";

    private async Task<WatchRecord?> ReadAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return JsonSerializer.Deserialize<WatchRecord>(await store.GetAsync(path, cancellationToken), AutoIntelJson.Options);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }
}
