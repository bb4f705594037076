namespace AutoIntel.Workflows.AutoIntel.Watch;

/// <summary>How long a watch waits before its next poll.</summary>
public static class WatchSchedule
{
    /// <summary>The longest wait after failures, unless the watch's own interval is longer.</summary>
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromHours(6);

    /// <summary>
    /// The interval after a good poll; after <paramref name="failures"/> failed polls in a row it doubles per failure, capped at
    /// <see cref="MaxBackoff"/> (or the interval, when that is longer), so a broken feed is neither hammered nor dropped.
    /// </summary>
    public static TimeSpan Delay(TimeSpan every, int failures)
    {
        if (failures <= 0)
        {
            return every;
        }

        TimeSpan cap = every > MaxBackoff ? every : MaxBackoff;
        double factor = Math.Pow(2, Math.Min(failures, 30));
        double ticks = Math.Min(every.Ticks * factor, cap.Ticks);
        return TimeSpan.FromTicks((long)ticks);
    }
}
