using System.Text.RegularExpressions;

namespace AutoIntel.Memory.Text;

/// <summary>Picks the part of a passage that best matches a query, to quote as evidence.</summary>
internal static partial class Snippets
{
    /// <summary>The sentence (plus following ones, up to <paramref name="maxChars"/>) sharing most content words with the query.</summary>
    public static string Best(string passage, string query, int maxChars = 320)
    {
        string[] sentences = SentenceEnd().Split(passage.Trim());
        return Compose(sentences, BestSentence(sentences, query), maxChars);
    }

    /// <summary>As <see cref="Best"/>, with who speaks at the snippet's start: its own leading label (taken out of the text),
    /// else the last label before it in the passage, else <paramref name="speakerAtStart"/>, who speaks where the passage opens.</summary>
    public static (string Snippet, string? Speaker) BestSpoken(string passage, string query, string? speakerAtStart, int maxChars = 320)
    {
        string[] sentences = SentenceEnd().Split(passage.Trim());
        int best = BestSentence(sentences, query);
        string? speaker = speakerAtStart;
        for (int i = 0; i < best; i++)
        {
            speaker = SpeakerLabels.Read(sentences[i], speaker).Last;
        }

        (string? label, string rest) = SpeakerLabels.TakeLeading(sentences[best].Trim());
        sentences[best] = rest;
        return (Compose(sentences, best, maxChars), label ?? speaker);
    }

    private static int BestSentence(string[] sentences, string query)
    {
        var wanted = new HashSet<string>(TextTokens.ContentWords(query), StringComparer.Ordinal);
        int best = 0;
        int bestScore = -1;
        for (int i = 0; i < sentences.Length; i++)
        {
            int score = TextTokens.ContentWords(sentences[i]).Distinct(StringComparer.Ordinal).Count(wanted.Contains);
            if (score > bestScore)
            {
                (best, bestScore) = (i, score);
            }
        }

        return best;
    }

    private static string Compose(string[] sentences, int best, int maxChars)
    {
        string snippet = sentences[best].Trim();
        for (int next = best + 1; next < sentences.Length && snippet.Length + sentences[next].Length + 1 <= maxChars; next++)
        {
            snippet += " " + sentences[next].Trim();
        }

        return snippet.Length <= maxChars ? snippet : string.Concat(snippet.AsSpan(0, maxChars - 1).TrimEnd(), "…");
    }

    /// <summary>Splits a text into passages of whole sentences, each at most about <paramref name="maxWords"/> words.</summary>
    /// <remarks>Short passages keep a claim's similarity to the sentence that supports it from being diluted by a long chunk.</remarks>
    public static List<string> Passages(string text, int maxWords = 60)
    {
        var passages = new List<string>();
        var current = new List<string>();
        int words = 0;
        foreach (string sentence in SentenceEnd().Split(text.Trim()))
        {
            int count = sentence.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
            if (words > 0 && words + count > maxWords)
            {
                passages.Add(string.Join(' ', current));
                current.Clear();
                words = 0;
            }

            current.Add(sentence.Trim());
            words += count;
        }

        if (words > 0)
        {
            passages.Add(string.Join(' ', current));
        }

        return passages;
    }

    [GeneratedRegex(@"(?<=[.!?])\s+")]
    private static partial Regex SentenceEnd();
}
