using System.Globalization;
using System.Text;

namespace AutoIntel.Cli.Bench;

/// <summary>Generates a podcast-like SRT transcript of a given length (about 150 spoken words a minute), deterministically.</summary>
public static class TranscriptGenerator
{
    private const int WordsPerMinute = 150;

    private static readonly string[] Speakers = ["Maya Chen", "Dr. Samuel Ortiz", "Priya Natarajan", "Tom Becker"];

    private static readonly string[] Topics = ["renewable energy", "urban housing", "public health", "artificial intelligence", "ocean fisheries", "rail transport"];

    private static readonly string[] Templates =
    [
        "According to the {org} report, {topic} investment grew by {n} percent between {y1} and {y2}.",
        "{speaker} argued that {topic} will transform the economy because costs have fallen every year since {y1}.",
        "Everyone knows that {topic} is the only answer, so anyone who disagrees simply hasn't read the evidence.",
        "If we allow this, next thing you know the whole {topic} sector will collapse within {n} months.",
        "The {org} estimates that {n} million people were affected by changes in {topic} last year.",
        "Critics say the numbers are inflated, however the data from {org} has been replicated twice.",
        "Either we fund {topic} now or we lose the next decade entirely.",
        "My opponent on {topic} is a clueless amateur who has never held a real job.",
        "Studies show that cities with better {topic} policies have {n} percent lower costs.",
        "In {y2}, {org} spent {n} billion dollars on {topic}, the largest budget in its history.",
        "We talked to residents in Rotterdam and Lagos about how {topic} changed their daily lives.",
        "That is an interesting point, and I think listeners should weigh both sides before deciding.",
    ];

    private static readonly string[] Orgs = ["International Energy Agency", "World Bank", "OECD", "Pew Research Center", "European Commission", "Stanford University"];

    /// <summary>An SRT document of about <paramref name="minutes"/> minutes of speech.</summary>
    public static string Generate(int minutes, int seed = 42)
    {
        var random = new Random(seed);
        var sb = new StringBuilder();
        var words = 0;
        var cue = 1;
        var clock = TimeSpan.Zero;
        while (words < minutes * WordsPerMinute)
        {
            var sentence = Fill(Templates[random.Next(Templates.Length)], random);
            var speaker = Speakers[random.Next(Speakers.Length)];
            var count = sentence.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
            var duration = TimeSpan.FromSeconds(count * 60.0 / WordsPerMinute);
            sb.Append(cue++).Append('\n')
              .Append(Stamp(clock)).Append(" --> ").Append(Stamp(clock + duration)).Append('\n')
              .Append(speaker).Append(": ").Append(sentence).Append("\n\n");
            clock += duration;
            words += count;
        }

        return sb.ToString();
    }

    private static string Fill(string template, Random random)
    {
        var y1 = random.Next(2005, 2018);
        return template
            .Replace("{org}", Orgs[random.Next(Orgs.Length)], StringComparison.Ordinal)
            .Replace("{topic}", Topics[random.Next(Topics.Length)], StringComparison.Ordinal)
            .Replace("{speaker}", Speakers[random.Next(Speakers.Length)], StringComparison.Ordinal)
            .Replace("{n}", random.Next(2, 95).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{y1}", y1.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{y2}", random.Next(y1 + 1, 2026).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    private static string Stamp(TimeSpan t) => t.ToString(@"hh\:mm\:ss\,fff", CultureInfo.InvariantCulture);
}
