using AutoIntel.Core;

namespace AutoIntel.Storage;

/// <summary>Stores run artifacts (content, transcripts, stage outputs, reports) by path.</summary>
/// <remarks>Paths are relative, forward-slash separated, and never contain "..". Writes are atomic: a reader sees the old or the new bytes, never half.</remarks>
public interface IArtifactStore
{
    /// <summary>Writes (or overwrites) an artifact.</summary>
    Task<ArtifactRef> PutAsync(string path, ReadOnlyMemory<byte> content, string mediaType, CancellationToken cancellationToken = default);

    /// <summary>Reads an artifact; throws <see cref="FileNotFoundException"/> when absent.</summary>
    Task<byte[]> GetAsync(string path, CancellationToken cancellationToken = default);

    /// <summary>Whether an artifact exists.</summary>
    Task<bool> ExistsAsync(string path, CancellationToken cancellationToken = default);

    /// <summary>Paths under a prefix, in ordinal order.</summary>
    Task<IReadOnlyList<string>> ListAsync(string prefix, CancellationToken cancellationToken = default);

    /// <summary>Deletes every artifact under a prefix; returns how many.</summary>
    Task<int> DeletePrefixAsync(string prefix, CancellationToken cancellationToken = default);
}
