namespace AutoIntel.Discord.Interactions;

/// <summary>Objects the options refer to, keyed by id.</summary>
public sealed record InteractionResolved(IReadOnlyDictionary<string, DiscordAttachment>? Attachments);
