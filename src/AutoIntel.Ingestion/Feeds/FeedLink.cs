namespace AutoIntel.Ingestion.Feeds;

/// <summary>A transcript or enclosure link of an episode, resolved against the feed's URL.</summary>
/// <param name="MediaType">The <c>type</c> the feed declares, lower-cased, when it declares one.</param>
/// <param name="Language">The primary language of a <c>podcast:transcript</c>'s <c>language</c> attribute, when it has one.</param>
public sealed record FeedLink(Uri Url, string? MediaType, string? Language = null);
