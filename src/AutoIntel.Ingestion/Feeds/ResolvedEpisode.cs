using AutoIntel.Core.Content;
using AutoIntel.Ingestion.Fetching;

namespace AutoIntel.Ingestion.Feeds;

/// <summary>The episode a feed link resolved to and its fetched transcript or audio.</summary>
/// <param name="Content">The transcript or audio, fetched under the same limits as the feed.</param>
/// <param name="Title">"episode — show", the title the briefing carries.</param>
/// <param name="Language">The language the feed declares for it: the transcript's <c>language</c> attribute, else the server's
/// <c>Content-Language</c> for the file, else the show's <c>&lt;language&gt;</c>; null when none does.</param>
public sealed record ResolvedEpisode(FetchedContent Content, FeedEpisode Episode, string Title, string? Language = null);
