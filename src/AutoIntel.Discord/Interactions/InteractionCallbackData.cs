using AutoIntel.Discord.Rest;

namespace AutoIntel.Discord.Interactions;

/// <summary>The message of a type-4 answer.</summary>
/// <param name="Flags">64 = ephemeral (only the invoking user sees it).</param>
/// <param name="Components">Action rows to show (an empty list removes the message's components on an update).</param>
public sealed record InteractionCallbackData(string Content, int Flags, AllowedMentions AllowedMentions, IReadOnlyList<MessageComponent>? Components = null);
