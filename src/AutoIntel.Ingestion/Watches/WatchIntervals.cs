using System.Globalization;

namespace AutoIntel.Ingestion.Watches;

/// <summary>Poll intervals as people write them: <c>30s</c>, <c>5m</c>, <c>1h</c>, <c>1d</c>.</summary>
public static class WatchIntervals
{
    /// <summary>The interval when none is given.</summary>
    public static readonly TimeSpan Default = TimeSpan.FromHours(1);

    /// <summary>The shortest interval: feeds are someone else's servers.</summary>
    public static readonly TimeSpan Min = TimeSpan.FromSeconds(30);

    /// <summary>The longest interval.</summary>
    public static readonly TimeSpan Max = TimeSpan.FromDays(7);

    /// <summary>Parses <paramref name="text"/>; on failure <paramref name="problem"/> is a one-line reason.</summary>
    public static bool TryParse(string? text, out TimeSpan interval, out string? problem)
    {
        if (!TryParseDuration(text, out interval))
        {
            problem = $"'{text}' is not a duration: write a whole number and a unit, like 30s, 5m, 1h or 1d.";
            return false;
        }

        problem = interval < Min || interval > Max
            ? $"{Format(interval)} is out of range: a watch polls every {Format(Min)} to {Format(Max)}."
            : null;
        return problem is null;
    }

    /// <summary>Parses a whole number and a unit (<c>s</c>, <c>m</c>, <c>h</c>, <c>d</c>) without the watch's range; also <c>autointel report --since</c>.</summary>
    public static bool TryParseDuration(string? text, out TimeSpan duration)
    {
        duration = default;
        string value = (text ?? string.Empty).Trim().ToLowerInvariant();
        TimeSpan unit = value.Length == 0 ? default : value[^1] switch
        {
            's' => TimeSpan.FromSeconds(1),
            'm' => TimeSpan.FromMinutes(1),
            'h' => TimeSpan.FromHours(1),
            'd' => TimeSpan.FromDays(1),
            _ => default,
        };
        if (unit == default
            || !int.TryParse(value[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out int count)
            || count <= 0
            || count > 100_000)
        {
            return false;
        }

        duration = unit * count;
        return true;
    }

    /// <summary>The shortest exact form: <c>90s</c>, <c>5m</c>, <c>1h</c>, <c>2d</c>.</summary>
    public static string Format(TimeSpan interval) =>
        interval.Ticks % TimeSpan.TicksPerDay == 0 ? $"{interval.Ticks / TimeSpan.TicksPerDay}d"
        : interval.Ticks % TimeSpan.TicksPerHour == 0 ? $"{interval.Ticks / TimeSpan.TicksPerHour}h"
        : interval.Ticks % TimeSpan.TicksPerMinute == 0 ? $"{interval.Ticks / TimeSpan.TicksPerMinute}m"
        : $"{(long)interval.TotalSeconds}s";
}
