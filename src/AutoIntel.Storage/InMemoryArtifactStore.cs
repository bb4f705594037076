using System.Collections.Concurrent;
using AutoIntel.Core;

namespace AutoIntel.Storage;

/// <summary>Keeps artifacts in memory, with the same path rules as the file store; for tests and benchmarks.</summary>
public sealed class InMemoryArtifactStore : IArtifactStore
{
    private readonly ConcurrentDictionary<string, StoredArtifact> _artifacts = new(StringComparer.Ordinal);

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

        // Copy, so a caller reusing its buffer cannot change what was stored.
        _artifacts[path] = new StoredArtifact(content.ToArray(), mediaType);
        return Task.FromResult(new ArtifactRef(path, content.Length, mediaType));
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

    private sealed record StoredArtifact(byte[] Content, string MediaType);
}
