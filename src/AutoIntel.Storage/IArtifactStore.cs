using AutoIntel.Core;

namespace AutoIntel.Storage;

/// <summary>Stores run artifacts (content, transcripts, stage outputs, reports) by path.</summary>
/// <remarks>
/// Paths are relative, forward-slash separated, and never contain "..". Writes are atomic: a reader sees the old or the new bytes, never half.
/// <see cref="GetVersionedAsync"/> and <see cref="TryPutAsync"/> add optimistic concurrency for read-modify-write artifacts that several
/// processes or hosts update: a conditional write succeeds only if nobody else wrote since the version was read.
/// </remarks>
public interface IArtifactStore
{
    /// <summary>Writes (or overwrites) an artifact.</summary>
    Task<ArtifactRef> PutAsync(string path, ReadOnlyMemory<byte> content, string mediaType, CancellationToken cancellationToken = default);

    /// <summary>Reads an artifact; throws <see cref="FileNotFoundException"/> when absent.</summary>
    Task<byte[]> GetAsync(string path, CancellationToken cancellationToken = default);

    /// <summary>Writes (or overwrites) an artifact with what <paramref name="write"/> writes to the stream it is given, atomically like
    /// <see cref="PutAsync(string, ReadOnlyMemory{byte}, string, CancellationToken)"/>: nothing is stored if <paramref name="write"/> throws.</summary>
    /// <remarks>For artifacts too large to hold in memory as one buffer (a long transcript). Stores that can write as they go (files, block
    /// blobs) do; the default buffers the bytes and calls <see cref="PutAsync(string, ReadOnlyMemory{byte}, string, CancellationToken)"/>.
    /// <paramref name="write"/> may be called a second time if the first attempt failed before anything was stored.</remarks>
    async Task<ArtifactRef> PutStreamAsync(string path, Func<Stream, CancellationToken, Task> write, string mediaType, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(write);
        using var buffer = new MemoryStream();
        await write(buffer, cancellationToken);
        return await PutAsync(path, buffer.GetBuffer().AsMemory(0, (int)buffer.Length), mediaType, cancellationToken);
    }

    /// <summary>Opens an artifact for reading from the start; throws <see cref="FileNotFoundException"/> when absent. The caller disposes the stream.</summary>
    /// <remarks>Stores that can read as they go (files, blobs) do; the default reads the whole artifact with <see cref="GetAsync"/>.</remarks>
    async Task<Stream> OpenReadAsync(string path, CancellationToken cancellationToken = default) =>
        new MemoryStream(await GetAsync(path, cancellationToken), writable: false);

    /// <summary>Reads an artifact with its current version, or null when absent.</summary>
    /// <remarks>The version is opaque: compare it only by passing it back to <see cref="TryPutAsync"/> for the same path.</remarks>
    Task<VersionedArtifact?> GetVersionedAsync(string path, CancellationToken cancellationToken = default);

    /// <summary>Writes an artifact only if it is still at <paramref name="expectedVersion"/> (null: only if it does not exist yet);
    /// returns false, writing nothing, when another writer got there first.</summary>
    /// <remarks>Conditional writes never overwrite a newer conditional write. An unconditional <see cref="PutAsync"/> to the same path
    /// is not ordered against them on every store, so an artifact updated through this method should be written only through it.</remarks>
    Task<bool> TryPutAsync(string path, ReadOnlyMemory<byte> content, string mediaType, string? expectedVersion, CancellationToken cancellationToken = default);

    /// <summary>Whether an artifact exists.</summary>
    Task<bool> ExistsAsync(string path, CancellationToken cancellationToken = default);

    /// <summary>Paths under a prefix, in ordinal order.</summary>
    Task<IReadOnlyList<string>> ListAsync(string prefix, CancellationToken cancellationToken = default);

    /// <summary>Deletes every artifact under a prefix; returns how many.</summary>
    Task<int> DeletePrefixAsync(string prefix, CancellationToken cancellationToken = default);
}
