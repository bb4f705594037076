using System.Globalization;
using System.Text;
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

    /// <summary>How many items of one list (arguments, fallacies, parts of the content) a section's Markdown shows; the rest are counted
    /// in one line, and briefing.json lists them all. A long transcript yields tens of thousands, which no reader goes through in the
    /// report (a 20 MiB subtitle file's sections were 3 MB of Markdown), as the report lists only the first claims not checked.</summary>
    public const int ListedInReport = 100;

    /// <summary>The first <see cref="ListedInReport"/> of <paramref name="items"/>, for the Markdown.</summary>
    public static IEnumerable<T> Listed<T>(IEnumerable<T> items) => items.Take(ListedInReport);

    /// <summary>Appends the line that counts the items of a list of <paramref name="total"/> that <see cref="Listed"/> left out, if any
    /// ("_1,234 more arguments; briefing.json lists them all._").</summary>
    public static StringBuilder AppendUnlisted(StringBuilder md, int total, string one, string many)
    {
        ArgumentNullException.ThrowIfNull(md);
        int unlisted = total - ListedInReport;
        return unlisted <= 0
            ? md
            : md.Append('\n').Append('_').Append(unlisted.ToString("N0", CultureInfo.InvariantCulture)).Append(" more ").Append(unlisted == 1 ? one : many)
                .Append("; briefing.json lists them all._\n");
    }
}
