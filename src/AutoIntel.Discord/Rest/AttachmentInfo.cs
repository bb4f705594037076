namespace AutoIntel.Discord.Rest;

/// <summary>Attachment metadata in <c>payload_json</c>, linking <c>files[Id]</c> to its file name.</summary>
public sealed record AttachmentInfo(int Id, string Filename, string? Description = null);
