namespace AutoIntel.Ingestion.Feeds;

/// <summary>One episode of a feed (an RSS <c>item</c> or Atom <c>entry</c>).</summary>
/// <param name="Position">Its index in the feed, 0 first.</param>
/// <param name="Id">The RSS <c>guid</c> or Atom <c>id</c>, when present.</param>
/// <param name="Published">RSS <c>pubDate</c>, Atom <c>published</c> (else <c>updated</c>), when readable.</param>
/// <param name="Transcripts">Podcasting 2.0 <c>podcast:transcript</c> links, in document order.</param>
/// <param name="Enclosures">RSS <c>enclosure</c> / Atom <c>link rel="enclosure"</c> links, in document order.</param>
/// <param name="Page">The item's own page: RSS <c>link</c>, Atom <c>link rel="alternate"</c> (or without <c>rel</c>), when present.</param>
public sealed record FeedItem(
    int Position,
    string Title,
    string? Id,
    DateTimeOffset? Published,
    IReadOnlyList<FeedLink> Transcripts,
    IReadOnlyList<FeedLink> Enclosures,
    Uri? Page = null);
