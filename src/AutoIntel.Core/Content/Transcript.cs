using System.Text.Json.Serialization;

namespace AutoIntel.Core.Content;

/// <summary>Readable text of a source as timed (or untimed) segments.</summary>
/// <param name="Language">The text's language (ISO 639-1) when known: declared by the source, reported by speech-to-text or detected;
/// left out when null, so transcripts stored before it existed read back unchanged.</param>
public sealed record Transcript(
    string Title,
    string Source,
    IReadOnlyList<TranscriptSegment> Segments,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Language = null)
{
    /// <summary>All segment texts joined with single newlines.</summary>
    /// <remarks>
    /// Computed, so never stored: written into the transcript artifact it doubled its size, and escaping one string of tens of
    /// millions of characters made the JSON writer rent (and the shared pool keep) buffers of several hundred megabytes.
    /// </remarks>
    [JsonIgnore]
    public string FullText => string.Join('\n', Segments.Select(s => s.Text));
}

/// <summary>One span of speech or text; times are null for untimed text.</summary>
public sealed record TranscriptSegment(string Text, TimeSpan? Start = null, TimeSpan? End = null, string? Speaker = null);
