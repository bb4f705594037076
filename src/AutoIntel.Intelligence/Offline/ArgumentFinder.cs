using System.Text.RegularExpressions;
using AutoIntel.Core.Analysis;

namespace AutoIntel.Intelligence.Offline;

/// <summary>Finds arguments from discourse markers: "X because Y", "Y, so X", "Therefore X" after a premise.</summary>
internal static class ArgumentFinder
{
    // "since" also means "from a time on"; a date or time word after it is not a premise.
    private const string NotTemporal = @"(?!(?:then|last|early|late|the\s+(?:start|beginning|end|\d)|\d|january|february|march|april|may|june|july|august|september|october|november|december)\b)";

    private static readonly Regex LeadingPremise = new(
        @"^(?<marker>because|since)\s+" + NotTemporal + @"(?<premise>[^,]{12,}),\s*(?<conclusion>.{12,})$", OfflineText.Options);

    private static readonly Regex TrailingPremise = new(
        @"^(?<conclusion>.{12,}?),?\s+(?<marker>because(?!\s+of\b)|since\s+" + NotTemporal + @")\s*(?<premise>.{12,})$", OfflineText.Options);

    private static readonly Regex TrailingConclusion = new(
        @"^(?<premise>.{12,}?),?\s+(?<marker>therefore|thus|consequently|which\s+means(?:\s+that)?|as\s+a\s+result|(?:and\s+)?that'?s\s+why)\s*,?\s+(?<conclusion>.{12,})$",
        OfflineText.Options);

    private static readonly Regex CommaSo = new(
        @"^(?<premise>.{12,}?),\s+(?<marker>so)\s+(?!(?:much|many|far|called|long|that|what|to)\b)(?<conclusion>.{12,})$", OfflineText.Options);

    private static readonly Regex LeadingConclusion = new(
        @"^(?<marker>therefore|thus|consequently|hence|as\s+a\s+result|that'?s\s+why|that\s+is\s+why|which\s+means|so)\b,?\s+(?!(?:let'?s|let\s+me|i\s+want|welcome|today|um|uh|anyway|yeah|okay|what|why|how)\b)(?<conclusion>.{12,})$",
        OfflineText.Options);

    private static readonly Regex Evidence = new(@"\d|\b(?:study|studies|data|research|percent|report|evidence|according|survey|measured|records?)\b", OfflineText.Options);

    private static readonly Regex Hedge = new(@"\b(?:maybe|perhaps|might|possibly|i\s+guess)\b", OfflineText.Options);

    /// <summary>The arguments of one chunk, in source order.</summary>
    public static IReadOnlyList<Argument> Find(string text, int chunkIndex)
    {
        var sentences = OfflineText.Sentences(text);
        var arguments = new List<Argument>();
        for (var i = 0; i < sentences.Count; i++)
        {
            var sentence = OfflineText.StripFillers(sentences[i]);
            if (OfflineText.IsQuestion(sentence))
            {
                continue;
            }

            Match m;
            if ((m = LeadingPremise.Match(sentence)).Success || (m = TrailingPremise.Match(sentence)).Success || (m = TrailingConclusion.Match(sentence)).Success
                || (m = CommaSo.Match(sentence)).Success)
            {
                arguments.Add(Make(m.Groups["conclusion"].Value, m.Groups["premise"].Value, sentences[i], m.Groups["marker"].Value, chunkIndex));
            }
            else if (i > 0 && (m = LeadingConclusion.Match(sentences[i])).Success && !OfflineText.IsQuestion(sentences[i - 1]) && OfflineText.WordCount(sentences[i - 1]) >= 6)
            {
                arguments.Add(Make(m.Groups["conclusion"].Value, sentences[i - 1], sentences[i - 1] + " " + sentences[i], m.Groups["marker"].Value, chunkIndex));
            }
        }

        return arguments;
    }

    private static Argument Make(string conclusion, string premise, string quote, string marker, int chunkIndex)
    {
        var normalized = Regex.Replace(marker.Trim(' ', ',').ToLowerInvariant(), @"\s+", " ");
        var strength = normalized switch
        {
            "because" => 0.6,
            "therefore" or "consequently" or "hence" => 0.65,
            "thus" or "as a result" => 0.6,
            "that's why" or "thats why" or "and that's why" or "that is why" => 0.55,
            "so" => 0.4,
            _ => 0.5,
        };
        strength += Evidence.IsMatch(premise) ? 0.15 : 0;
        strength -= Hedge.IsMatch(conclusion) ? 0.15 : 0;
        return new Argument(Clean(conclusion), [Clean(premise)], quote, chunkIndex, OfflineText.Round(Math.Clamp(strength, 0.1, 0.9)));
    }

    private static string Clean(string part)
    {
        var trimmed = OfflineText.StripFillers(part.Trim().TrimEnd('.', '!', ',', ';', ':', ' ').Trim());
        return trimmed.Length > 0 ? char.ToUpperInvariant(trimmed[0]) + trimmed[1..] : trimmed;
    }
}
