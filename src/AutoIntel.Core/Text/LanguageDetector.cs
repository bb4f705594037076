using System.Globalization;
using System.Text;

namespace AutoIntel.Core.Text;

/// <summary>Guesses the language of a text that declares none: by script for the languages a script identifies (Japanese, Chinese,
/// Korean, Greek, Hebrew, Hindi, Thai), otherwise by counting each language's commonest function words (<see cref="Languages"/>).</summary>
/// <remarks>Deliberately small and cautious: it answers null, rather than guessing, for short texts, mixed scripts, languages it has no
/// profile for and close calls (Danish against Norwegian, say). Callers fall back to a configured default.</remarks>
public static class LanguageDetector
{
    /// <summary>The most characters read from the start of a text: a few pages decide the language as well as a book does.</summary>
    public const int MaxCharacters = 20_000;

    /// <summary>Texts with fewer words than this get no answer from word counts.</summary>
    public const int MinWords = 12;

    private const double MinShare = 0.12;
    private const double MinLead = 1.3;

    private static readonly string[] Latin = ["en", "de", "fr", "es", "it", "pt", "nl", "pl", "sv", "da", "no", "tr", "id", "vi", "cs", "fi"];
    private static readonly string[] Cyrillic = ["ru", "uk"];
    private static readonly string[] ArabicScript = ["ar", "fa"];

    private enum Script
    {
        Other, LatinLetters, CyrillicLetters, Greek, Arabic, Hebrew, Devanagari, Thai, Hangul, Kana, Han,
    }

    /// <summary>The languages told apart by function words (the rest are told by script).</summary>
    public static IReadOnlyCollection<string> Languages => LanguageProfiles.StopWords.Keys;

    /// <summary>The function words of <paramref name="language"/> (empty when it has no profile), e.g. to leave them out of a search.</summary>
    public static IReadOnlySet<string> StopWords(string? language) =>
        language is not null && LanguageProfiles.StopWords.TryGetValue(language, out var words) ? words : LanguageProfiles.Empty;

    /// <summary>The ISO 639-1 code of <paramref name="text"/>'s language, or null when the text does not say clearly enough.</summary>
    public static string? Detect(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        string sample = text.Length > MaxCharacters ? text[..MaxCharacters] : text;
        var letters = new int[Enum.GetValues<Script>().Length];
        foreach (Rune rune in sample.EnumerateRunes())
        {
            letters[(int)ScriptOf(rune)]++;
        }

        int total = letters.Sum() - letters[(int)Script.Other];
        if (total < 20)
        {
            return null;
        }

        int cjk = letters[(int)Script.Kana] + letters[(int)Script.Han];
        if (cjk * 2 > total)
        {
            // Japanese mixes kana into its kanji; Chinese has none.
            return letters[(int)Script.Kana] * 20 >= cjk ? "ja" : "zh";
        }

        var dominant = Script.LatinLetters;
        for (var script = Script.LatinLetters; script <= Script.Han; script++)
        {
            dominant = letters[(int)script] > letters[(int)dominant] ? script : dominant;
        }

        if (letters[(int)dominant] * 2 <= total)
        {
            return null;
        }

        return dominant switch
        {
            Script.LatinLetters => ByWords(sample, Latin),
            Script.CyrillicLetters => ByWords(sample, Cyrillic),
            Script.Arabic => ByWords(sample, ArabicScript),
            Script.Greek => "el",
            Script.Hebrew => "he",
            Script.Devanagari => "hi",
            Script.Thai => "th",
            Script.Hangul => "ko",
            _ => null,
        };
    }

    // The profile whose function words make up the largest share of the words, if that share is plausible and clearly ahead.
    private static string? ByWords(string sample, string[] candidates)
    {
        var hits = new int[candidates.Length];
        int words = 0;
        foreach (string word in Words(sample))
        {
            words++;
            for (int i = 0; i < candidates.Length; i++)
            {
                if (LanguageProfiles.StopWords[candidates[i]].Contains(word))
                {
                    hits[i]++;
                }
            }
        }

        int best = Array.IndexOf(hits, hits.Max());
        int second = hits.Where((_, i) => i != best).DefaultIfEmpty(0).Max();
        bool clear = words >= MinWords && hits[best] >= MinShare * words && hits[best] >= MinLead * second && hits[best] - second >= 2;
        return clear ? candidates[best] : null;
    }

    private static IEnumerable<string> Words(string text)
    {
        var word = new StringBuilder();
        foreach (char c in text)
        {
            UnicodeCategory category = char.GetUnicodeCategory(c);
            if (char.IsLetter(c) || category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark)
            {
                word.Append(char.ToLowerInvariant(c));
            }
            else if (word.Length > 0)
            {
                yield return word.ToString();
                word.Clear();
            }
        }

        if (word.Length > 0)
        {
            yield return word.ToString();
        }
    }

    private static Script ScriptOf(Rune rune)
    {
        if (!Rune.IsLetter(rune))
        {
            return Script.Other;
        }

        int c = rune.Value;
        return c switch
        {
            < 0x0250 or (>= 0x1E00 and < 0x1F00) => Script.LatinLetters,
            >= 0x0370 and < 0x0400 or >= 0x1F00 and < 0x2000 => Script.Greek,
            >= 0x0400 and < 0x0530 => Script.CyrillicLetters,
            >= 0x0590 and < 0x0600 => Script.Hebrew,
            >= 0x0600 and < 0x0780 or >= 0xFB50 and < 0xFE00 or >= 0xFE70 and < 0xFF00 => Script.Arabic,
            >= 0x0900 and < 0x0980 => Script.Devanagari,
            >= 0x0E00 and < 0x0E80 => Script.Thai,
            >= 0x1100 and < 0x1200 or >= 0xAC00 and < 0xD7B0 or >= 0x3130 and < 0x3190 => Script.Hangul,
            >= 0x3040 and < 0x3100 or >= 0x31F0 and < 0x3200 or >= 0xFF66 and < 0xFFA0 => Script.Kana,
            >= 0x4E00 and < 0xA000 or >= 0x3400 and < 0x4DC0 or >= 0x20000 and < 0x2FA20 => Script.Han,
            _ => Script.Other,
        };
    }
}
