namespace AutoIntel.Ingestion.Feeds;

/// <summary>What <see cref="FeedParser"/> read from an RSS 2.0 or Atom feed.</summary>
/// <param name="Format"><c>RSS</c> or <c>Atom</c>.</param>
/// <param name="Title">The show's title (the feed host when the feed has none).</param>
/// <param name="Items">The episodes in document order.</param>
/// <param name="Language">The show's language: RSS <c>&lt;language&gt;</c> (<c>de-de</c> → <c>de</c>) or the Atom feed's <c>xml:lang</c>; null when not declared.</param>
public sealed record PodcastFeed(string Format, string Title, IReadOnlyList<FeedItem> Items, string? Language = null);
