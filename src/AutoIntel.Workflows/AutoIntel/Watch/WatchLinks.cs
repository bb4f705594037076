using AutoIntel.Ingestion.Watches;

namespace AutoIntel.Workflows.AutoIntel.Watch;

/// <summary>The link a watch's run analyses: a video item's own page, else the feed with the item named in its fragment (see EpisodePicker).</summary>
public static class WatchLinks
{
    /// <summary>The item's <see cref="WatchItem.Link"/> when it has one (a video), else <see cref="ForItem(string, string)"/>.</summary>
    public static string ForItem(string watchUrl, WatchItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return item.Link ?? ForItem(watchUrl, item.Key);
    }

    /// <summary><c>{feed}#{escaped key}</c>; any fragment the feed link had is replaced.</summary>
    public static string ForItem(string feedUrl, string itemKey)
    {
        int hash = feedUrl.IndexOf('#', StringComparison.Ordinal);
        string feed = hash < 0 ? feedUrl : feedUrl[..hash];
        return $"{feed}#{Uri.EscapeDataString(itemKey)}";
    }
}
