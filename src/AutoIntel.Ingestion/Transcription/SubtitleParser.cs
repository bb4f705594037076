using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using AutoIntel.Core.Content;
using AutoIntel.Core.Text;

namespace AutoIntel.Ingestion.Transcription;

/// <summary>Parses SRT and WebVTT into timed segments, cleaning markup and merging rolling-caption repeats.</summary>
public static partial class SubtitleParser
{
    // Rolling captions repeat the last line or two of the previous cue; comparing more only costs time (quadratic in a cue's lines).
    private const int MaxRepeatedLines = 8;

    /// <summary>Parses SRT or WebVTT (told apart by the WEBVTT header); malformed input throws <see cref="FormatException"/> naming the line.</summary>
    /// <remarks>Reads line by line and merges each cue as soon as it is complete, so memory holds the segments, not copies of the text;
    /// <paramref name="cancellationToken"/> is checked on every line.</remarks>
    public static IReadOnlyList<TranscriptSegment> Parse(string text, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        using var reader = new StringReader(text);
        return [.. Read(reader, cancellationToken)];
    }

    /// <summary>The segments of <see cref="Parse"/>, read from <paramref name="reader"/> as they are enumerated: only the cue being read
    /// and the segment a rolling caption may still extend are held.</summary>
    /// <remarks>Malformed input throws <see cref="FormatException"/> when enumeration reaches it (input without any cue, at the end).</remarks>
    public static IEnumerable<TranscriptSegment> Read(TextReader reader, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return Segments();

        IEnumerable<TranscriptSegment> Segments()
        {
            // The last segment stays open until the next cue: a rolling caption that only repeats it extends its end time.
            var open = new List<TranscriptSegment>();
            bool vtt = false;
            bool any = false;
            List<CueLine>? previousLines = null;
            foreach (RawCue cue in ReadCues(reader, isVtt => vtt = isVtt, cancellationToken))
            {
                any = true;
                previousLines = Merge(cue, previousLines, open);
                for (int i = 0; i < open.Count - 1; i++)
                {
                    yield return open[i];
                }

                if (open.Count > 1)
                {
                    open.RemoveRange(0, open.Count - 1);
                }
            }

            if (!any)
            {
                throw new FormatException(vtt ? "no cues found after the WEBVTT header" : "no cue timings (00:00:01,000 --> 00:00:04,000) found");
            }

            foreach (TranscriptSegment segment in open)
            {
                yield return segment;
            }
        }
    }

    /// <summary>The language a WebVTT file's header declares (<c>Language: de</c>, as YouTube writes it), or null.</summary>
    /// <remarks>Only the header is read: the lines after <c>WEBVTT</c> up to the first blank line or cue timing.</remarks>
    public static string? HeaderLanguage(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        if (reader.ReadLine()?.TrimStart('\uFEFF').StartsWith("WEBVTT", StringComparison.Ordinal) != true)
        {
            return null;
        }

        for (string? line = reader.ReadLine(); !string.IsNullOrWhiteSpace(line) && !line.Contains("-->", StringComparison.Ordinal); line = reader.ReadLine())
        {
            int colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && line[..colon].Trim().Equals("Language", StringComparison.OrdinalIgnoreCase))
            {
                return LanguageTag.Primary(line[(colon + 1)..]);
            }
        }

        return null;
    }

    // Yields each cue once the next timing (or the end) shows that no more lines belong to it.
    private static IEnumerable<RawCue> ReadCues(TextReader reader, Action<bool> reportVtt, CancellationToken cancellationToken)
    {
        var pending = new List<(int LineNumber, string Text)>();
        RawCue? current = null;
        bool? vtt = null;
        bool afterBlank = true;
        bool skippingBlock = false;
        int lineNumber = 0;

        for (string? raw = reader.ReadLine(); raw is not null; raw = reader.ReadLine())
        {
            cancellationToken.ThrowIfCancellationRequested();
            lineNumber++;
            string line = (lineNumber == 1 ? raw.TrimStart('\uFEFF') : raw).Trim();
            if (line.Length == 0)
            {
                afterBlank = true;
                skippingBlock = false;
                continue;
            }

            if (vtt is null)
            {
                vtt = line.StartsWith("WEBVTT", StringComparison.Ordinal);
                reportVtt(vtt.Value);
            }

            if (skippingBlock)
            {
                continue;
            }

            if (line.Contains("-->", StringComparison.Ordinal))
            {
                var timing = ParseTiming(line, lineNumber);
                AssignPending(pending, current, vtt.Value);
                if (current is not null && !afterBlank && current.Lines.Count > 0 && current.Lines[^1].All(char.IsAsciiDigit))
                {
                    // A missing blank line: the number is the next cue's index, not the previous cue's text.
                    current.Lines.RemoveAt(current.Lines.Count - 1);
                }

                if (current is not null)
                {
                    yield return current;
                }

                current = new RawCue(timing.Start, timing.End, []);
                afterBlank = false;
                continue;
            }

            if (afterBlank && vtt.Value && (line == "WEBVTT" || line.StartsWith("WEBVTT ", StringComparison.Ordinal) || line.StartsWith("WEBVTT\t", StringComparison.Ordinal)
                || line == "NOTE" || line.StartsWith("NOTE ", StringComparison.Ordinal) || line.StartsWith("NOTE\t", StringComparison.Ordinal)
                || (current is null && (line == "STYLE" || line == "REGION"))))
            {
                skippingBlock = true;
                continue;
            }

            if (afterBlank || current is null)
            {
                pending.Add((lineNumber, line));
            }
            else
            {
                current.Lines.Add(line);
            }
        }

        // Text after the last cue's blank line belongs to it (a stray blank line inside the cue).
        // Without any cue, Parse reports "no cue timings", which says more than the first stray line would.
        if (current is not null)
        {
            current.Lines.AddRange(pending.Select(p => p.Text));
            yield return current;
        }
    }

    // Lines seen since a blank line, now followed by a timing: the last is the cue identifier, the rest continue the previous cue.
    private static void AssignPending(List<(int LineNumber, string Text)> pending, RawCue? previous, bool vtt)
    {
        if (pending.Count == 0)
        {
            return;
        }

        var continuation = pending.Take(pending.Count - 1).ToList();
        if (previous is not null)
        {
            previous.Lines.AddRange(continuation.Select(p => p.Text));
        }
        else if (!vtt && continuation.Count > 0)
        {
            throw new FormatException($"line {continuation[0].LineNumber}: expected a cue number or timing, found text");
        }

        pending.Clear();
    }

    private static (TimeSpan Start, TimeSpan End) ParseTiming(string line, int lineNumber)
    {
        Match match = TimingLine().Match(line);
        if (!match.Success
            || !TryParseTime(match.Groups["start"].Value, out TimeSpan start)
            || !TryParseTime(match.Groups["end"].Value, out TimeSpan end))
        {
            throw new FormatException($"line {lineNumber}: '{Shorten(line)}' is not a cue timing (expected 00:00:01,000 --> 00:00:04,000)");
        }

        if (end < start)
        {
            throw new FormatException($"line {lineNumber}: the cue ends ({match.Groups["end"].Value}) before it starts ({match.Groups["start"].Value})");
        }

        return (start, end);
    }

    private static bool TryParseTime(string value, out TimeSpan time)
    {
        time = default;
        string[] parts = value.Split(':');
        string[] secondsAndFraction = parts[^1].Split(',', '.');
        int hours = parts.Length == 3 ? int.Parse(parts[0], CultureInfo.InvariantCulture) : 0;
        int minutes = int.Parse(parts[^2], CultureInfo.InvariantCulture);
        int seconds = int.Parse(secondsAndFraction[0], CultureInfo.InvariantCulture);
        int millis = int.Parse(secondsAndFraction[1].PadRight(3, '0'), CultureInfo.InvariantCulture);
        if (minutes > 59 || seconds > 59)
        {
            return false;
        }

        time = new TimeSpan(0, hours, minutes, seconds, millis);
        return true;
    }

    // Adds the cue's new text to the segments, one per voice (or extends the last segment when it only repeats); returns its
    // cleaned lines, or the previous ones when the cue had no text.
    private static List<CueLine>? Merge(RawCue cue, List<CueLine>? previousLines, List<TranscriptSegment> segments)
    {
        List<CueLine> lines = Voices(cue.Lines);
        if (lines.Count == 0)
        {
            return previousLines;
        }

        List<CueLine> fresh = previousLines is null ? lines : NewLines(previousLines, lines);
        if (fresh.Count == 0)
        {
            // A rolling caption repeating what was already said: extend it instead of repeating it.
            TranscriptSegment last = segments[^1];
            segments[^1] = last with { End = cue.End > last.End ? cue.End : last.End };
            return lines;
        }

        // Consecutive lines of one voice make one segment; a cue where two people speak ("<v Ann>…" then "<v Bo>…") makes two.
        for (int i = 0; i < fresh.Count;)
        {
            int end = i + 1;
            while (end < fresh.Count && fresh[end].Speaker == fresh[i].Speaker)
            {
                end++;
            }

            segments.Add(new TranscriptSegment(string.Join(' ', fresh.Skip(i).Take(end - i).Select(l => l.Text)), cue.Start, cue.End, fresh[i].Speaker));
            i = end;
        }

        return lines;
    }

    // Lines of the current cue that the previous cue did not already show (rolling captions repeat the tail of the last one).
    private static List<CueLine> NewLines(List<CueLine> previous, List<CueLine> current)
    {
        for (int overlap = Math.Min(Math.Min(previous.Count, current.Count), MaxRepeatedLines); overlap > 0; overlap--)
        {
            if (previous.Skip(previous.Count - overlap).Select(l => l.Text).SequenceEqual(current.Take(overlap).Select(l => l.Text), StringComparer.Ordinal))
            {
                return current.Skip(overlap).ToList();
            }
        }

        // Captions that grow word by word within one line.
        string before = string.Join(' ', previous.Select(l => l.Text));
        string now = string.Join(' ', current.Select(l => l.Text));
        if (now.StartsWith(before + " ", StringComparison.Ordinal))
        {
            return [new CueLine(now[(before.Length + 1)..], current[^1].Speaker)];
        }

        return current;
    }

    // The cue's text split where the voice changes. A voice span (WebVTT "<v Name>", "<v.class Name>") runs to its "</v>" or,
    // unclosed, to the end of the cue; text outside any span has no speaker.
    private static List<CueLine> Voices(List<string> rawLines)
    {
        var lines = new List<CueLine>();
        string? voice = null;
        foreach (string raw in rawLines)
        {
            // Most caption lines are plain words: skip the voice scan for them.
            if (!raw.Contains("<v", StringComparison.Ordinal) && !raw.Contains("</v", StringComparison.Ordinal))
            {
                Add(lines, Clean(raw), voice);
                continue;
            }

            int at = 0;
            foreach (Match tag in VoiceTag().Matches(raw))
            {
                Add(lines, Clean(raw[at..tag.Index]), voice);
                voice = tag.Value.StartsWith("</", StringComparison.Ordinal) ? null : Speaker(tag.Groups["name"].Value);
                at = tag.Index + tag.Length;
            }

            Add(lines, Clean(raw[at..]), voice);
        }

        return lines;
    }

    // Adjacent text of the same voice on one cue line stays one line.
    private static void Add(List<CueLine> lines, string text, string? speaker)
    {
        if (text.Length > 0)
        {
            lines.Add(new CueLine(text, speaker));
        }
    }

    private static string? Speaker(string annotation)
    {
        string name = WebUtility.HtmlDecode(annotation).Trim();
        return name.Length == 0 ? null : name;
    }

    private static string Clean(string line)
    {
        // Most caption lines are plain words: skip the regexes (and their copies) for them.
        string text = line;
        if (line.Contains('<', StringComparison.Ordinal))
        {
            text = Tag().Replace(text, string.Empty);
        }

        if (text.Contains("{\\", StringComparison.Ordinal))
        {
            text = AssOverride().Replace(text, string.Empty);
        }

        text = WebUtility.HtmlDecode(text);
        return HasRunOfWhitespace(text) ? Whitespace().Replace(text, " ").Trim() : text.Trim();
    }

    // Whitespace other than single spaces, which the collapse would change.
    private static bool HasRunOfWhitespace(string text)
    {
        for (int i = 0; i < text.Length; i++)
        {
            if (char.IsWhiteSpace(text[i]) && (text[i] != ' ' || (i + 1 < text.Length && char.IsWhiteSpace(text[i + 1]))))
            {
                return true;
            }
        }

        return false;
    }

    private static string Shorten(string line) => line.Length <= 60 ? line : string.Concat(line.AsSpan(0, 60), "…");

    private sealed record RawCue(TimeSpan Start, TimeSpan End, List<string> Lines);

    private sealed record CueLine(string Text, string? Speaker);

    [GeneratedRegex(@"^(?<start>(?:\d{1,3}:)?\d{1,2}:\d{1,2}[,.]\d{1,3})\s*-->\s*(?<end>(?:\d{1,3}:)?\d{1,2}:\d{1,2}[,.]\d{1,3})(?:\s.*)?$")]
    private static partial Regex TimingLine();

    // Unanchored patterns over untrusted lines run without backtracking: "<a<a<a…" with no ">" is quadratic otherwise.
    [GeneratedRegex(@"<v(?:\.[^\s>]*)*(?:[ \t]+(?<name>[^>]*))?>|</v\s*>", RegexOptions.NonBacktracking)]
    private static partial Regex VoiceTag();

    [GeneratedRegex(@"</?[A-Za-z0-9][^>]*>|<\d{1,3}:[\d:.]+>", RegexOptions.NonBacktracking)]
    private static partial Regex Tag();

    [GeneratedRegex(@"\{\\[^}]*\}", RegexOptions.NonBacktracking)]
    private static partial Regex AssOverride();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
