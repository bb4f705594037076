using AutoIntel.Core.Content;

namespace AutoIntel.Ingestion.Files;

/// <summary>A local file found by <see cref="LocalFileReader.Find"/>, not yet read.</summary>
/// <param name="Source">The path as the user gave it (refusals name it).</param>
/// <param name="FullPath">The absolute path.</param>
/// <param name="Kind">What the extension makes the content.</param>
/// <param name="MediaType">The media type for the extension.</param>
public sealed record LocalFile(string Source, string FullPath, ContentKind Kind, string MediaType);

/// <summary>What <see cref="LocalFileReader.CopyAsync"/> learned while copying a file.</summary>
/// <param name="Encoding">The text's encoding (null for audio).</param>
/// <param name="Sha256">The SHA-256 of the bytes, for audio (the transcript cache's key); null for text.</param>
public sealed record LocalFileCopy(DetectedEncoding? Encoding, byte[]? Sha256);
