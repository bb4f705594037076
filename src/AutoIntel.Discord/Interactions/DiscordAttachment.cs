namespace AutoIntel.Discord.Interactions;

/// <summary>An uploaded file referenced by an attachment option.</summary>
public sealed record DiscordAttachment(string Id, string? Filename, long Size, string? Url, string? ContentType);
