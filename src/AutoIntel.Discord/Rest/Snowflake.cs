using System.Globalization;

namespace AutoIntel.Discord.Rest;

/// <summary>Discord ids (discord.com/developers/docs/reference#snowflakes): unsigned 64-bit integers sent as decimal strings, whose
/// top 42 bits are milliseconds since the Discord epoch (2015-01-01), so they sort by creation time.</summary>
public static class Snowflake
{
    private static readonly DateTimeOffset Epoch = new(2015, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The smallest id Discord could give something created at <paramref name="time"/> (for <c>after</c>/<c>before</c> queries).</summary>
    public static string AtTime(DateTimeOffset time)
    {
        long milliseconds = Math.Max(0, (long)(time - Epoch).TotalMilliseconds);
        return ((ulong)milliseconds << 22).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Whether <paramref name="id"/> is a snowflake: 1–20 ASCII digits that fit in 64 bits, nothing else (no sign, space or newline).</summary>
    public static bool IsValid(string? id) =>
        id is { Length: > 0 and <= 20 }
        && id.All(char.IsAsciiDigit)
        && ulong.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out _);

    /// <summary>Parses an id; throws <see cref="FormatException"/> on anything that is not one.</summary>
    public static ulong Parse(string id) => ulong.Parse(id, NumberStyles.None, CultureInfo.InvariantCulture);
}
