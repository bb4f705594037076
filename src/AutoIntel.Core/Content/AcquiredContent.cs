using System.Text.Json.Serialization;

namespace AutoIntel.Core.Content;

/// <summary>A source fetched or read once and stored as an artifact.</summary>
/// <param name="Source">The link or file path the user gave.</param>
/// <param name="Kind">What the content is.</param>
/// <param name="Title">Best-effort title (HTML title, file name; for a feed, "episode — show").</param>
/// <param name="MediaType">The MIME type the bytes were accepted as.</param>
/// <param name="Raw">The stored original bytes.</param>
/// <param name="TranscribeInPieces">Audio too large for one transcription request: the workflow splits it and transcribes the pieces in parallel.
/// Decided when the content is acquired, so the choice is in the run's history; left out of the JSON when false, so
/// histories recorded before it existed read back unchanged.</param>
/// <param name="Episode">For a podcast feed, the episode chosen and the file fetched for it (then <paramref name="Raw"/> holds that file);
/// left out of the JSON when null, so histories recorded before it existed read back unchanged.</param>
/// <param name="Video">For a video link, what the site said about it (channel, duration, upload date) and which track was read; left out when null.</param>
/// <param name="TranscriptCachePath">Where the tenant's transcript of this same content is cached (by content hash, or by video id): written once
/// transcribed, so the same episode or video is never paid for twice; left out when null.</param>
/// <param name="TranscriptCached">The transcript at <paramref name="TranscriptCachePath"/> exists already: the transcribe stage reads it instead
/// of transcribing (and for a video, nothing was downloaded); left out when false.</param>
/// <param name="Language">The language the source declares (ISO 639-1): an HTML page's <c>lang</c>, <c>Content-Language</c> or <c>og:locale</c>,
/// a WebVTT <c>Language:</c> header or a subtitle file's name (<c>talk.de.vtt</c>), a feed's <c>&lt;language&gt;</c>, a caption track's;
/// null when it declares none (the transcript's language is then reported by speech-to-text or detected). Left out when null.</param>
public sealed record AcquiredContent(
    string Source,
    ContentKind Kind,
    string Title,
    string MediaType,
    ArtifactRef Raw,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool TranscribeInPieces = false,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] FeedEpisode? Episode = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] VideoInfo? Video = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? TranscriptCachePath = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool TranscriptCached = false,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Language = null);
