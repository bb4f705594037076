namespace AutoIntel.Ingestion.Watches;

/// <summary>One usable item of a polled feed, newest first in <see cref="WatchPoll.Items"/>.</summary>
/// <param name="Key">The item's <c>guid</c> (Atom <c>id</c>), else its title: what a feed link's <c>#fragment</c> names it by.</param>
public sealed record WatchItem(string Key, string Title);
