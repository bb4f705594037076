using System.Collections.Frozen;
using System.Text.RegularExpressions;
using AutoIntel.Core.Text;
using AutoIntel.Intelligence.Offline;

namespace AutoIntel.Intelligence.EvidenceGathering;

/// <summary>Search terms for a keyword engine that requires every word to match (MediaWiki's CirrusSearch): the claim's key terms,
/// and a shorter query to try when those find nothing.</summary>
/// <remarks>Key terms are names (capitalised words after the first; every noun in German), numbers and the other content words,
/// without the function words of the claim's language (and English) or hedges ("reportedly", "about", "laut", "environ").
/// The full query keeps the best <see cref="MaxTerms"/> in claim order, preferring names, then numbers, then longer words.
/// The shorter one is the names alone when there are two or more, else the best <see cref="MaxShorterTerms"/>, preferring names, then
/// longer words, numbers last: a figure is what a claim most often gets wrong, and the page about its subject may well not repeat it.</remarks>
public static partial class ClaimSearchTerms
{
    /// <summary>The most terms in the first query.</summary>
    public const int MaxTerms = 6;

    /// <summary>The most terms in the shorter query.</summary>
    public const int MaxShorterTerms = 3;

    // Words that qualify a claim rather than name what it is about, in the languages detected most; none is a key term.
    private static readonly FrozenSet<string> Hedges = new[]
    {
        "reportedly", "allegedly", "supposedly", "apparently", "approximately", "roughly", "nearly", "almost", "around", "about", "some",
        "according", "claimed", "claims", "claim", "said", "says", "say", "estimated", "estimate", "likely", "possibly", "probably",
        "perhaps", "least", "less", "more", "than", "over", "under", "just", "only", "even", "still", "already", "many", "much",
        "several", "new", "last", "per", "cent", "percent", "every", "each", "since", "ago", "year", "years",
        "etwa", "rund", "ungefähr", "angeblich", "laut", "fast", "mehr", "als", "knapp", "über", "unter", "seit", "jahr", "jahre", "jahren", "prozent",
        "environ", "près", "presque", "selon", "moins", "plus", "depuis", "an", "ans", "année", "pour", "cent",
        "aproximadamente", "casi", "según", "unos", "unas", "alrededor", "más", "menos", "año", "años", "desde", "ciento",
        "circa", "quasi", "secondo", "anni", "anno", "cerca", "segundo", "quase", "cerca", "ano", "anos", "ongeveer", "bijna", "volgens", "jaar",
    }.ToFrozenSet(StringComparer.Ordinal);

    private enum Kind
    {
        Word,
        Number,
        Name,
    }

    /// <summary>The search terms for <paramref name="claim"/>, a claim in <paramref name="language"/> (ISO 639-1).</summary>
    public static SearchTerms For(string claim, string language)
    {
        ArgumentNullException.ThrowIfNull(claim);
        IReadOnlySet<string> stopWords = LanguageDetector.StopWords(language);
        var terms = new List<Term>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        int index = 0;
        foreach (Match token in Token().Matches(claim))
        {
            string text = Unelide(token.Value);
            string lower = text.ToLowerInvariant();
            bool first = index++ == 0;
            bool number = char.IsDigit(text[0]);
            bool acronym = text.Length >= 2 && text.All(c => char.IsUpper(c) || char.IsDigit(c));
            Kind kind = number ? Kind.Number : char.IsUpper(text[0]) && (!first || acronym) ? Kind.Name : Kind.Word;
            bool function = stopWords.Contains(lower) || OfflineText.Stopwords.Contains(lower);
            // A hedge inside a name ("New York", "More Trees Ltd") is part of the name; a capitalised function word ("In 2020, …") is not.
            // German capitalises every noun, so there a capital marks no name ("Jahr", "Prozent").
            bool dropped = kind == Kind.Name
                ? text.Length < 2 || (function && !acronym) || (language == "de" && Hedges.Contains(lower))
                : (!number && text.Length < 3) || function || Hedges.Contains(lower);
            if (dropped || !seen.Add(lower))
            {
                continue;
            }

            terms.Add(new Term(text, terms.Count, kind));
        }

        List<Term> full = Best(terms, MaxTerms, t => t.Kind switch { Kind.Name => 3, Kind.Number => 2, _ => 1 });
        // Two names or more are usually what a wiki page is titled after ("Riverside Bridge"): the shorter query is those alone.
        List<Term> names = [.. full.Where(t => t.Kind == Kind.Name)];
        List<Term> shorter = names.Count >= 2 && names.Count < full.Count
            ? Best(names, MaxShorterTerms, _ => 0)
            : Best(full, Math.Min(MaxShorterTerms, full.Count - 1), t => t.Kind switch { Kind.Name => 3, Kind.Word => 2, _ => 1 });
        // One plain word finds pages that merely use it; a shorter query must still name something.
        bool useful = shorter.Count >= 2 || (shorter.Count == 1 && shorter[0].Kind == Kind.Name);
        return new SearchTerms(Join(full), useful ? Join(shorter) : null);
    }

    // The best n terms by rank (longer words first within a rank, then earlier ones), back in claim order.
    private static List<Term> Best(List<Term> terms, int n, Func<Term, int> rank) =>
        [.. terms.OrderByDescending(rank).ThenByDescending(t => t.Kind == Kind.Number ? 0 : t.Text.Length).ThenBy(t => t.Position)
            .Take(Math.Max(0, n)).OrderBy(t => t.Position)];

    private static string Join(List<Term> terms) => string.Join(' ', terms.Select(t => t.Text));

    // "l'Assemblée", "dell'Italia" → the word; "council's" → "council".
    private static string Unelide(string word)
    {
        int apostrophe = word.IndexOfAny(['\'', '’']);
        if (apostrophe < 0)
        {
            return word;
        }

        return apostrophe <= 4 && word.Length - apostrophe > 3 ? word[(apostrophe + 1)..] : word[..apostrophe];
    }

    [GeneratedRegex(@"\p{N}+(?:[.,]\p{N}+)*|\p{L}[\p{L}\p{M}]*(?:['’]\p{L}[\p{L}\p{M}]*)*", RegexOptions.CultureInvariant)]
    private static partial Regex Token();

    private sealed record Term(string Text, int Position, Kind Kind);
}

/// <summary>What to ask a keyword search engine about a claim.</summary>
/// <param name="Keywords">The claim's key terms.</param>
/// <param name="Shorter">Fewer of them, to ask when <paramref name="Keywords"/> find nothing; null when there is no useful shorter query.</param>
public sealed record SearchTerms(string Keywords, string? Shorter);
