namespace AutoIntel.Core.Text;

/// <summary>Splits prose into sentences, aware of abbreviations, initials, decimals, ellipses and quotes.</summary>
public static class SentenceSplitter
{
    // Titles and Latin shorthands are never followed by a sentence break.
    private static readonly HashSet<string> NeverFinal = new(StringComparer.OrdinalIgnoreCase)
    {
        "dr", "mr", "mrs", "ms", "prof", "sr", "jr", "st", "mt", "vs", "v", "e.g", "i.e", "cf", "fig",
        "approx", "gen", "sen", "rep", "gov", "lt", "col", "sgt", "capt", "rev", "hon", "pres", "dept", "est", "vol",
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "al", "ca", "op", "pp",
    };

    // After an initialism (U.S., Inc., etc.) only a typical sentence opener starts a new sentence.
    private static readonly HashSet<string> MaybeFinal = new(StringComparer.OrdinalIgnoreCase)
    {
        "etc", "inc", "corp", "ltd", "co", "llc", "bros", "a.m", "p.m",
    };

    private static readonly HashSet<string> Openers = new(StringComparer.Ordinal)
    {
        "The", "This", "That", "These", "Those", "It", "He", "She", "We", "They", "I", "You", "But", "And", "So", "In",
        "On", "At", "If", "When", "What", "Why", "How", "A", "An", "There", "Here", "Our", "My", "Its", "Their", "As",
        "For", "Now", "Then", "Yet", "Still", "Meanwhile", "However", "Also", "Last", "Next", "Today", "Yes", "No",
    };

    /// <summary>The sentences of a text, trimmed and with inner whitespace collapsed to single spaces.</summary>
    public static IReadOnlyList<string> Split(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        return [.. SplitRanges(text).Select(r => Collapse(text.AsSpan(r.Start, r.Length)))];
    }

    /// <summary>Start offsets and lengths of the sentences, trimmed of surrounding whitespace.</summary>
    internal static IReadOnlyList<(int Start, int Length)> SplitRanges(string text)
    {
        var ranges = new List<(int Start, int Length)>();
        Scan(text, final: true, ranges);
        return ranges;
    }

    /// <summary>The sentences of a text that more text may follow: adds to <paramref name="ranges"/> only the sentences whose end no
    /// later text can move (the last of them may still turn out to be the text's last sentence).</summary>
    /// <remarks>Every break is decided exactly as <see cref="SplitRanges(string)"/> decides it over the whole text: a decision that would
    /// look past the end of <paramref name="text"/> (the word after a period, a run of whitespace, a second newline) waits for more text.</remarks>
    internal static void SplitCompleteRanges(string text, List<(int Start, int Length)> ranges) => Scan(text, final: false, ranges);

    // Adds the sentences to ranges; without final, stops at the first break that more text could change.
    private static void Scan(string text, bool final, List<(int Start, int Length)> ranges)
    {
        var start = 0;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '\n')
            {
                bool? paragraph = IsParagraphBreak(text, i, final);
                if (paragraph is null)
                {
                    return;
                }

                if (paragraph.Value)
                {
                    Add(ranges, text, start, i);
                    start = i;
                    i++;
                    continue;
                }
            }

            if (c is not ('.' or '!' or '?' or '\u2026'))
            {
                i++;
                continue;
            }

            // Take the whole terminator: "?!", "...", and any closing quotes or brackets after it.
            var end = i + 1;
            while (end < text.Length && text[end] is '.' or '!' or '?' or '\u2026')
            {
                end++;
            }

            while (end < text.Length && IsCloser(text[end]))
            {
                end++;
            }

            bool? boundary = end == text.Length && !final ? null : IsBoundary(text, i, end, final);
            if (boundary is null)
            {
                return;
            }

            if (boundary.Value)
            {
                Add(ranges, text, start, end);
                start = end;
            }

            i = end;
        }

        if (final)
        {
            Add(ranges, text, start, text.Length);
        }
    }

    // Null when the text ends before the decision can be made and more may follow.
    private static bool? IsBoundary(string text, int terminator, int end, bool final)
    {
        var next = end;
        while (next < text.Length && char.IsWhiteSpace(text[next]))
        {
            next++;
        }

        if (next == text.Length)
        {
            return final ? true : null;
        }

        // A break needs whitespace after the terminator: "3.5", "example.com" and "U.S.-led" stay whole.
        if (next == end)
        {
            return false;
        }

        var following = text[next];
        if (!(char.IsUpper(following) || char.IsDigit(following) || IsOpener(following)))
        {
            return false;
        }

        var isPeriod = text[terminator] == '.' && end - terminator == 1 + CountClosers(text, terminator + 1, end);
        if (!isPeriod)
        {
            return true;
        }

        var word = WordBefore(text, terminator);
        // "No. 5" is a number sign, "the answer is no. Then" is a sentence end.
        if (NeverFinal.Contains(word) || (word is "No" or "no" && char.IsDigit(following)))
        {
            return false;
        }

        var isInitial = word.Length == 1 && char.IsUpper(word[0]);
        var isInitialism = word.Length > 1 && word.Contains('.', StringComparison.Ordinal);
        if (isInitial || isInitialism || MaybeFinal.Contains(word))
        {
            var nextWord = NextWord(text, next);
            return next + nextWord.Length == text.Length && !final ? null : Openers.Contains(nextWord);
        }

        return true;
    }

    private static string WordBefore(string text, int terminator)
    {
        var s = terminator;
        while (s > 0 && (char.IsLetter(text[s - 1]) || (text[s - 1] == '.' && s > 1 && char.IsLetter(text[s - 2]))))
        {
            s--;
        }

        return text[s..terminator];
    }

    private static string NextWord(string text, int start)
    {
        var e = start;
        while (e < text.Length && char.IsLetter(text[e]))
        {
            e++;
        }

        return text[start..e];
    }

    private static int CountClosers(string text, int from, int to)
    {
        var n = 0;
        for (var k = from; k < to; k++)
        {
            if (IsCloser(text[k]))
            {
                n++;
            }
        }

        return n;
    }

    private static bool IsCloser(char c) => c is '"' or '\'' or ')' or ']' or '\u201D' or '\u2019' or '\u00BB';

    private static bool IsOpener(char c) => c is '"' or '\'' or '(' or '[' or '\u201C' or '\u2018' or '\u00AB' or '-' or '\u2014';

    private static bool? IsParagraphBreak(string text, int newline, bool final)
    {
        var k = newline + 1;
        while (k < text.Length && text[k] is ' ' or '\t' or '\r')
        {
            k++;
        }

        return k < text.Length ? text[k] == '\n' : (final ? false : null);
    }

    private static void Add(List<(int Start, int Length)> ranges, string text, int start, int end)
    {
        while (start < end && char.IsWhiteSpace(text[start]))
        {
            start++;
        }

        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        if (end > start)
        {
            ranges.Add((start, end - start));
        }
    }

    /// <summary>The text with whitespace trimmed and inner runs collapsed to single spaces.</summary>
    internal static string Collapse(ReadOnlySpan<char> span)
    {
        var builder = new System.Text.StringBuilder(span.Length);
        var space = false;
        foreach (var c in span)
        {
            if (char.IsWhiteSpace(c))
            {
                space = true;
                continue;
            }

            if (space && builder.Length > 0)
            {
                builder.Append(' ');
            }

            space = false;
            builder.Append(c);
        }

        return builder.ToString();
    }
}
