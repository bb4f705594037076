using AutoIntel.Discord.Rest;

namespace AutoIntel.Discord.Delivery;

/// <summary>Discord's documented message and embed limits (characters are counted as UTF-16 code units, the stricter reading).</summary>
public static class EmbedLimits
{
    /// <summary>Embed title.</summary>
    public const int Title = 256;

    /// <summary>Embed description.</summary>
    public const int Description = 4096;

    /// <summary>Fields per embed.</summary>
    public const int Fields = 25;

    /// <summary>Field name.</summary>
    public const int FieldName = 256;

    /// <summary>Field value.</summary>
    public const int FieldValue = 1024;

    /// <summary>Footer text.</summary>
    public const int Footer = 2048;

    /// <summary>Characters across all embeds of one message (title, description, field names and values, footer, author).</summary>
    public const int TotalCharacters = 6000;

    /// <summary>Embeds per message.</summary>
    public const int EmbedsPerMessage = 10;

    /// <summary>Message content.</summary>
    public const int Content = 2000;

    /// <summary>Files per message.</summary>
    public const int FilesPerMessage = 10;

    /// <summary>Bytes per uploaded file that every server accepts (the free-tier upload limit is 10 MiB; we stay below).</summary>
    public const int FileBytes = 8 * 1024 * 1024;

    /// <summary>Characters of one embed that count toward <see cref="TotalCharacters"/>.</summary>
    public static int CountedLength(Embed embed) =>
        (embed.Title?.Length ?? 0) + (embed.Description?.Length ?? 0) + (embed.Footer?.Text.Length ?? 0)
        + (embed.Fields?.Sum(f => f.Name.Length + f.Value.Length) ?? 0);
}
