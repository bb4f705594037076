using AutoIntel.Discord.Rest;

namespace AutoIntel.Discord.Interactions;

/// <summary>The message of a type-4 answer.</summary>
/// <param name="Flags">64 = ephemeral (only the invoking user sees it).</param>
public sealed record InteractionCallbackData(string Content, int Flags, AllowedMentions AllowedMentions);
