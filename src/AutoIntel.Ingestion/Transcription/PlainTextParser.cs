using System.Text;
using System.Text.RegularExpressions;
using AutoIntel.Core.Content;

namespace AutoIntel.Ingestion.Transcription;

/// <summary>Splits plain text and Markdown into paragraph segments.</summary>
public static partial class PlainTextParser
{
    /// <summary>One segment per paragraph (blank-line separated) or speaker turn (a line opening with "Name:"); Markdown headings and
    /// list items become their own segments, link syntax keeps the text.</summary>
    /// <remarks>Reads line by line (no copies of the whole text); <paramref name="cancellationToken"/> is checked on every line.</remarks>
    public static IReadOnlyList<TranscriptSegment> Parse(string text, bool markdown, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        using var reader = new StringReader(text);
        return [.. Read(reader, markdown, cancellationToken)];
    }

    /// <summary>The segments of <see cref="Parse"/>, read from <paramref name="reader"/> as they are enumerated: only the paragraph being
    /// read is held.</summary>
    public static IEnumerable<TranscriptSegment> Read(TextReader reader, bool markdown, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return Segments();

        IEnumerable<TranscriptSegment> Segments()
        {
            var segments = new List<TranscriptSegment>();
            var paragraph = new StringBuilder();
            bool first = true;
            for (string? raw = reader.ReadLine(); raw is not null; raw = reader.ReadLine())
            {
                foreach (TranscriptSegment done in segments)
                {
                    yield return done;
                }

                segments.Clear();
                cancellationToken.ThrowIfCancellationRequested();
                string line = (first ? raw.TrimStart('\uFEFF') : raw).Trim();
                first = false;
                if (line.Length == 0)
                {
                    Flush(paragraph, segments);
                    continue;
                }

                if (markdown)
                {
                    if (Fence().IsMatch(line) || HorizontalRule().IsMatch(line))
                    {
                        Flush(paragraph, segments);
                        continue;
                    }

                    line = Link().Replace(line, "${text}");
                    Match heading = Heading().Match(line);
                    if (heading.Success || ListItem().IsMatch(line))
                    {
                        Flush(paragraph, segments);
                        paragraph.Append(heading.Success ? heading.Groups["text"].Value : line);
                        Flush(paragraph, segments);
                        continue;
                    }
                }

                // Interview transcripts put each turn on its own line without a blank line between: a label starts a new segment.
                if (paragraph.Length > 0 && SpeakerPrefixes.StartsWithLabel(line))
                {
                    Flush(paragraph, segments);
                }

                if (paragraph.Length > 0)
                {
                    paragraph.Append(' ');
                }

                paragraph.Append(line);
            }

            Flush(paragraph, segments);
            foreach (TranscriptSegment done in segments)
            {
                yield return done;
            }
        }
    }

    private static void Flush(StringBuilder paragraph, List<TranscriptSegment> segments)
    {
        string text = Whitespace().Replace(paragraph.ToString(), " ").Trim();
        if (text.Length > 0)
        {
            segments.Add(new TranscriptSegment(text));
        }

        paragraph.Clear();
    }

    [GeneratedRegex(@"^#{1,6}\s+(?<text>.*?)\s*#*$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"^([-*+]|\d{1,9}[.)])\s+")]
    private static partial Regex ListItem();

    // Without backtracking: a line of "[[[[…" is quadratic otherwise.
    [GeneratedRegex(@"!?\[(?<text>[^\]]*)\]\([^)]*\)", RegexOptions.NonBacktracking)]
    private static partial Regex Link();

    [GeneratedRegex(@"^(```|~~~)")]
    private static partial Regex Fence();

    [GeneratedRegex(@"^([-*_]\s*){3,}$")]
    private static partial Regex HorizontalRule();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
