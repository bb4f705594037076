using System.Text.RegularExpressions;
using AutoIntel.Core.Text;

namespace AutoIntel.Intelligence.Offline;

/// <summary>Word-level helpers shared by the offline heuristics.</summary>
internal static class OfflineText
{
    public const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;

    public static readonly HashSet<string> Stopwords = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "and", "or", "but", "if", "then", "so", "of", "to", "in", "on", "at", "by", "for", "with", "from", "as",
        "is", "are", "was", "were", "be", "been", "being", "it", "its", "it's", "this", "that", "these", "those", "there", "here",
        "i", "me", "my", "we", "us", "our", "you", "your", "he", "him", "his", "she", "her", "they", "them", "their", "what",
        "which", "who", "whom", "when", "where", "why", "how", "do", "does", "did", "have", "has", "had", "not", "no", "yes",
        "just", "also", "very", "really", "about", "into", "than", "too", "can", "could", "would", "should", "will", "shall",
        "may", "might", "must", "all", "any", "some", "more", "most", "other", "such", "only", "own", "same", "up", "down",
        "out", "over", "again", "once", "because", "while", "um", "uh", "like", "know", "think", "mean", "well", "okay", "yeah",
        "right", "now", "let's", "get", "got", "going", "go", "one", "lot", "thing", "things", "don't", "i'm", "that's", "we're",
        "they're", "you're", "there's", "isn't", "aren't", "wasn't", "can't", "won't", "didn't", "doesn't", "said", "say", "says",
    };

    private static readonly Regex WordPattern = new(@"[\p{L}\p{N}][\p{L}\p{N}'’]*", RegexOptions.CultureInvariant);

    private static readonly Regex Fillers = new(
        @"^(?:(?:so|and|but|well|look|now|okay|ok|right|yeah|um|uh|like|you know|i mean|honestly|basically|actually|also)\b[,\s]*)+",
        Options);

    // "Jordan Ellis: ..." in a transcript; a label is one to four capitalised words, none of them a function word ("This week: ...").
    private static readonly Regex SpeakerLabel = new(@"^(?<name>\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,3}):\s+(?=\S)", RegexOptions.CultureInvariant);

    /// <summary>The sentences of a chunk.</summary>
    public static IReadOnlyList<string> Sentences(string text) => SentenceSplitter.Split(text);

    /// <summary>Lowercase words of a text, in order.</summary>
    public static IReadOnlyList<string> Words(string text) =>
        [.. WordPattern.Matches(text).Select(m => m.Value.ToLowerInvariant().Replace('’', '\''))];

    /// <summary>Content terms (stopwords removed, plural "s" stripped) for similarity and scoring.</summary>
    public static IReadOnlyList<string> Terms(string text) =>
        [.. Words(text).Where(w => w.Length > 2 && !Stopwords.Contains(w)).Select(Stem)];

    /// <summary>Overlap of the content terms of two texts (0 … 1).</summary>
    public static double Jaccard(IReadOnlyCollection<string> a, IReadOnlyCollection<string> b)
    {
        if (a.Count == 0 || b.Count == 0)
        {
            return 0;
        }

        var setA = a.ToHashSet(StringComparer.Ordinal);
        var setB = b.ToHashSet(StringComparer.Ordinal);
        var shared = setA.Count(setB.Contains);
        return shared / (double)(setA.Count + setB.Count - shared);
    }

    /// <summary>Whether a sentence is a question.</summary>
    public static bool IsQuestion(string sentence) => sentence.TrimEnd('"', '\'', ')', '”', '’').EndsWith('?');

    /// <summary>Number of words in a text.</summary>
    public static int WordCount(string text) => WordPattern.Count(text);

    /// <summary>The sentence without a leading speaker label ("Jordan Ellis: ...") or spoken fillers ("So, um, well, ..."), first letter capitalised.</summary>
    public static string StripFillers(string sentence)
    {
        sentence = StripSpeaker(sentence);
        var stripped = Fillers.Replace(sentence, string.Empty).Trim();
        if (stripped.Length < 2 || stripped.Length < sentence.Length / 3)
        {
            return sentence;
        }

        return char.ToUpperInvariant(stripped[0]) + stripped[1..];
    }

    /// <summary>The sentence without a leading transcript speaker label, first letter capitalised.</summary>
    public static string StripSpeaker(string sentence)
    {
        if (SpeakerOf(sentence) is null)
        {
            return sentence;
        }

        var rest = sentence[SpeakerLabel.Match(sentence).Length..];
        return char.ToUpperInvariant(rest[0]) + rest[1..];
    }

    /// <summary>The transcript speaker label a sentence starts with ("Jordan Ellis: ..."), or null.</summary>
    public static string? SpeakerOf(string sentence)
    {
        var m = SpeakerLabel.Match(sentence);
        // A single capital after the first word is a letter, not the article "A": "Speaker A: …" from diarized audio.
        return m.Success && m.Length < sentence.Length && !m.Groups["name"].Value.Split(' ').Where((w, i) => i == 0 || w.Length > 1).Any(w => Stopwords.Contains(w.ToLowerInvariant()))
            ? m.Groups["name"].Value
            : null;
    }

    /// <summary>Rounds a score for reports.</summary>
    public static double Round(double value) => Math.Round(Math.Clamp(value, 0, 1), 2);

    private static string Stem(string word) =>
        word.Length > 4 && word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal) ? word[..^1] : word;
}
