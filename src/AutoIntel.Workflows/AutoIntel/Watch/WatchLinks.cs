namespace AutoIntel.Workflows.AutoIntel.Watch;

/// <summary>The link a watch's run analyses: the feed with the item named in its fragment (see EpisodePicker).</summary>
public static class WatchLinks
{
    /// <summary><c>{feed}#{escaped key}</c>; any fragment the feed link had is replaced.</summary>
    public static string ForItem(string feedUrl, string itemKey)
    {
        int hash = feedUrl.IndexOf('#', StringComparison.Ordinal);
        string feed = hash < 0 ? feedUrl : feedUrl[..hash];
        return $"{feed}#{Uri.EscapeDataString(itemKey)}";
    }
}
