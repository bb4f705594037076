using System.Globalization;
using AutoIntel.Core.Briefings;

namespace AutoIntel.Intelligence.Analyses;

/// <summary>Number and word formats the analyses' sections share, so every section writes a percentage or a score alike.</summary>
internal static class SectionText
{
    /// <summary>0..1 as a whole percentage ("45%"), clamped.</summary>
    public static string Percent(double value) =>
        Math.Round(Math.Clamp(value, 0, 1) * 100).ToString("0", CultureInfo.InvariantCulture) + "%";

    /// <summary>A signed score with two decimals ("+0.40", "-0.10", "0.00").</summary>
    public static string Signed(double value) => value.ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture);

    /// <summary>" — Jane Doe" after a quote or conclusion whose speaker is known, else nothing.</summary>
    public static string SaidBy(string? speaker) => speaker is null ? string.Empty : " \u2014 " + MarkdownText.Inline(speaker);

    /// <summary>snake_case as escaped words with a capital ("slippery_slope" → "Slippery slope").</summary>
    public static string Humanize(string snakeCase)
    {
        var words = MarkdownText.Inline(snakeCase).Replace("\\_", " ", StringComparison.Ordinal).Replace('_', ' ');
        return words.Length == 0 ? words : char.ToUpperInvariant(words[0]) + words[1..];
    }
}
