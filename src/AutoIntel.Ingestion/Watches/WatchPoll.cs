namespace AutoIntel.Ingestion.Watches;

/// <summary>The result of one poll of a watch.</summary>
/// <param name="Removed">The watch is no longer stored: the watch ends instead of analysing.</param>
/// <param name="Items">The feed's usable items (with a transcript or audio), newest first.</param>
public sealed record WatchPoll(bool Removed, IReadOnlyList<WatchItem> Items);
