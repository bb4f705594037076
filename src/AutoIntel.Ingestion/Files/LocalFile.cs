using AutoIntel.Core.Content;

namespace AutoIntel.Ingestion.Files;

/// <summary>A local file read by <see cref="LocalFileReader"/>.</summary>
/// <param name="FullPath">The absolute path read.</param>
/// <param name="Kind">What the extension makes the content.</param>
/// <param name="MediaType">The media type for the extension.</param>
/// <param name="Bytes">The file's bytes.</param>
public sealed record LocalFile(string FullPath, ContentKind Kind, string MediaType, byte[] Bytes);
