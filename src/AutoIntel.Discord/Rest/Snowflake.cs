using System.Globalization;

namespace AutoIntel.Discord.Rest;

/// <summary>Discord ids: 64-bit numbers whose top 42 bits are milliseconds since the Discord epoch (2015-01-01), so they sort by creation time.</summary>
public static class Snowflake
{
    private static readonly DateTimeOffset Epoch = new(2015, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The smallest id Discord could give something created at <paramref name="time"/> (for <c>after</c>/<c>before</c> queries).</summary>
    public static string AtTime(DateTimeOffset time)
    {
        long milliseconds = Math.Max(0, (long)(time - Epoch).TotalMilliseconds);
        return ((ulong)milliseconds << 22).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Parses an id; throws <see cref="FormatException"/> on anything that is not one.</summary>
    public static ulong Parse(string id) => ulong.Parse(id, NumberStyles.None, CultureInfo.InvariantCulture);
}
