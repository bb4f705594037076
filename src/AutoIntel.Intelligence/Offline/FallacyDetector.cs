using System.Text.RegularExpressions;
using AutoIntel.Core.Analysis;

namespace AutoIntel.Intelligence.Offline;

/// <summary>Flags phrasing typical of common fallacies; cues, not proof, so confidences stay modest.</summary>
internal static class FallacyDetector
{
    private static readonly Rule[] Rules =
    [
        new("ad_hominem", 0.5, "Attacks the person making the argument instead of the argument itself.",
            @"\b(?:he|she|they|you|his|her|their|these\s+people|that\s+guy|people\s+like\s+(?:him|her|them|that))\b.{0,60}\b(?:idiots?|morons?|stupid|clowns?|liars?|hacks?|shills?|crooks?|fools?|frauds?|incompetent|paid\s+(?:off|by))\b",
            @"\b(?:idiots?|morons?|clowns?|shills?|crooks?|frauds?)\b.{0,40}\b(?:like\s+(?:him|her|them)|who\s+(?:says?|claims?|thinks?))\b",
            @"\b(?:can'?t|cannot|shouldn'?t)\s+trust\s+(?:anything\s+)?(?:him|her|them|anyone\s+who|a\s+man\s+who|a\s+woman\s+who|someone\s+who)\b",
            @"\bwhat\s+would\s+(?:he|she|they|a\s+\w+)\s+know\s+about\b",
            @"\bis\s+(?:a\s+|just\s+a\s+)?paid\s+(?:consultant|shill|lobbyist|mouthpiece)\b",
            @"\bof\s+course\s+(?:he|she|they)\s+(?:would\s+say\s+that|likes?|supports?|defends?)\b"),
        new("straw_man", 0.45, "Restates the opposing view in an exaggerated or distorted form that is easier to attack.",
            @"\bso\s+(?:what\s+)?(?:you'?re|you\s+are|they'?re|they\s+are)\s+(?:really\s+)?saying\b",
            @"\b(?:they|he|she|critics|opponents|environmentalists|activists|these\s+people)\s+(?:basically\s+|just\s+|really\s+)?wants?\s+(?:us\s+|everyone\s+)?to\s+(?:ban|destroy|abolish|give\s+up|take\s+away|get\s+rid\s+of|live\s+in\s+caves|freeze|turn\s+(?:it|this|our\s+\w+|the\s+\w+)\s+into)",
            @"\b(?:they|he|she)\s+would\s+have\s+(?:us|you)\s+believe\b"),
        new("slippery_slope", 0.5, "Claims one step will inevitably lead to an extreme outcome without showing each link.",
            @"\b(?:before\s+you\s+know\s+it|next\s+thing\s+you\s+know|slippery\s+slope|where\s+(?:does|will)\s+it\s+(?:end|stop))\b",
            @"\bopens?\s+the\s+(?:flood)?gates?\b",
            @"\bfirst\s+(?:they|it|we)\b.{3,80}\b(?:next|then)\s+(?:they|it|we)(?:'ll|\s+will)?\b",
            @"\bit\s+(?:starts|begins)\s+with\b.{3,80}\bends\s+with\b"),
        new("false_dilemma", 0.45, "Presents two options as the only possibilities when others exist.",
            @"\beither\s+(?:we|you|they|our|the\s+country)\b.{3,80}\bor\s+(?:we|you|they|our|the)\b.{0,40}\b(?:lose|die|collapse|fail|suffer|end|go\s+dark|freeze|starve|goes?\s+bankrupt|goes?\s+broke|bankrupt)",
            @"\b(?:there\s+are|there'?s|we\s+have)\s+only\s+two\s+(?:options|choices|ways|paths)\b",
            @"\b(?:you'?re|you\s+are)\s+either\s+with\s+(?:us|me)\b",
            @"\bthe\s+only\s+(?:alternative|option|choice)\s+is\b"),
        new("appeal_to_authority", 0.4, "Treats someone's status or title as proof instead of the evidence behind the claim.",
            @"\b(?:trust\s+me|believe\s+me),?\s+i'?m\s+(?:a|an)\s+\w+",
            @"\bbecause\s+(?:he|she|i)\s*(?:'s|is|am|'m)\s+(?:a|an|the)\s+(?:\w+\s+)?(?:doctor|expert|professor|scientist|billionaire|celebrity|genius|ceo)\b",
            @"\b(?:every|any)\s+(?:real\s+|serious\s+)?(?:expert|scientist|doctor|economist)\s+(?:agrees|knows|will\s+tell\s+you)\b",
            @"\bif\s+(?:an?|the)\s+(?:\w+\s+)?(?:expert|professor|doctor|scientist|nobel\s+\w+)\s+says\s+(?:so|it)\b",
            @"\bhe'?s\s+got\s+a\s+(?:phd|nobel)|\bhe\s+has\s+a\s+(?:phd|nobel)\b"),
        new("bandwagon", 0.45, "Argues something is true or good because many people believe or do it.",
            @"\b(?:everyone|everybody|all\s+my\s+friends|millions\s+of\s+(?:people|americans|britons|users)|most\s+people)\s+(?:already\s+)?(?:knows?|agrees?|believes?|is\s+(?:doing|switching|buying)|are\s+(?:doing|switching|buying))\b",
            @"\b(?:don'?t\s+be\s+left\s+behind|get\s+on\s+board|join\s+the\s+millions)\b",
            @"\b(?:nobody|no\s+one)\s+(?:believes|buys|falls\s+for)\s+(?:that|this|it)\s+anymore\b"),
        new("hasty_generalization", 0.4, "Draws a broad conclusion from one anecdote or a very small sample.",
            @"\b(?:my|a)\s+(?:friend|neighbou?r|cousin|uncle|aunt|brother|sister|colleague|coworker|dad|mum|mom)\b.{3,120}\b(?:so|which\s+(?:proves|shows)|that\s+(?:proves|shows))\b.{0,40}\b(?:all|every|they|these|none|never|always|don'?t\s+work|doesn'?t\s+work)\b",
            @"\b(?:which|that|this)\s+proves\s+(?:that\s+)?(?:all|every|they|these|the\s+whole|none)\b",
            @"\bi\s+know\s+(?:a|one)\s+(?:guy|person|woman|man|family|farmer|driver)\s+who\b"),
        new("appeal_to_fear", 0.45, "Uses fear of a threat to push a conclusion instead of evidence for it.",
            @"\b(?:your|our)\s+(?:children|kids|family|families|grandchildren|jobs|homes|way\s+of\s+life|future)\b.{0,60}\b(?:danger|threat|die|destroy\w*|ruin\w*|lose|suffer|at\s+risk|won'?t\s+survive|paying\s+off|pay\s+for\s+this|debt|burden)\b",
            @"\b(?:before\s+it'?s\s+too\s+late|be\s+(?:very\s+)?afraid|we'?re\s+all\s+going\s+to\s+die)\b",
            @"\bif\s+we\s+don'?t\b.{3,60}\b(?:catastroph\w*|disaster|apocalypse|collapse|blackouts?|chaos)\b"),
        new("whataboutism", 0.45, "Deflects criticism by pointing to someone else's wrongdoing instead of answering it.",
            @"\bbut\s+what\s+about\b",
            @"\bwhat\s+about\s+when\s+(?:they|he|she)\b",
            @"\b(?:nobody|no\s+one)\s+(?:talks|complains|says\s+anything)\s+about\b",
            @"\b(?:they|he|she)\s+(?:did|do|does)\s+(?:the\s+same|it\s+too|worse)\b"),
        new("appeal_to_nature", 0.4, "Assumes something is good because it is natural, or bad because it is artificial.",
            @"\b(?:it'?s|is|are|being)\s+(?:100%\s+|all[-\s]|completely\s+|totally\s+|perfectly\s+)?natural\b(?!\s+gas).{0,50}\b(?:so|therefore|which\s+means|must\s+be)\b.{0,30}\b(?:safe|healthy|healthier|better|good)\b",
            @"\bnatural\s+(?:is|means)\s+(?:always\s+)?(?:better|healthier|safer|good)\b",
            @"\b(?:mother\s+nature\s+knows\s+best|nature\s+intended|chemical[-\s]free)\b",
            @"\b(?:unnatural|artificial|synthetic)\b.{0,40}\b(?:so|therefore|which\s+means)\b.{0,30}\b(?:bad|dangerous|poison|toxic|harmful)\b"),
        new("post_hoc", 0.4, "Assumes that because one thing followed another, the first caused the second.",
            @"\b(?:ever\s+since|right\s+after|soon\s+after|shortly\s+after|within\s+(?:days|weeks|months)\s+of)\b.{3,100}\b(?:rose|risen|spiked|skyrocketed|soared|doubled|tripled|fell|dropped|plummeted|went\s+up|got\s+(?:sick|worse)|started|began|increased|collapsed)\b",
            @"\b(?:that'?s|it'?s|this\s+is|that\s+is)\s+no\s+coincidence\b|\bcan'?t\s+be\s+a\s+coincidence\b"),
        new("loaded_question", 0.45, "Asks a question that presupposes an unproven accusation.",
            @"^(?=.*\?\W*$)(?:so\s+)?why\s+(?:do|does|did|is|are|won'?t|don'?t|doesn'?t)\s+.{3,80}\b(?:keep\s+lying|lie|hide|cover\s+up|refuse|still\s+pretend|keep\s+pretending|ignore)\b",
            @"^(?=.*\?\W*$).*\b(?:have\s+you\s+stopped|when\s+did\s+(?:you|they|he|she)\s+stop|how\s+long\s+(?:have|has)\s+.{1,30}\s+been\s+(?:lying|hiding|covering))\b"),
    ];

    /// <summary>Suspected fallacies of one chunk, at most one per type and sentence.</summary>
    public static IReadOnlyList<Fallacy> Find(string text, int chunkIndex)
    {
        var found = new List<Fallacy>();
        var previous = new HashSet<string>(StringComparer.Ordinal);
        foreach (var sentence in OfflineText.Sentences(text))
        {
            var current = new HashSet<string>(StringComparer.Ordinal);
            foreach (var rule in Rules.Where(r => r.Patterns.Any(p => p.IsMatch(sentence))))
            {
                current.Add(rule.Type);

                // One passage usually makes one move over two sentences ("But what about X? Nobody talks about X."): report it once.
                if (!previous.Contains(rule.Type))
                {
                    found.Add(new Fallacy(rule.Type, sentence, rule.Explanation, rule.Confidence, chunkIndex));
                }
            }

            previous = current;
        }

        return found;
    }

    private sealed class Rule(string type, double confidence, string explanation, params string[] patterns)
    {
        public string Type { get; } = type;

        public double Confidence { get; } = confidence;

        public string Explanation { get; } = explanation;

        public Regex[] Patterns { get; } = [.. patterns.Select(p => new Regex(p, OfflineText.Options))];
    }
}
