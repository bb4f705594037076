using System.Globalization;

namespace AutoIntel.Discord.Interactions;

/// <summary>Discord ids are snowflakes: unsigned 64-bit integers sent as decimal strings (discord.com/developers/docs/reference#snowflakes).</summary>
public static class Snowflake
{
    /// <summary>Whether <paramref name="id"/> is a snowflake: 1–20 ASCII digits that fit in 64 bits, nothing else (no sign, space or newline).</summary>
    public static bool IsValid(string? id) =>
        id is { Length: > 0 and <= 20 }
        && id.All(char.IsAsciiDigit)
        && ulong.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out _);
}
