namespace AutoIntel.Discord.Rest;

/// <summary>The JSON body of a created, executed or edited message.</summary>
/// <param name="AllowedMentions">Always replaced by <see cref="AllowedMentions.None"/> when sent.</param>
/// <param name="Flags">Message flags (64 = ephemeral, for interaction replies only).</param>
/// <param name="Components">Action rows of buttons or selects; only the bot (or an application-owned webhook) may post interactive ones.</param>
/// <param name="Nonce">Create Message only (up to 25 characters); with <paramref name="EnforceNonce"/>, Discord returns the message already created with it in the last few minutes instead of posting again. Webhooks have no such parameter.</param>
public sealed record MessagePayload(
    string? Content = null,
    IReadOnlyList<Embed>? Embeds = null,
    AllowedMentions? AllowedMentions = null,
    IReadOnlyList<AttachmentInfo>? Attachments = null,
    int? Flags = null,
    string? Username = null,
    string? Nonce = null,
    bool? EnforceNonce = null,
    IReadOnlyList<MessageComponent>? Components = null);
