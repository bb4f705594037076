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
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(transcript);
        string? language = LanguageTag.Primary(transcript.Language) ?? LanguageTag.Primary(content.Language) ?? LanguageDetector.Detect(Sample(transcript));
        return transcript with { Language = language };
    }

    /// <summary>The piece transcripts' language: the one most pieces report (ties to the earlier piece), null when none reports one.</summary>
    public static string? OfPieces(IEnumerable<string?> languages) =>
        languages.Select(LanguageTag.Primary).OfType<string>()
            .GroupBy(l => l, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count())
            .Select(g => g.Key)
            .FirstOrDefault();

    // The start of the text, enough for the detector without joining a long transcript.
    private static string Sample(Transcript transcript)
    {
        var sample = new StringBuilder();
        foreach (TranscriptSegment segment in transcript.Segments)
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
