using System.Collections.Frozen;
using System.Text;

namespace AutoIntel.Memory.Text;

/// <summary>Normalises text into lowercase word tokens, and tells content words from function words.</summary>
internal static class TextTokens
{
    // Function words carry little meaning: left in, they make unrelated sentences look alike.
    private static readonly FrozenSet<string> StopWords = new[]
    {
        "a", "an", "the", "and", "or", "but", "if", "then", "of", "to", "in", "on", "at", "by", "for", "with", "from", "as",
        "is", "are", "was", "were", "be", "been", "being", "am", "do", "does", "did", "has", "have", "had", "it", "its",
        "this", "that", "these", "those", "there", "their", "they", "them", "he", "she", "his", "her", "we", "our", "you",
        "your", "i", "me", "my", "so", "than", "too", "very", "can", "will", "would", "should", "could", "about", "into",
        "over", "also", "just", "not", "no", "which", "who", "whom", "what", "when", "where", "why", "how", "all", "any",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Lowercase word tokens (letters and digits), in order.</summary>
    public static List<string> Words(string text)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        foreach (char c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                current.Append(char.ToLowerInvariant(c));
            }
            else if (current.Length > 0 && c is not '\'' and not '\u2019')
            {
                words.Add(current.ToString());
                current.Clear();
            }
        }

        if (current.Length > 0)
        {
            words.Add(current.ToString());
        }

        return words;
    }

    /// <summary>Word tokens without function words.</summary>
    public static List<string> ContentWords(string text)
    {
        List<string> words = Words(text);
        words.RemoveAll(StopWords.Contains);
        return words;
    }

    /// <summary>Whether a word is a function word.</summary>
    public static bool IsStopWord(string word) => StopWords.Contains(word);
}
