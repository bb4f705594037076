namespace AutoIntel.Ingestion.Tests.Feeds;

/// <summary>Small RSS and Atom documents for feed tests.</summary>
internal static class FeedXml
{
    public const string PodcastNs = "https://podcastindex.org/namespace/1.0";

    public static string Rss(string show, params string[] items) =>
        $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0" xmlns:podcast="{PodcastNs}" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd">
          <channel>
            <title>{show}</title>
            <link>https://example.com/show</link>
            {string.Join("\n", items)}
          </channel>
        </rss>
        """;

    public static string Item(string title, string guid, string pubDate, params string[] links) =>
        $"""
        <item>
          <title>{title}</title>
          <guid isPermaLink="false">{guid}</guid>
          <pubDate>{pubDate}</pubDate>
          <description>Show notes with &lt;b&gt;markup&lt;/b&gt;.</description>
          {string.Join("\n", links)}
        </item>
        """;

    public static string Transcript(string url, string type) => $"""<podcast:transcript url="{url}" type="{type}" language="en" />""";

    public static string Enclosure(string url, string type) => $"""<enclosure url="{url}" type="{type}" length="1234" />""";
}
