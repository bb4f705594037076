namespace AutoIntel.Ingestion.Watches;

/// <summary>One usable item of a polled feed or video channel, newest first in <see cref="WatchPoll.Items"/>.</summary>
/// <param name="Key">A feed episode's <c>guid</c> (Atom <c>id</c>), else its title: what a feed link's <c>#fragment</c> names it by;
/// a channel's video: extractor and video id (<c>youtube:dQw4w9WgXcQ</c>).</param>
/// <param name="Link">The page a run analyses for this item: a video page (from a channel, or a feed entry that links to one);
/// null for a feed episode, which the run finds in the feed by <paramref name="Key"/>.</param>
public sealed record WatchItem(string Key, string Title, string? Link = null);
