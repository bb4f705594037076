using System.Globalization;
using System.Text;

namespace AutoIntel.Memory.Recall;

/// <summary>A recall result as short Markdown text, the same for the CLI and Discord.</summary>
public static class RecallText
{
    /// <summary>Describes <paramref name="result"/>, cut to <paramref name="maxChars"/> at a line boundary.</summary>
    /// <param name="briefingOf">Where a run's briefing can be found (a path, a command), shown under each passage.</param>
    public static string Describe(RecallResult result, Func<string, string> briefingOf, int maxChars = int.MaxValue)
    {
        if (result.IsEmpty)
        {
            return "Nothing in memory matches that yet.";
        }

        var lines = new List<string>();
        if (result.Passages.Count > 0)
        {
            lines.Add("**Passages**");
            foreach (RecalledPassage p in result.Passages)
            {
                string speaker = p.Speaker is null ? string.Empty : $"{p.Speaker}: ";
                lines.Add($"- {speaker}“{p.Snippet}” — {p.Source} ({Score(p.Score)}; briefing: {briefingOf(p.RunId)})");
            }
        }

        if (result.Claims.Count > 0)
        {
            lines.Add("**Claims**");
            lines.AddRange(result.Claims.Select(c => $"- {c.Verdict}: “{c.Claim}” — {c.Source} ({Score(c.Score)})"));
        }

        if (result.People.Count > 0)
        {
            lines.Add("**Who said what**");
            lines.AddRange(result.People.Select(e => $"- {e.Name} ({e.Type}, {e.Mentions} mention(s)): {string.Join(", ", e.Sources)}"));
        }

        var text = new StringBuilder();
        foreach (string line in lines)
        {
            if (text.Length + line.Length + 1 > maxChars - 1)
            {
                text.Append('…');
                break;
            }

            text.Append(line).Append('\n');
        }

        return text.ToString().TrimEnd('\n');
    }

    private static string Score(double score) => "similarity " + score.ToString("0.00", CultureInfo.InvariantCulture);
}
