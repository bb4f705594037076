using System.Text.RegularExpressions;
using AutoIntel.Core.Analysis;

namespace AutoIntel.Intelligence.Offline;

/// <summary>Lexicon tone: sentiment words, intensifiers, exclamations, shouting and alarm, hostility, persuasion and sarcasm cues.</summary>
internal static class ToneAssessor
{
    private const int MaxCues = 8;

    private static readonly HashSet<string> Positive = new(StringComparer.Ordinal)
    {
        "good", "great", "excellent", "amazing", "wonderful", "fantastic", "love", "loved", "best", "better", "success", "successful",
        "improve", "improved", "improvement", "benefit", "benefits", "win", "wins", "hope", "hopeful", "progress", "exciting",
        "excited", "impressive", "brilliant", "thrilled", "happy", "glad", "positive", "opportunity", "cheaper", "thriving",
        "breakthrough", "remarkable", "strong", "healthy", "safe", "clean", "growth", "gains", "promising", "incredible", "awesome",
        "calm", "calmer", "relief", "relieved", "smooth", "smoother", "encouraging",
    };

    private static readonly HashSet<string> Negative = new(StringComparer.Ordinal)
    {
        "bad", "worse", "worst", "terrible", "awful", "horrible", "fail", "failed", "failure", "problem", "problems", "risk", "risks",
        "loss", "losses", "lose", "hate", "angry", "sad", "poor", "damage", "damaging", "harm", "harmful", "wrong", "broken",
        "expensive", "costly", "decline", "declining", "crisis", "threat", "danger", "dangerous", "deadly", "fear", "afraid",
        "scandal", "corrupt", "lie", "lies", "lying", "disaster", "collapse", "ruin", "ruined", "victims", "struggling", "pain",
    };

    private static readonly Regex Intensifier = new(@"\b(?:very|extremely|absolutely|totally|incredibly|completely|utterly|seriously|insanely|hugely|massively|literally)\b", OfflineText.Options);

    private static readonly Regex Alarm = new(@"\b(?:crisis|catastroph\w*|disaster\w*|emergency|collapse|apocalyp\w*|doom\w*|panic|terrifying|devastat\w*|deadly|existential|meltdown|chaos|blackouts?|skyrocket\w*|plummet\w*|out\s+of\s+control|ticking\s+time\s+bomb)\b", OfflineText.Options);

    private static readonly Regex Hostile = new(@"\b(?:idiots?|stupid|morons?|liars?|pathetic|disgusting|clowns?|traitors?|shut\s+up|hate|scum|crooks?|frauds?|shills?|garbage|ridiculous|insane)\b", OfflineText.Options);

    private static readonly Regex Persuasive = new(@"\b(?:we\s+must|you\s+must|we\s+need\s+to|you\s+need\s+to|we\s+have\s+to|should|imagine|clearly|obviously|undeniabl[ey]|the\s+truth\s+is|make\s+no\s+mistake|let\s+me\s+be\s+clear|the\s+fact\s+is|no\s+doubt|without\s+question)\b", OfflineText.Options);

    private static readonly Regex Sarcasm = new(@"\b(?:oh\s+(?:sure|great|wonderful|brilliant|yeah)|yeah,?\s+right|what\s+a\s+(?:surprise|shock)|shocker|big\s+surprise|how\s+convenient|sure,\s+because)\b", OfflineText.Options);

    // "We expected chaos and we got calmer teams": the alarm word names a fear that did not come true, which is relief.
    private static readonly Regex Expectation = new(@"\b(?:expected|feared|predicted|braced\s+for|worried\s+about|warned\s+of|were\s+told)\b", OfflineText.Options);

    private static readonly Regex Turn = new(@"\b(?:but|instead|and\s+(?:we|they|it)\s+(?:got|saw|found)|turned\s+out|in\s+fact|actually)\b", OfflineText.Options);

    // "no chaos", "wasn't a crisis", "without panic": the alarm word is denied.
    private static readonly Regex Denial = new(@"\b(?:no|not|never|without|nor|hardly|wasn't|isn't|weren't|aren't)\s+(?:\w+\s+){0,2}$", OfflineText.Options);

    // "than pretend the problem is catastrophic", "rather than panic": the speaker disowns the alarm word.
    private static readonly Regex Disowned = new(@"\b(?:pretend(?:ing)?|instead\s+of|rather\s+than)\b", OfflineText.Options);

    private static readonly Regex LowercaseWord = new(@"(?<![\p{L}'’])\p{Ll}[\p{Ll}'’]*", RegexOptions.CultureInvariant);

    private static readonly HashSet<string> Acronyms = new(StringComparer.Ordinal)
    {
        "NASA", "NOAA", "USA", "EU", "UN", "UK", "US", "GDP", "CO2", "IPCC", "WHO", "CDC", "EPA", "IEA", "OPEC", "NATO", "BBC", "CNN", "AI", "CEO", "FBI", "CIA", "IMF", "TV",
    };

    /// <summary>The tone of one chunk.</summary>
    public static ToneReport Assess(string text, int chunkIndex)
    {
        var sentences = OfflineText.Sentences(text);
        var cues = new List<ToneCue>();
        double positive = 0, negative = 0, intensifiers = 0, exclamations = 0, shouting = 0, alarm = 0, hostile = 0, persuasive = 0, sarcasm = 0;
        var lowercase = LowercaseWord.Matches(text).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);
        foreach (var sentence in sentences)
        {
            var words = OfflineText.Words(sentence);
            positive += words.Count(Positive.Contains);
            negative += words.Count(Negative.Contains);
            intensifiers += Count(Intensifier, sentence, "intensifier", cues);
            var (alarmCount, reliefCount) = AlarmOrRelief(sentence);
            alarm += alarmCount;
            positive += reliefCount;
            AddCueIf(cues, alarmCount > 0, "alarm", sentence);
            AddCueIf(cues, reliefCount > 0, "relief", sentence);
            hostile += Count(Hostile, sentence, "hostile", cues);
            persuasive += Count(Persuasive, sentence, "persuasion", cues);
            sarcasm += Count(Sarcasm, sentence, "sarcasm", cues);
            if (sentence.Contains('!', StringComparison.Ordinal))
            {
                exclamations++;
                AddCue(cues, "exclamation", sentence);
            }

            var caps = sentence.Split(' ').Select(w => w.Trim('.', ',', '!', '?', '"', '\'', ':', ';'))
                .Count(w => w.Length >= 3 && w.All(char.IsUpper) && !Acronyms.Contains(w) && IsShouted(w, lowercase));
            if (caps > 0)
            {
                shouting += caps;
                AddCue(cues, "all_caps", sentence);
            }
        }

        var sentiment = Math.Round(Math.Clamp((positive - negative) / (positive + negative + 3), -1, 1), 2);
        var scores = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["alarmist"] = alarm + (sentiment < 0 ? 0.5 * (exclamations + shouting) : 0),
            ["hostile"] = 1.5 * hostile + (sentiment < 0 ? 0.3 * shouting : 0),
            ["persuasive"] = persuasive + (0.3 * intensifiers),
            ["enthusiastic"] = sentiment > 0.2 ? (0.3 * positive) + exclamations + (0.2 * intensifiers) : 0,
            ["sarcastic"] = 2 * sarcasm,
        };

        // Longer chunks need more cues before a label sticks; a single loaded word does not make a tone.
        var threshold = Math.Max(2.0, sentences.Count * 0.1);
        var best = scores.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).First();
        var label = best.Value >= threshold ? best.Key : "neutral";
        return new ToneReport(chunkIndex, label, sentiment, cues);
    }

    // Capitals are shouting when they spell an ordinary word ("NOT", "CATASTROPHE"); short ones like "NHS" are acronyms.
    private static bool IsShouted(string word, HashSet<string> lowercaseInText)
    {
        var lower = word.ToLowerInvariant();
        return word.Length >= 6 || lowercaseInText.Contains(lower) || OfflineText.Stopwords.Contains(lower);
    }

    // Alarm words that are real alarm, and those that name a fear denied or overturned (relief).
    private static (int Alarm, int Relief) AlarmOrRelief(string sentence)
    {
        int alarm = 0, relief = 0;
        foreach (Match m in Alarm.Matches(sentence))
        {
            var before = sentence[..m.Index];
            var after = sentence[(m.Index + m.Length)..];
            if (Denial.IsMatch(before) || (Expectation.IsMatch(before) && Turn.IsMatch(after)))
            {
                relief++;
            }
            else if (!Disowned.IsMatch(before))
            {
                alarm++;
            }
        }

        return (alarm, relief);
    }

    private static void AddCueIf(List<ToneCue> cues, bool condition, string kind, string sentence)
    {
        if (condition)
        {
            AddCue(cues, kind, sentence);
        }
    }

    private static int Count(Regex pattern, string sentence, string kind, List<ToneCue> cues)
    {
        var count = pattern.Count(sentence);
        if (count > 0)
        {
            AddCue(cues, kind, sentence);
        }

        return count;
    }

    // A cue quotes the words, not the transcript's "Name: " label in front of them.
    private static void AddCue(List<ToneCue> cues, string kind, string sentence)
    {
        sentence = OfflineText.StripSpeaker(sentence);
        if (cues.Count < MaxCues && !cues.Any(c => c.Kind == kind && c.Quote == sentence))
        {
            cues.Add(new ToneCue(kind, sentence));
        }
    }
}
