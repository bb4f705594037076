using System.Text.RegularExpressions;
using AutoIntel.Core.Analysis;

namespace AutoIntel.Intelligence.Offline;

/// <summary>Stance and balance from who speaks (I/we vs they), one-sided wording, hedges and acknowledged counter-arguments.</summary>
internal static class PerspectiveAssessor
{
    private static readonly Regex FirstPerson = new(@"\b(?:i|i'm|i've|me|my|we|we're|we've|us|our)\b", OfflineText.Options);

    private static readonly Regex Them = new(@"\b(?:they|them|their|those\s+people|these\s+people|the\s+elites?|the\s+left|the\s+right|the\s+other\s+side|the\s+establishment|the\s+mainstream\s+media|so-called\s+experts?)\b", OfflineText.Options);

    private static readonly Regex OneSided = new(@"\b(?:obviously|clearly|undeniabl[ey]|everyone\s+knows|no\s+one\s+can\s+deny|the\s+truth\s+is|the\s+fact\s+is|make\s+no\s+mistake|without\s+question|always|never|the\s+only|100%|completely\s+wrong|totally\s+wrong)\b", OfflineText.Options);

    private static readonly Regex Hedge = new(@"\b(?:might|may|perhaps|possibly|it\s+seems|arguably|likely|unlikely|suggests?|appears?\s+to|i\s+think|probably|uncertain|estimates?)\b", OfflineText.Options);

    private static readonly Regex Counter = new(@"\b(?:however|on\s+the\s+other\s+hand|critics\s+(?:argue|say|point\s+out)|some\s+argue|others\s+argue|to\s+be\s+fair|although|admittedly|that\s+said|opponents\s+(?:argue|say)|in\s+fairness|counter-?argument|supporters\s+(?:argue|say)|conversely|but\s+it'?s\s+also\s+true|i\s+disagree|with\s+respect|(?:that's|that\s+is)\s+(?:a\s+fair\s+point|not\s+true)|i'll\s+give\s+you\s+that|concede|is\s+it\s+true\s+that|(?:that's|that\s+is|it's|it\s+is)\s+(?:an?\s+)?(?:old\s+|common\s+|popular\s+)?(?:myth|misunderstanding|misconception)|simply\s+(?:wrong|not\s+true)|not\s+quite\s+right)\b", OfflineText.Options);

    // A turn that opens by contradicting the one before: "Tomas Reyes: Partly. …", "No. Checking your own report is …".
    private static readonly Regex Rebuttal = new(@"^(?:no|partly|not\s+quite|not\s+really|not\s+exactly|actually,?\s+no)\s*[.,;!]", OfflineText.Options);

    private static readonly Regex Sources = new(@"\b(?:according\s+to|study|studies|survey|report(?:ed)?|data|research(?:ers)?|published|analysis|statistics)\b", OfflineText.Options);

    /// <summary>The perspective report of one chunk.</summary>
    public static PerspectiveReport Assess(string text, int chunkIndex)
    {
        var sentences = OfflineText.Sentences(text);
        var words = Math.Max(1, OfflineText.WordCount(text));
        var firstPerson = FirstPerson.Count(text);
        var them = Them.Count(text);
        var hedges = Hedge.Count(text);
        var counters = Counter.Count(text) + sentences.Count(s => OfflineText.SpeakerOf(s) is not null && Rebuttal.IsMatch(OfflineText.StripSpeaker(s)));
        var oneSidedSentences = sentences.Where(s => OneSided.IsMatch(s)).ToList();

        // Several labelled speakers who answer each other ("Amara Osei: No, ...") are a debate: the other side is heard in its own words.
        var speakers = sentences.Select(OfflineText.SpeakerOf).OfType<string>().Distinct(StringComparer.Ordinal).Count();
        var debate = speakers >= 3 || (speakers == 2 && counters > 0);

        var firstPersonRate = firstPerson * 100.0 / words;
        var stance = (firstPersonRate, them) switch
        {
            _ when debate => $"debate between {speakers} speakers",
            ( >= 2, >= 3) when them >= firstPerson / 3 => "us-versus-them framing",
            ( >= 2, _) when oneSidedSentences.Count > 0 || hedges == 0 => "first-person advocacy",
            ( >= 2, _) => "first-person, reflective",
            _ when hedges > 0 || counters > 0 => "third-person reporting",
            _ => "third-person assertion",
        };

        var balance = 0.5 + (0.12 * Math.Min(counters, 3)) + (0.04 * Math.Min(hedges, 3))
            - (0.08 * Math.Min(oneSidedSentences.Count, 4)) - (stance == "us-versus-them framing" ? 0.15 : 0)
            - (counters == 0 && !debate ? 0.1 : 0) + (debate ? 0.1 : 0);

        var cues = oneSidedSentences.Select(s => OneSided.Match(s).Value.ToLowerInvariant()).Distinct(StringComparer.Ordinal)
            .Select(w => $"one-sided wording: \u201C{w}\u201D").ToList();
        if (stance == "us-versus-them framing")
        {
            cues.Add("us-versus-them framing (" + them + " references to \u201Cthem\u201D)");
        }

        if (hedges == 0 && sentences.Count >= 3)
        {
            cues.Add("no hedging: claims are stated without qualification");
        }

        var missing = new List<string>();
        if (counters == 0 && !debate && sentences.Count >= 3)
        {
            missing.Add("No opposing view or counter-argument is acknowledged.");
        }

        if (them >= 3 && !debate)
        {
            missing.Add("The people described as \u201Cthem\u201D are talked about but never quoted in their own words.");
        }

        if (!Sources.IsMatch(text) && sentences.Count >= 3)
        {
            missing.Add("No sources or data are cited for the position taken.");
        }

        return new PerspectiveReport(chunkIndex, stance, OfflineText.Round(balance), cues, missing);
    }
}
