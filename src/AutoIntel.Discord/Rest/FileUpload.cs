namespace AutoIntel.Discord.Rest;

/// <summary>A file sent as <c>files[n]</c> in a multipart message.</summary>
public sealed record FileUpload(string FileName, ReadOnlyMemory<byte> Content, string ContentType = "application/octet-stream");
