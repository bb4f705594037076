namespace AutoIntel.Core;

/// <summary>A pointer to a stored artifact; histories carry these instead of the bytes.</summary>
/// <param name="Path">Store-relative path, forward slashes (e.g. <c>runs/abc/transcript.json</c>).</param>
/// <param name="Bytes">Size in bytes.</param>
/// <param name="MediaType">MIME type of the stored bytes.</param>
public sealed record ArtifactRef(string Path, long Bytes, string MediaType);
