using AutoIntel.Ingestion.Watches;

namespace AutoIntel.Workflows.AutoIntel.Watch;

/// <summary>Which items of a poll to analyse, and what the watch remembers as seen afterwards (pure, so orchestration code can use it).</summary>
public static class WatchPlan
{
    /// <summary>Most runs one poll starts; a feed that publishes more at once is worked off over the next polls.</summary>
    public const int MaxRunsPerPoll = 5;

    /// <summary>Most keys carried in the seen-set; keys of items still in the feed are never dropped.</summary>
    public const int MaxSeen = 1000;

    /// <summary>
    /// The items to analyse, oldest first: on the first poll (<paramref name="primed"/> false) only the newest, so adding a
    /// watch does not brief a whole back catalogue; later, every item not in <paramref name="seen"/>, at most <see cref="MaxRunsPerPoll"/>.
    /// </summary>
    /// <param name="items">The poll's items, newest first.</param>
    public static IReadOnlyList<WatchItem> ToAnalyse(IReadOnlyList<WatchItem> items, IReadOnlyList<string> seen, bool primed)
    {
        if (!primed)
        {
            return items.Count == 0 ? [] : [items[0]];
        }

        var known = new HashSet<string>(seen, StringComparer.Ordinal);
        return [.. items.Where(i => !known.Contains(i.Key)).Reverse().Take(MaxRunsPerPoll)];
    }

    /// <summary>
    /// The seen-set after a poll: <paramref name="seen"/> plus the analysed items, plus (on the first poll) everything the feed
    /// held then. Over <see cref="MaxSeen"/> the oldest keys no longer in the feed go first.
    /// </summary>
    public static IReadOnlyList<string> Remember(IReadOnlyList<string> seen, IReadOnlyList<WatchItem> items, IReadOnlyList<WatchItem> analysed, bool primed)
    {
        IEnumerable<WatchItem> added = primed ? analysed : items.Reverse();
        var next = new List<string>(seen);
        var known = new HashSet<string>(seen, StringComparer.Ordinal);
        foreach (WatchItem item in added)
        {
            if (known.Add(item.Key))
            {
                next.Add(item.Key);
            }
        }

        if (next.Count <= MaxSeen)
        {
            return next;
        }

        var inFeed = new HashSet<string>(items.Select(i => i.Key), StringComparer.Ordinal);
        int excess = next.Count - MaxSeen;
        return [.. next.Where(key => inFeed.Contains(key) || excess-- <= 0)];
    }
}
