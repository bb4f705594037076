using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using AutoIntel.Core;
using AutoIntel.Core.Content;
using AutoIntel.Storage;

namespace AutoIntel.Ingestion;

/// <summary>Each tenant's transcripts, kept by content hash (audio) or by video id (video links), so the same episode or video is
/// transcribed, or downloaded, once.</summary>
/// <remarks>Stored at <c>tenants/{tenant}/transcripts/{key}.json</c> in the artifact store, apart from any run, so purging a run keeps it.</remarks>
public sealed partial class TranscriptCache(IArtifactStore store)
{
    /// <summary>The path of the transcript of audio whose bytes are <paramref name="content"/>.</summary>
    public static string PathForContent(string tenant, ReadOnlySpan<byte> content) => PathForHash(tenant, SHA256.HashData(content));

    /// <summary>The path of the transcript of audio whose bytes' SHA-256 is <paramref name="sha256"/> (hashed as they were read).</summary>
    public static string PathForHash(string tenant, ReadOnlySpan<byte> sha256) => PathFor(tenant, "sha256-" + Convert.ToHexStringLower(sha256));

    /// <summary>The path of the transcript of video <paramref name="id"/> on <paramref name="site"/> (a yt-dlp extractor name).</summary>
    public static string PathForVideo(string tenant, string site, string id) => PathFor(tenant, $"video-{Segment(site)}-{Segment(id)}");

    /// <summary>Whether a transcript is cached at <paramref name="path"/>.</summary>
    public Task<bool> ExistsAsync(string path, CancellationToken cancellationToken = default) => store.ExistsAsync(path, cancellationToken);

    /// <summary>The cached transcript of <paramref name="content"/>, titled and sourced as this run's content.</summary>
    public async Task<Transcript> ReadAsync(AcquiredContent content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        string path = content.TranscriptCachePath ?? throw new ArgumentException("The content has no cached transcript.", nameof(content));
        Transcript cached = await store.GetJsonAsync<Transcript>(path, cancellationToken);
        return cached with { Title = content.Title, Source = content.Source };
    }

    /// <summary>Caches <paramref name="transcript"/> for <paramref name="content"/> when it has a cache path and was not read from it.</summary>
    public async Task StoreAsync(AcquiredContent content, Transcript transcript, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (content.TranscriptCachePath is { } path && !content.TranscriptCached)
        {
            await store.PutJsonAsync(path, transcript, cancellationToken);
        }
    }

    /// <summary>Reads a cached transcript's size, for the artifact reference of a video whose transcript is reused.</summary>
    public async Task<ArtifactRef> ReferenceAsync(string path, CancellationToken cancellationToken = default)
    {
        await using Stream json = await store.OpenReadAsync(path, cancellationToken);
        return new ArtifactRef(path, json.Length, ArtifactStoreExtensions.JsonMediaType);
    }

    // Guild ids and "dm-<user>" and "local" are used as they are; anything else is hashed into a safe name.
    private static string PathFor(string tenant, string key) => $"tenants/{Segment(tenant)}/transcripts/{key}.json";

    private static string Segment(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        return SafeSegment().IsMatch(value)
            ? value
            : Unsafe().Replace(value, "_")[..Math.Min(value.Length, 40)] + "-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)))[..16];
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex SafeSegment();

    [GeneratedRegex("[^A-Za-z0-9_-]")]
    private static partial Regex Unsafe();
}
