using System.Globalization;
using System.Text.RegularExpressions;
using AutoIntel.Core.Content;

namespace AutoIntel.Ingestion.Transcription;

/// <summary>Reads "Name: …" speaker labels at the start of transcript segments (SRT and WebVTT cues, text and Markdown paragraphs,
/// HTML blocks) into <see cref="TranscriptSegment.Speaker"/>, taking the label out of the text.</summary>
/// <remarks>
/// Accepted forms: <c>Jane Doe:</c>, <c>JANE DOE:</c> (read as "Jane Doe"), <c>**Jane Doe:**</c>, <c>**Jane Doe**:</c>, <c>__Jane Doe:__</c>,
/// and caption prefixes <c>&gt;&gt; Jane:</c> or <c>- Jane:</c>. A label is one to four capitalised words, none of them a function word
/// or a word documents use as a heading ("Note:", "Update:", "Pros:", "Step One:"). A document counts as labelled only when one name
/// labels at least two segments (then a guest who speaks once is a speaker too), so a single "Jane Smith: …" line in an article
/// never makes a speaker. An unlabelled segment continues the turn before it.
/// </remarks>
public static partial class SpeakerPrefixes
{
    /// <summary>How often one name must open a segment before the document's labels count as speakers.</summary>
    public const int MinLabels = 2;

    private static readonly HashSet<string> NotNames = new(StringComparer.OrdinalIgnoreCase)
    {
        // Function words: "The Verdict:", "And So:", "What Next:".
        "a", "an", "the", "and", "or", "but", "if", "so", "of", "to", "in", "on", "at", "by", "for", "with", "from", "as", "is", "are",
        "was", "it", "this", "that", "these", "those", "there", "here", "i", "we", "you", "he", "she", "they", "my", "our", "your", "what",
        "which", "who", "why", "how", "when", "where", "yes", "no", "not", "all", "some", "one", "two", "three", "first", "next", "last",
        // Words documents use as headings or field names.
        "note", "notes", "nb", "ps", "warning", "caution", "important", "tip", "tips", "hint", "update", "updated", "edit", "edited",
        "correction", "disclaimer", "source", "sources", "summary", "tldr", "example", "examples", "question", "answer", "q", "re",
        "step", "chapter", "part", "section", "title", "subject", "date", "time", "location", "address", "phone", "email", "website",
        "pros", "cons", "verdict", "price", "cost", "rating", "score", "result", "results", "conclusion", "introduction", "background",
        "method", "methods", "abstract", "keywords", "tags", "category", "status", "author", "credit", "credits", "image", "photo",
        "caption", "video", "audio", "link", "links", "read", "watch", "listen", "see", "also", "related", "contents", "figure",
        "table", "ingredients", "directions", "instructions", "total", "topic", "agenda", "action", "goal", "problem", "solution",
        "fact", "myth", "claim", "reality", "truth", "rule", "remember", "bonus", "spoiler", "transcript", "key", "takeaway",
        "takeaways", "update", "breaking", "live", "exclusive", "opinion", "analysis", "review", "editor", "editors", "day", "week",
        "today", "tonight", "yesterday", "tomorrow", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    };

    /// <summary>The segments with speakers read from their labels; unchanged when no name labels at least <see cref="MinLabels"/> segments.</summary>
    /// <remarks>Segments that already have a speaker (WebVTT voices) keep it.</remarks>
    public static IReadOnlyList<TranscriptSegment> Apply(IReadOnlyList<TranscriptSegment> segments)
    {
        ArgumentNullException.ThrowIfNull(segments);
        return IsLabelled(segments) ? [.. Apply(segments, labelled: true)] : segments;
    }

    /// <summary>Whether the document is a labelled one: some name opens at least <see cref="MinLabels"/> segments that have no speaker yet.</summary>
    /// <remarks>Stops reading at the first name seen that often, so for a labelled transcript it reads only its first few segments.</remarks>
    public static bool IsLabelled(IEnumerable<TranscriptSegment> segments)
    {
        ArgumentNullException.ThrowIfNull(segments);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (TranscriptSegment segment in segments)
        {
            if (segment.Speaker is null && Read(segment.Text) is { } label)
            {
                int count = counts.GetValueOrDefault(label.Name) + 1;
                if (count >= MinLabels)
                {
                    return true;
                }

                counts[label.Name] = count;
            }
        }

        return false;
    }

    /// <summary>The segments with speakers read from their labels when the document is <paramref name="labelled"/> (see
    /// <see cref="IsLabelled"/>), as they are enumerated; otherwise as they are.</summary>
    /// <remarks>Segments that already have a speaker (WebVTT voices) keep it; an unlabelled segment continues the turn before it.</remarks>
    public static IEnumerable<TranscriptSegment> Apply(IEnumerable<TranscriptSegment> segments, bool labelled)
    {
        ArgumentNullException.ThrowIfNull(segments);
        return labelled ? Labelled() : segments;

        IEnumerable<TranscriptSegment> Labelled()
        {
            string? current = null;
            foreach (TranscriptSegment segment in segments)
            {
                if (segment.Speaker is not null)
                {
                    current = segment.Speaker;
                    yield return segment;
                }
                else if (Read(segment.Text) is { } label)
                {
                    current = label.Name;
                    yield return segment with { Text = segment.Text[label.Length..].TrimStart(), Speaker = current };
                }
                else
                {
                    yield return segment with { Speaker = current };
                }
            }
        }
    }

    /// <summary>True when <paramref name="line"/> opens with something shaped like a speaker label (whether or not the document confirms it).</summary>
    public static bool StartsWithLabel(string line) => Read(line) is not null;

    // The label at the start of a text and how many characters it takes (markup and the space after it included).
    private static (string Name, int Length)? Read(string text)
    {
        Match m = Label().Match(text);
        if (!m.Success || m.Length >= text.Length)
        {
            return null;
        }

        string name = m.Groups["name"].Value;
        string[] words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Where((w, i) => i == 0 || w.Length > 1).Any(w => NotNames.Contains(w.Trim('.', '\'', '\u2019'))))
        {
            return null;
        }

        // "JORDAN ELLIS:" in captions is the same speaker as "Jordan Ellis:".
        if (words.Length > 0 && name.Any(char.IsLetter) && !name.Any(char.IsLower))
        {
            name = CultureInfo.InvariantCulture.TextInfo.ToTitleCase(name.ToLowerInvariant());
        }

        return (name, m.Length);
    }

    // One to four capitalised words ("Dr. Amara Osei", "O'Neil", "Jean-Luc") before a colon, optionally in bold, after a caption's ">>" or "-".
    [GeneratedRegex(
        @"^(?:>>\s*|-\s+)?(?:(?<b>\*\*|__)(?<name>\p{Lu}[\p{L}.'’-]*(?:[ \t]+\p{Lu}[\p{L}.'’-]*){0,3})(?::\k<b>|\k<b>:)|(?<name>\p{Lu}[\p{L}.'’-]*(?:[ \t]+\p{Lu}[\p{L}.'’-]*){0,3}):)[ \t]+(?=\S)",
        RegexOptions.CultureInvariant)]
    private static partial Regex Label();
}
