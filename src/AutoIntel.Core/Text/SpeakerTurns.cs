using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using AutoIntel.Core.Content;

namespace AutoIntel.Core.Text;

/// <summary>The speaker turns of a chunk's text: where each "Name: " label written by <see cref="Chunker"/> opens a turn,
/// so a quote, claim or sentence can be attributed to whoever said it.</summary>
/// <remarks>Only names the chunk lists as its speakers count as labels, so "Note: …" in the content is never taken for a speaker.</remarks>
public sealed class SpeakerTurns
{
    /// <summary>The turns of a text without speakers.</summary>
    public static readonly SpeakerTurns None = new([], [], null);

    private readonly List<(int Offset, string Name)> _turns;
    private readonly Regex? _label;

    private SpeakerTurns(IReadOnlyList<string> speakers, List<(int Offset, string Name)> turns, Regex? label)
    {
        Speakers = speakers;
        _turns = turns;
        _label = label;
    }

    /// <summary>Everyone who speaks in the text, in order of appearance.</summary>
    public IReadOnlyList<string> Speakers { get; }

    /// <summary>The label that opens a turn: <c>"Jane Doe: "</c>.</summary>
    public static string Label(string speaker) => speaker + ": ";

    /// <summary>A speaker name as labels carry it: one line, single spaces, no colon (which would end the label early); null when nothing is left.</summary>
    public static string? Clean(string? speaker)
    {
        if (speaker is null)
        {
            return null;
        }

        var cleaned = string.Join(' ', speaker.Replace(':', ' ').Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return cleaned.Length == 0 ? null : cleaned;
    }

    /// <summary>Each segment's text as the chunks carry it: opening with "Name: " where a new speaker's turn starts (an unlabelled
    /// segment continues the turn before it), so a text compared with stored chunks reads the same.</summary>
    public static IEnumerable<string> Labelled(IEnumerable<TranscriptSegment> segments)
    {
        ArgumentNullException.ThrowIfNull(segments);
        return Texts();

        IEnumerable<string> Texts()
        {
            var label = Labeller();
            foreach (var segment in segments)
            {
                yield return label(segment);
            }
        }
    }

    /// <summary>As <see cref="Labelled(IEnumerable{TranscriptSegment})"/>, for segments read as they arrive.</summary>
    public static async IAsyncEnumerable<string> Labelled(IAsyncEnumerable<TranscriptSegment> segments, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(segments);
        var label = Labeller();
        await foreach (var segment in segments.WithCancellation(cancellationToken))
        {
            yield return label(segment);
        }
    }

    // A segment's text with the label of the turn it starts, remembering the turn across calls.
    private static Func<TranscriptSegment, string> Labeller()
    {
        string? current = null;
        return segment =>
        {
            var speaker = Clean(segment.Speaker);
            if (speaker is null || speaker == current)
            {
                return segment.Text;
            }

            current = speaker;
            return Label(speaker) + segment.Text;
        };
    }

    /// <summary>The turns of a chunk.</summary>
    public static SpeakerTurns Of(Chunk chunk)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        return Read(chunk.Text, chunk.Speakers, chunk.SpeakerAtStart);
    }

    /// <summary>The turns of <paramref name="text"/> whose labels name one of <paramref name="speakers"/>; text before the first label
    /// belongs to <paramref name="speakerAtStart"/>.</summary>
    public static SpeakerTurns Read(string text, IReadOnlyList<string>? speakers, string? speakerAtStart = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        List<string> names = [.. (speakers ?? []).Select(Clean).OfType<string>().Distinct(StringComparer.Ordinal)];
        if (speakerAtStart is not null && Clean(speakerAtStart) is { } first && !names.Contains(first, StringComparer.Ordinal))
        {
            names.Insert(0, first);
        }

        if (names.Count == 0)
        {
            return None;
        }

        // Longest names first, so "Ann Lee" wins over "Ann" where both are speakers.
        var label = new Regex(
            @"(?<=^|\s)(?<name>" + string.Join('|', names.OrderByDescending(n => n.Length).Select(Regex.Escape)) + @"): ",
            RegexOptions.CultureInvariant);
        var turns = new List<(int Offset, string Name)>();
        if (Clean(speakerAtStart) is { } atStart)
        {
            turns.Add((0, atStart));
        }

        foreach (Match m in label.Matches(text))
        {
            turns.Add((m.Index, m.Groups["name"].Value));
        }

        return new SpeakerTurns(names, turns, label);
    }

    /// <summary>Who speaks at <paramref name="offset"/> in the text, or null before the first turn.</summary>
    public string? At(int offset)
    {
        string? speaker = null;
        foreach (var (start, name) in _turns)
        {
            if (start > offset)
            {
                break;
            }

            speaker = name;
        }

        return speaker;
    }

    /// <summary>Who said <paramref name="quote"/>: the speaker of the turn it is found in (ignoring case), or null when it is not in
    /// <paramref name="text"/> or the text has no speakers.</summary>
    public string? Of(string text, string? quote)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (_turns.Count == 0 || string.IsNullOrWhiteSpace(quote))
        {
            return null;
        }

        var at = text.IndexOf(quote.Trim(), StringComparison.OrdinalIgnoreCase);
        return at < 0 ? null : At(at);
    }

    /// <summary>The speaker <paramref name="name"/> refers to, as the labels spell it ("jane doe", "Jane Doe:" → "Jane Doe"), or null when
    /// it is none of <see cref="Speakers"/>: a model may not attribute words to someone the text does not label.</summary>
    public string? Known(string? name)
    {
        var cleaned = Clean(name?.Trim().TrimEnd(':'));
        return cleaned is null ? null : Speakers.FirstOrDefault(s => string.Equals(s, cleaned, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>A quote without the turn label it may open with ("Jane Doe: It works." → "It works."), since the speaker is shown apart.</summary>
    public string WithoutLeadingLabel(string quote)
    {
        ArgumentNullException.ThrowIfNull(quote);
        var label = _label?.Match(quote);
        return label is { Success: true, Index: 0 } && label.Length < quote.Length ? quote[label.Length..] : quote;
    }

    /// <summary>The text without its turn labels, so a speaker's name counts only where someone says it.</summary>
    public string WithoutLabels(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return _label is null ? text : _label.Replace(text, string.Empty);
    }

    /// <summary>How often the text mentions <paramref name="speaker"/> outside the labels: the full name or any of its words of three letters or more.</summary>
    public int MentionsOf(string text, string speaker)
    {
        ArgumentNullException.ThrowIfNull(speaker);
        var words = new[] { speaker }.Concat(speaker.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => w.Length >= 3 && w != speaker))
            .Select(Regex.Escape);
        var mention = new Regex(@"(?<![\p{L}\p{N}])(?:" + string.Join('|', words) + @")(?![\p{L}\p{N}])", RegexOptions.CultureInvariant);
        return mention.Count(WithoutLabels(text));
    }

    /// <summary>The text as a reader needs it: opening with the label of whoever speaks at its start when it begins mid-turn.</summary>
    public static string WithOpeningLabel(Chunk chunk)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        return Clean(chunk.SpeakerAtStart) is { } speaker && !chunk.Text.StartsWith(Label(speaker), StringComparison.Ordinal)
            ? Label(speaker) + chunk.Text
            : chunk.Text;
    }
}
