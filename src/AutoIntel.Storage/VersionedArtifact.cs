namespace AutoIntel.Storage;

/// <summary>An artifact's bytes and the version they were read at, for a later <see cref="IArtifactStore.TryPutAsync"/>.</summary>
/// <param name="Content">The artifact's bytes.</param>
/// <param name="Version">Opaque version: a counter in memory, the SHA-256 of the bytes on files, the ETag in Azure Blob.</param>
public sealed record VersionedArtifact(byte[] Content, string Version);
