using System.Collections.Concurrent;
using AutoIntel.Core;
using AutoIntel.Storage;

namespace AutoIntel.Discord.Tests.Support;

/// <summary>A dictionary-backed artifact store (stand-in until the shared in-memory store is merged).</summary>
public sealed class MemoryArtifactStore : IArtifactStore
{
    public ConcurrentDictionary<string, byte[]> Items { get; } = new(StringComparer.Ordinal);

    public Task<ArtifactRef> PutAsync(string path, ReadOnlyMemory<byte> content, string mediaType, CancellationToken cancellationToken = default)
    {
        Items[path] = content.ToArray();
        return Task.FromResult(new ArtifactRef(path, content.Length, mediaType));
    }

    public Task<byte[]> GetAsync(string path, CancellationToken cancellationToken = default) =>
        Items.TryGetValue(path, out byte[]? bytes) ? Task.FromResult(bytes) : throw new FileNotFoundException(path);

    public Task<bool> ExistsAsync(string path, CancellationToken cancellationToken = default) => Task.FromResult(Items.ContainsKey(path));

    public Task<IReadOnlyList<string>> ListAsync(string prefix, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<string>>([.. Items.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal)]);

    public Task<int> DeletePrefixAsync(string prefix, CancellationToken cancellationToken = default)
    {
        string[] keys = [.. Items.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal))];
        foreach (string key in keys)
        {
            Items.TryRemove(key, out _);
        }

        return Task.FromResult(keys.Length);
    }
}
