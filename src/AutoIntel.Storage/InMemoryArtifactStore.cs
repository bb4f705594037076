using System.Collections.Concurrent;
using AutoIntel.Core;

namespace AutoIntel.Storage;

/// <summary>Keeps artifacts in memory, with the same path rules as the file store; for tests and benchmarks.</summary>
public sealed class InMemoryArtifactStore : IArtifactStore
{
    private readonly ConcurrentDictionary<string, StoredArtifact> _artifacts = new(StringComparer.Ordinal);
    private long _lastVersion;

    /// <summary>Number of artifacts held.</summary>
    public int Count => _artifacts.Count;

    /// <summary>The media type an artifact was stored with; throws <see cref="FileNotFoundException"/> when absent.</summary>
    public string GetMediaType(string path)
    {
        ArtifactPath.Validate(path);
        return _artifacts.TryGetValue(path, out StoredArtifact? stored)
            ? stored.MediaType
            : throw new FileNotFoundException($"Artifact '{path}' does not exist.", path);
    }

    /// <inheritdoc />
    public Task<ArtifactRef> PutAsync(string path, ReadOnlyMemory<byte> content, string mediaType, CancellationToken cancellationToken = default)
    {
        ArtifactPath.Validate(path);
        ArgumentException.ThrowIfNullOrWhiteSpace(mediaType);
        cancellationToken.ThrowIfCancellationRequested();

        _artifacts[path] = NewArtifact(content, mediaType);
        return Task.FromResult(new ArtifactRef(path, content.Length, mediaType));
    }

    /// <inheritdoc />
    public Task<VersionedArtifact?> GetVersionedAsync(string path, CancellationToken cancellationToken = default)
    {
        ArtifactPath.Validate(path);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(_artifacts.TryGetValue(path, out StoredArtifact? stored)
            ? new VersionedArtifact(stored.Content.ToArray(), stored.Version)
            : null);
    }

    /// <inheritdoc />
    /// <remarks>The version is a store-wide write counter, so it never repeats (no ABA); the swap is the dictionary's compare-and-exchange.</remarks>
    public Task<bool> TryPutAsync(string path, ReadOnlyMemory<byte> content, string mediaType, string? expectedVersion, CancellationToken cancellationToken = default)
    {
        ArtifactPath.Validate(path);
        ArgumentException.ThrowIfNullOrWhiteSpace(mediaType);
        cancellationToken.ThrowIfCancellationRequested();

        StoredArtifact replacement = NewArtifact(content, mediaType);
        if (expectedVersion is null)
        {
            return Task.FromResult(_artifacts.TryAdd(path, replacement));
        }

        // TryUpdate compares with the instance read here (the record's byte[] compares by reference), so any write since then fails it.
        return Task.FromResult(
            _artifacts.TryGetValue(path, out StoredArtifact? current)
            && string.Equals(current.Version, expectedVersion, StringComparison.Ordinal)
            && _artifacts.TryUpdate(path, replacement, current));
    }

    /// <inheritdoc />
    public Task<byte[]> GetAsync(string path, CancellationToken cancellationToken = default)
    {
        ArtifactPath.Validate(path);
        cancellationToken.ThrowIfCancellationRequested();
        return _artifacts.TryGetValue(path, out StoredArtifact? stored)
            ? Task.FromResult(stored.Content.ToArray())
            : Task.FromException<byte[]>(new FileNotFoundException($"Artifact '{path}' does not exist.", path));
    }

    /// <inheritdoc />
    public Task<bool> ExistsAsync(string path, CancellationToken cancellationToken = default)
    {
        ArtifactPath.Validate(path);
        return Task.FromResult(_artifacts.ContainsKey(path));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> ListAsync(string prefix, CancellationToken cancellationToken = default)
    {
        ArtifactPath.ValidatePrefix(prefix);
        IReadOnlyList<string> paths = _artifacts.Keys
            .Where(k => k.StartsWith(prefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
        return Task.FromResult(paths);
    }

    /// <inheritdoc />
    public Task<int> DeletePrefixAsync(string prefix, CancellationToken cancellationToken = default)
    {
        ArtifactPath.ValidatePrefix(prefix);
        if (prefix.Length == 0)
        {
            throw new ArgumentException("Refusing to delete every artifact: give a non-empty prefix such as 'runs/{runId}/'.", nameof(prefix));
        }

        int deleted = _artifacts.Keys
            .Where(k => k.StartsWith(prefix, StringComparison.Ordinal))
            .Count(k => _artifacts.TryRemove(k, out _));
        return Task.FromResult(deleted);
    }

    // Copy, so a caller reusing its buffer cannot change what was stored.
    private StoredArtifact NewArtifact(ReadOnlyMemory<byte> content, string mediaType) =>
        new(content.ToArray(), mediaType, Interlocked.Increment(ref _lastVersion).ToString(System.Globalization.CultureInfo.InvariantCulture));

    private sealed record StoredArtifact(byte[] Content, string MediaType, string Version);
}
