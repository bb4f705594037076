namespace AutoIntel.Discord.Rest;

/// <summary>The JSON body of an executed or edited webhook message.</summary>
/// <param name="AllowedMentions">Always replaced by <see cref="AllowedMentions.None"/> when sent.</param>
/// <param name="Flags">Message flags (64 = ephemeral, for interaction replies only).</param>
public sealed record MessagePayload(
    string? Content = null,
    IReadOnlyList<Embed>? Embeds = null,
    AllowedMentions? AllowedMentions = null,
    IReadOnlyList<AttachmentInfo>? Attachments = null,
    int? Flags = null,
    string? Username = null);
