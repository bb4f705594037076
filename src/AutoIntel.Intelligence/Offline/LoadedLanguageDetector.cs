using System.Text.RegularExpressions;
using AutoIntel.Core.Briefings;
using AutoIntel.Intelligence.Analyses;

namespace AutoIntel.Intelligence.Offline;

/// <summary>Loaded language from a lexicon: labels, exaggerations, euphemisms, fear appeals and flattering labels, each with a neutral wording.</summary>
/// <remarks>
/// Only words whose charge is the point: "catastrophic flooding" may be literal and is left to the tone cues, while "the regime" for a
/// government or "job-killing" for a regulation is a choice of words. Words with an everyday neutral sense here ("scheme", "tax regime",
/// "elite athletes", "let go of") are left out or matched only in their loaded form. Each term is reported once per chunk, quoting its first sentence.
/// </remarks>
internal static class LoadedLanguageDetector
{
    private const int MaxTerms = 20;
    private const int QuoteChars = 300;

    private static readonly (Regex Pattern, string Kind, string Neutral)[] Lexicon =
    [
        .. Terms(LoadedLanguageAnalysis.Pejorative, ("(?:the|this|that|their|his|her) regime", "the government"), ("thugs?", "protesters or attackers (say which)"), ("cronies", "associates"),
            ("radicals", "activists"), ("radical (?:left|right)", "the left / the right"), ("extremists?", "name the group"),
            ("zealots?", "supporters"), ("fanatics?", "supporters"), ("bureaucrats", "officials"), ("(?:the )?elites", "name the group"),
            ("propaganda", "messaging"), ("mob", "crowd"), ("puppets?", "allies"), ("snowflakes?", "name the group"),
            ("illegals", "undocumented immigrants"), ("death tax", "estate tax"), ("job-killing", "costly for employers"),
            ("tax-and-spend", "name the policy"), ("so-called", "(drop it)"), ("hoax", "disputed claim"),
            ("ideologues?", "advocates"), ("lunatics?", "opponents")),
        .. Terms(LoadedLanguageAnalysis.Hyperbole, ("skyrocket(?:ing|ed|s)?", "rising fast"), ("out of control", "rising"),
            ("(?:total|complete|utter|absolute) (?:disaster|catastrophe)", "a serious failure"), ("nightmare", "serious problem"),
            ("war on", "opposition to"), ("flood of", "many"), ("apocalyptic", "severe"), ("ticking time bomb", "growing risk")),
        .. Terms(LoadedLanguageAnalysis.Euphemism, ("collateral damage", "civilian deaths or damage"), ("enhanced interrogation", "torture"),
            ("(?:down|right)sizing", "layoffs"), ("revenue enhancements?", "tax increase"), ("(?:were|was|been|being) let go", "dismissed"),
            ("negative growth", "decline"), ("pre-owned", "used"), ("alternative facts", "false statements")),
        .. Terms(LoadedLanguageAnalysis.Fear, ("under attack", "criticised or challenged"), ("threat to our way of life", "change"),
            ("they want to take", "they propose to change"), ("coming for your", "proposing to change"), ("terrifying", "worrying")),
        .. Terms(LoadedLanguageAnalysis.Flattering, ("job creators", "employers"), ("freedom fighters", "fighters or rebels"),
            ("common-sense", "name the policy"), ("hard-working (?:families|americans|taxpayers|people)", "people"),
            ("real (?:americans|people)", "people"), ("heroic", "describe what they did")),
    ];

    /// <summary>The loaded terms of one chunk, in order of first use.</summary>
    public static IReadOnlyList<LoadedTerm> Find(string text, int chunkIndex)
    {
        var found = new List<(int Position, LoadedTerm Term)>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var offset = 0;
        foreach (var sentence in OfflineText.Sentences(text))
        {
            foreach (var (pattern, kind, neutral) in Lexicon)
            {
                foreach (Match match in pattern.Matches(sentence))
                {
                    if (seen.Add(match.Value))
                    {
                        var quote = MarkdownText.Truncate(OfflineText.StripSpeaker(sentence.Trim()), QuoteChars);
                        found.Add((offset + match.Index, new LoadedTerm(match.Value, kind, quote, neutral, chunkIndex)));
                    }
                }
            }

            offset += sentence.Length;
        }

        return [.. found.OrderBy(f => f.Position).Take(MaxTerms).Select(f => f.Term)];
    }

    // Word-bounded, case-insensitive; a hyphen or letter next to a term means it is part of another word.
    private static IEnumerable<(Regex, string, string)> Terms(string kind, params (string Pattern, string Neutral)[] terms) =>
        terms.Select(t => (new Regex($@"(?<![\p{{L}}-]){t.Pattern}(?![\p{{L}}-])", OfflineText.Options), kind, t.Neutral));
}
