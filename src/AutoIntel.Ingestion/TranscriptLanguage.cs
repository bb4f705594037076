using System.Text;
using AutoIntel.Core.Content;
using AutoIntel.Core.Text;

namespace AutoIntel.Ingestion;

/// <summary>Settles a transcript's language: what speech-to-text heard, else what the source declared when acquired
/// (<see cref="AcquiredContent.Language"/>), else what <see cref="LanguageDetector"/> reads in the text; null when none says.</summary>
public static class TranscriptLanguage
{
    /// <summary><paramref name="transcript"/> with its <see cref="Transcript.Language"/> settled.</summary>
    public static Transcript Settle(AcquiredContent content, Transcript transcript)
    {
        ArgumentNullException.ThrowIfNull(transcript);
        return transcript with { Language = Settle(content, transcript.Language, transcript.Segments) };
    }

    /// <summary>The language of a transcript that <paramref name="heard"/> (null for text), read from the start of its <paramref name="segments"/>
    /// only when neither speech-to-text nor the source says; only as many segments are enumerated as the detector reads.</summary>
    public static string? Settle(AcquiredContent content, string? heard, IEnumerable<TranscriptSegment> segments)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(segments);
        return LanguageTag.Primary(heard) ?? LanguageTag.Primary(content.Language) ?? LanguageDetector.Detect(Sample(segments));
    }

    /// <summary>The piece transcripts' language: the one most pieces report (ties to the earlier piece), null when none reports one.</summary>
    public static string? OfPieces(IEnumerable<string?> languages) =>
        languages.Select(LanguageTag.Primary).OfType<string>()
            .GroupBy(l => l, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count())
            .Select(g => g.Key)
            .FirstOrDefault();

    // The start of the text, enough for the detector without joining a long transcript.
    private static string Sample(IEnumerable<TranscriptSegment> segments)
    {
        var sample = new StringBuilder();
        foreach (TranscriptSegment segment in segments)
        {
            if (sample.Length >= LanguageDetector.MaxCharacters)
            {
                break;
            }

            sample.Append(segment.Text).Append('\n');
        }

        return sample.ToString();
    }
}
