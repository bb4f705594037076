using AutoIntel.Discord.Rest;

namespace AutoIntel.Discord.Delivery;

/// <summary>One message of a briefing: optional content and up to ten embeds, within Discord's limits.</summary>
public sealed record BriefingMessage(string? Content, IReadOnlyList<Embed> Embeds);
