using System.Text.RegularExpressions;
using AutoIntel.Core.FactCheck;

namespace AutoIntel.Intelligence.Offline;

/// <summary>Picks check-worthy sentences: numbers and statistics, comparisons, causal claims, cited studies, named actors with factual verbs.</summary>
internal static class ClaimExtractor
{
    private const double Threshold = 0.35;

    private static readonly Regex Number = new(@"\d|\b(?:half|twice|double|doubled|tripled|quadrupled|a\s+third|a\s+quarter|one\s+in\s+\w+)\b", OfflineText.Options);

    private static readonly Regex Statistic = new(@"%|\b(?:percent|per\s+cent|rate|average|median|majority|million|billion|trillion|tonnes|per\s+year|a\s+year|annually|record)\b", OfflineText.Options);

    private static readonly Regex Comparative = new(@"\b(?:more|less|fewer|higher|lower|larger|smaller|cheaper|faster|slower)\s+than\b|\b(?:largest|biggest|highest|lowest|fastest|cheapest|most|least|worst|best)\b|\b(?:increased|decreased|rose|fell|grew|dropped|declined|doubled|halved|outpaced)\b", OfflineText.Options);

    private static readonly Regex Causal = new(@"\b(?:causes?|caused|leads?\s+to|led\s+to|results?\s+in|resulted\s+in|because\s+of|due\s+to|linked\s+to|responsible\s+for|drives?|drove|increases\s+the\s+risk|contributes?\s+to)\b", OfflineText.Options);

    private static readonly Regex Cited = new(@"\b(?:studies\s+(?:show|found|suggest)|(?:a|the|one|new)\s+(?:study|report|survey|analysis|paper)\s+(?:shows?|found|finds|suggests?|published)|research\s+(?:shows|found)|according\s+to|data\s+(?:shows?|from)|scientists\s+(?:found|say|have\s+shown)|figures\s+(?:show|from))\b", OfflineText.Options);

    private static readonly Regex FactualVerb = new(@"\b(?:is|are|was|were|has|have|had|found|reported|announced|produces?|produced|costs?|killed|built|spent|generates?|generated|employs?|owns?|signed|passed|banned|approved)\b", OfflineText.Options);

    private static readonly Regex MidCapital = new(@"(?<=\S\s+)\p{Lu}\p{Ll}+|(?<=\S\s+)\p{Lu}{2,}", RegexOptions.CultureInvariant);

    private static readonly Regex Opinion = new(@"\b(?:i\s+think|i\s+feel|i\s+believe|in\s+my\s+opinion|personally|i\s+guess|i\s+suspect|i\s+love|i\s+hate|should|ought\s+to|we\s+must|let'?s)\b", OfflineText.Options);

    private static readonly Regex Hedge = new(@"\b(?:maybe|might|perhaps|possibly|could\s+be)\b", OfflineText.Options);

    /// <summary>Check-worthy claims of one chunk, in source order, one per distinct normalised text.</summary>
    public static IReadOnlyList<Claim> Extract(string text, int chunkIndex)
    {
        var claims = new List<Claim>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var raw in OfflineText.Sentences(text))
        {
            var sentence = OfflineText.StripFillers(raw);
            if (OfflineText.IsQuestion(sentence) || OfflineText.WordCount(sentence) < 6)
            {
                continue;
            }

            var score = Score(sentence);
            var id = ClaimId.From(sentence);
            if (score >= Threshold && seen.Add(id))
            {
                claims.Add(new Claim(id, sentence, chunkIndex, OfflineText.Round(score)));
            }
        }

        return claims;
    }

    /// <summary>How check-worthy a sentence is (0 … 1).</summary>
    public static double Score(string sentence)
    {
        var hasNumber = Number.IsMatch(sentence);
        var score = 0.0;
        score += hasNumber ? 0.3 : 0;
        score += hasNumber && Statistic.IsMatch(sentence) ? 0.15 : 0;
        score += Comparative.IsMatch(sentence) ? 0.15 : 0;
        score += Causal.IsMatch(sentence) ? 0.2 : 0;
        score += Cited.IsMatch(sentence) ? 0.25 : 0;
        score += MidCapital.IsMatch(sentence) && FactualVerb.IsMatch(sentence) ? 0.15 : 0;

        // Opinions are not checkable unless they carry a checkable number.
        score -= Opinion.IsMatch(sentence) ? (hasNumber ? 0.1 : 0.35) : 0;
        score -= Hedge.IsMatch(sentence) ? 0.1 : 0;
        return Math.Clamp(score, 0, 1);
    }
}
