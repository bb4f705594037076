using System.Text.RegularExpressions;
using AutoIntel.Core.FactCheck;

namespace AutoIntel.Intelligence.Offline;

/// <summary>Picks check-worthy sentences: numbers and statistics, comparisons, causal claims, cited studies, named actors with factual verbs,
/// and plain statements of fact without numbers ("Norway has cheap hydro power", "new gas boilers are not banned").</summary>
internal static class ClaimExtractor
{
    private const double Threshold = 0.35;

    private const int MinWords = 5;

    private static readonly Regex Number = new(@"\d|\b(?:half|twice|double|doubled|tripled|quadrupled|a\s+third|a\s+quarter|one\s+in\s+\w+|(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|fifty|hundred)\s+(?:times|of|per|years?|months?|weeks?|days?|hours?|minutes?|percent)|all\s+(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty)|decades?\s+of|centuries\s+of|(?:hundreds|thousands|millions|billions)\s+of)\b", OfflineText.Options);

    private static readonly Regex Statistic = new(@"%|\b(?:percent|per\s+cent|rate|average|median|majority|million|billion|trillion|tonnes|per\s+year|a\s+year|annually|record)\b", OfflineText.Options);

    private static readonly Regex Comparative = new(@"\b(?:more|less|fewer|higher|lower|larger|smaller|cheaper|faster|slower|colder|warmer|older|newer)\s+(?:\w+\s+){0,4}?than\b|\bthe\s+first\b|\b(?:falls?|rises?|drops?|grows?|came\s+down|come\s+down|went\s+up|go(?:es)?\s+up)\b|\b(?:largest|biggest|highest|lowest|fastest|cheapest|most|least|worst|best)\b|\b(?:increased|decreased|rose|fell|grew|dropped|declined|doubled|halved|outpaced)\b", OfflineText.Options);

    private static readonly Regex Causal = new(@"\b(?:causes?|caused|leads?\s+to|led\s+to|results?\s+in|resulted\s+in|because\s+of|due\s+to|linked\s+to|responsible\s+for|drives?|drove|increases\s+the\s+risk|contributes?\s+to)\b", OfflineText.Options);

    private static readonly Regex Cited = new(@"\b(?:studies\s+(?:show|found|suggest)|(?:a|the|one|new)\s+(?:study|report|survey|analysis|paper)\s+(?:shows?|found|finds|suggests?|published)|research\s+(?:shows|found)|according\s+to|data\s+(?:shows?|from)|scientists\s+(?:found|say|have\s+shown)|figures\s+(?:show|from))\b", OfflineText.Options);

    private static readonly Regex FactualVerb = new(@"\b(?:is|are|was|were|has|have|had|isn't|aren't|wasn't|weren't|hasn't|haven't|found|reported|announced|produces?|produced|costs?|killed|built|spent|generates?|generated|employs?|owns?|signed|passed|banned|approved|works?\s+(?:in|for|well|at|with)|worked|don't\s+work|doesn't\s+work|comes?\s+from|came\s+from|carr(?:y|ies|ied)|removes?|removed|supported|received|depends?\s+on|tends?\s+to|raises?|raised|closed|opened|installed|boils?|freezes|melts?|orbits?|contains?|consists?|lies|flows?|moves?|delivers?|pays?|paid|stops?|assumes?|benefited|relies|included|includes|ran|run|cited|became|says|said|volunteered|legislated?|requires?|uses?|used|visible|located|based|founded|invented|discovered|measured|estimates?|falls?|fell|rises?|rose|drops?|dropped|grew|grows?)\b", OfflineText.Options);

    // More verbs that state what something does or did, inflected by rule ("migrate" → migrates, migrated): the list above is the
    // first pass, these widen it to nature, health, money, law and events. Only the unambiguous ones count in their plain form
    // ("birds migrate"); for the rest ("fund", "land") only "-s"/"-ed" forms are verbs often enough to count.
    private static readonly Regex MoreFactualVerbs = new(@"\b(?:" + string.Join('|', Inflected(
        plain: ["migrate", "hibernate", "navigate", "arrive", "travel", "survive", "weigh", "kill", "protect", "prevent", "cure", "reduce",
            "earn", "owe", "exceed", "outnumber", "belong", "evolve", "infect", "emit", "absorb", "destroy", "replace", "publish", "elect",
            "appoint", "resign", "hire", "arrest", "convict", "sue", "cancel", "delay", "launch", "collapse", "erupt", "want", "intend",
            "propose", "prove", "predict", "warn", "vote", "live", "die", "eat", "fly", "sleep", "spend", "lose", "win", "sell", "buy",
            "feed", "hunt", "breed", "nest", "lay", "sense", "detect", "cross", "reach", "return", "track", "record"],
        inflectedOnly: ["winter", "fund", "land", "power", "heat", "store", "charge", "plan", "show", "release", "tax", "ban", "rank",
            "cover", "serve", "treat", "save", "import", "export", "border", "damage", "affect", "cause", "claim", "estimate", "count",
            "double", "triple", "shrink", "expand", "last", "sink", "strike", "limit", "cap", "hurt", "lower"])
        .Concat(["flies", "flew", "flown", "ate", "eaten", "took", "taken", "made", "won", "lost", "sold", "bought", "held", "fed", "left",
            "spread", "led", "met", "brought", "sent", "gave", "given", "sank", "struck", "hit", "cut", "shut", "travelled", "travelling",
            "spent", "laid", "winter in"])) + @")\b", OfflineText.Options);

    // "My brother says that …", "Everyone at work says …", "He also told me that …": who passes a belief on, then the belief.
    private static readonly Regex Reported = new(@"^(?:[\p{L}'’-]+[ ,]+){1,4}?(?:says|said|insists|insisted|claims|claimed|keeps\s+saying|swears|reckons|told\s+(?:me|us)|tells\s+(?:me|us))\s+(?:that\s+)?(?<words>\S.*)$", OfflineText.Options);

    // "Let's start with the Arctic tern, which flies …": the host's lead-in is not part of the fact.
    private static readonly Regex LeadIn = new(@"^let'?s\s+(?:start|begin|talk|turn|move\s+on|look)\s+(?:with|about|to|at)\s+(?=\S)", OfflineText.Options);

    // A statement of fact has a third-person subject: not "I/we/you" (also after a name or two: "Derek, you had a question"), not a bare
    // pointer back ("It's", "That is"), not an order or a greeting.
    private static readonly Regex NotFactSubject = new(@"^[""'“‘]?(?:[\p{Lu}][\p{L}'’-]*(?:\s+[\p{L}'’-]+)?,\s+){0,2}(?:i|i'm|i'd|i'll|i've|we|we're|we'll|we've|you|you're|you'll|my|our|your|it|it's|that's|there|there's|here|here's|they|they're|let's|let|don't|do|please|imagine|consider|welcome|thanks|thank|good\s+(?:evening|morning|afternoon)|hello|hi|look|listen|stay|give|take|tell|or|and|but|so|if|when|what|why|how|maybe|perhaps)\b|^[""'“‘]?(?:that|this|these|those)\s+(?:is|are|was|were|has|have|had|will|would|can|could|does|do|did|means?|seems?)\b", OfflineText.Options);

    // "X is a serious issue", "the arithmetic is right": an evaluation, not a fact.
    private static readonly Regex Evaluation = new(@"\b(?:is|are|was|were|'s)\s+(?:(?:a|an|the)\s+)?(?:(?:very|really|quite|so|too|just)\s+)?(?:serious|fair|great|good|bad|important|real|basic|fine|huge|terrible|wonderful|interesting|right|wrong|madness|ridiculous|encouraging|suspicious|convinced|settled)\b", OfflineText.Options);

    private static readonly Regex Negated = new(@"\b(?:not|no|never|n't)\b|n't\b", OfflineText.Options);

    private static readonly Regex MidCapital = new(@"(?<=\S\s+)\p{Lu}\p{Ll}+|(?<=\S\s+)\p{Lu}{2,}", RegexOptions.CultureInvariant);

    private static readonly Regex Opinion = new(@"\b(?:i\s+think|i\s+feel|i\s+believe|i'd\s+(?:agree|say|argue)|in\s+my\s+opinion|personally|i\s+guess|i\s+suspect|i\s+love|i\s+hate|should|ought\s+to|we\s+must|let'?s)\b", OfflineText.Options);

    private static readonly Regex Hedge = new(@"\b(?:maybe|might|perhaps|possibly|could\s+be)\b", OfflineText.Options);

    /// <summary>Check-worthy claims of one chunk, in source order, one per distinct normalised text.</summary>
    public static IReadOnlyList<Claim> Extract(string text, int chunkIndex)
    {
        var claims = new List<Claim>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var raw in OfflineText.Sentences(text))
        {
            var sentence = WithoutLeadIn(OfflineText.StripFillers(raw));
            if (OfflineText.IsQuestion(sentence) || OfflineText.WordCount(sentence) < MinWords)
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
    /// <remarks>A belief someone passes on ("My landlord insists that heating all day is cheaper") is as check-worthy as the words passed on.</remarks>
    public static double Score(string sentence) =>
        Reported.Match(sentence) is { Success: true } reported ? Math.Max(ScoreOf(sentence), ScoreOf(reported.Groups["words"].Value)) : ScoreOf(sentence);

    private static double ScoreOf(string sentence)
    {
        var hasNumber = Number.IsMatch(sentence);
        var score = 0.0;
        score += hasNumber ? 0.3 : 0;
        score += hasNumber && Statistic.IsMatch(sentence) ? 0.15 : 0;
        score += Comparative.IsMatch(sentence) ? 0.15 : 0;
        score += Causal.IsMatch(sentence) ? 0.2 : 0;
        score += Cited.IsMatch(sentence) ? 0.25 : 0;
        var factual = FactualVerb.IsMatch(sentence) || MoreFactualVerbs.IsMatch(sentence);
        score += MidCapital.IsMatch(sentence) && factual ? 0.15 : 0;

        // Facts without numbers are checkable too: a third-person statement with a factual verb, more so when it denies something.
        var thirdPerson = !NotFactSubject.IsMatch(sentence) && !Evaluation.IsMatch(sentence);
        var statement = factual && thirdPerson;
        score += statement ? 0.35 : 0;
        score += thirdPerson && hasNumber ? 0.1 : 0;
        score += statement && Negated.IsMatch(sentence) ? 0.1 : 0;

        // Opinions are not checkable unless they carry a checkable number.
        score -= Opinion.IsMatch(sentence) || Evaluation.IsMatch(sentence) ? (hasNumber ? 0.1 : 0.35) : 0;
        score -= Hedge.IsMatch(sentence) ? 0.1 : 0;
        return Math.Clamp(score, 0, 1);
    }

    private static string WithoutLeadIn(string sentence)
    {
        var rest = LeadIn.Replace(sentence, string.Empty);
        return rest.Length == sentence.Length ? sentence : char.ToUpperInvariant(rest[0]) + rest[1..];
    }

    // A verb's present and past forms by the regular rules, with its plain form when <paramref name="plain"/> lists it.
    private static IEnumerable<string> Inflected(string[] plain, string[] inflectedOnly) =>
        plain.SelectMany(v => Forms(v).Prepend(v)).Concat(inflectedOnly.SelectMany(Forms));

    private static IEnumerable<string> Forms(string verb)
    {
        var consonantY = verb.EndsWith('y') && !"aeiou".Contains(verb[^2], StringComparison.Ordinal);
        yield return consonantY ? verb[..^1] + "ies" : verb.EndsWith('s') || verb.EndsWith("sh", StringComparison.Ordinal) || verb.EndsWith("ch", StringComparison.Ordinal) || verb.EndsWith('x') ? verb + "es" : verb + "s";
        yield return consonantY ? verb[..^1] + "ied" : verb.EndsWith('e') ? verb + "d" : verb + "ed";
    }
}
