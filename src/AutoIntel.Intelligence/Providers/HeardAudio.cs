using AutoIntel.Core.Content;

namespace AutoIntel.Intelligence.Providers;

/// <summary>What a transcription endpoint heard in one audio file.</summary>
/// <param name="Language">The language the endpoint reports (Whisper's <c>verbose_json</c> names it, e.g. <c>german</c>); null when it reports none.</param>
public sealed record HeardAudio(IReadOnlyList<TranscriptSegment> Segments, string? Language = null);
