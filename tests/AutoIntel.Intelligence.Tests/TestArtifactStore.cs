using System.Collections.Concurrent;
using AutoIntel.Core;
using AutoIntel.Storage;

namespace AutoIntel.Intelligence.Tests;

/// <summary>A dictionary-backed artifact store for these tests.</summary>
public sealed class TestArtifactStore : IArtifactStore
{
    private readonly ConcurrentDictionary<string, byte[]> _items = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> Paths => [.. _items.Keys];

    public Task<ArtifactRef> PutAsync(string path, ReadOnlyMemory<byte> content, string mediaType, CancellationToken cancellationToken = default)
    {
        _items[path] = content.ToArray();
        return Task.FromResult(new ArtifactRef(path, content.Length, mediaType));
    }

    public Task<byte[]> GetAsync(string path, CancellationToken cancellationToken = default) =>
        _items.TryGetValue(path, out var b) ? Task.FromResult(b) : throw new FileNotFoundException(path);

    public Task<VersionedArtifact?> GetVersionedAsync(string path, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("These tests use no conditional writes.");

    public Task<bool> TryPutAsync(string path, ReadOnlyMemory<byte> content, string mediaType, string? expectedVersion, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("These tests use no conditional writes.");

    public Task<bool> ExistsAsync(string path, CancellationToken cancellationToken = default) => Task.FromResult(_items.ContainsKey(path));

    public Task<IReadOnlyList<string>> ListAsync(string prefix, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<string>>([.. _items.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal)]);

    public Task<int> DeletePrefixAsync(string prefix, CancellationToken cancellationToken = default)
    {
        var keys = _items.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).ToList();
        keys.ForEach(k => _items.TryRemove(k, out _));
        return Task.FromResult(keys.Count);
    }
}
