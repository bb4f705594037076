namespace AutoIntel.Discord.Rest;

/// <summary>A rich embed (the parts AutoIntel fills).</summary>
public sealed record Embed(
    string? Title = null,
    string? Description = null,
    string? Url = null,
    int? Color = null,
    IReadOnlyList<EmbedField>? Fields = null,
    EmbedFooter? Footer = null)
{
    /// <summary>Characters that count toward Discord's 6000-per-message embed total.</summary>
    public int CountedLength =>
        (Title?.Length ?? 0) + (Description?.Length ?? 0) + (Footer?.Text.Length ?? 0)
        + (Fields?.Sum(f => f.Name.Length + f.Value.Length) ?? 0);
}
