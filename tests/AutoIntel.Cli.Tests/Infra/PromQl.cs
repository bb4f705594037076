using System.Text.RegularExpressions;

namespace AutoIntel.Cli.Tests.Infra;

/// <summary>The metric names a PromQL expression reads (enough of PromQL for dashboard queries: selectors, functions, aggregations).</summary>
internal static partial class PromQl
{
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "by", "without", "on", "ignoring", "group_left", "group_right", "bool", "and", "or", "unless", "offset",
    };

    public static IReadOnlyList<string> MetricNames(string expression)
    {
        string text = LabelMatchers().Replace(expression, " ");
        text = Ranges().Replace(text, " ");
        text = Groupings().Replace(text, " ");
        return [.. Identifiers().Matches(text)
            .Where(m => !Keywords.Contains(m.Value) && !IsFunctionCall(text, m))
            .Select(m => m.Value)
            .Distinct(StringComparer.Ordinal)];
    }

    private static bool IsFunctionCall(string text, Match match)
    {
        int next = match.Index + match.Length;
        while (next < text.Length && text[next] == ' ')
        {
            next++;
        }

        return next < text.Length && text[next] == '(';
    }

    [GeneratedRegex("\\{[^}]*\\}")]
    private static partial Regex LabelMatchers();

    [GeneratedRegex("\\[[^\\]]*\\]")]
    private static partial Regex Ranges();

    [GeneratedRegex("\\b(by|without|on|ignoring)\\s*\\([^)]*\\)")]
    private static partial Regex Groupings();

    [GeneratedRegex("(?<![\\w.])[a-zA-Z_:][a-zA-Z0-9_:]*")]
    private static partial Regex Identifiers();
}
