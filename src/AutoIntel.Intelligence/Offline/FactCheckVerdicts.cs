using System.Globalization;
using AutoIntel.Core.FactCheck;

namespace AutoIntel.Intelligence.Offline;

/// <summary>A verdict without a model: what fact-checkers rated the same claim, in their own words, mapped conservatively.</summary>
/// <remarks>
/// A review counts only when the claim it reviewed matches ours closely (<see cref="MinSimilarity"/>), and only ratings whose
/// meaning is unambiguous map to a verdict ("False", "Pants on Fire", "Missing context", "Half true" …). Any other wording
/// ("Unproven", a Full Fact sentence that does not start with a plain rating) or reviewers who disagree leave the claim
/// unverified, with the reviews listed for the reader.
/// </remarks>
public static class FactCheckVerdicts
{
    /// <summary>The <see cref="ClaimVerdict.Method"/> of a verdict taken from fact-checkers' reviews.</summary>
    public const string MethodName = "fact-check";

    /// <summary>How similar (Jaccard of content terms) a reviewed claim must be to ours for its rating to count.</summary>
    public const double MinSimilarity = 0.5;

    private static readonly (string Label, Verdict Verdict)[] Labels =
    [
        ("pants on fire", Verdict.Refuted), ("false", Verdict.Refuted), ("fake", Verdict.Refuted), ("incorrect", Verdict.Refuted),
        ("not true", Verdict.Refuted), ("untrue", Verdict.Refuted), ("wrong", Verdict.Refuted), ("fabricated", Verdict.Refuted),
        ("hoax", Verdict.Refuted), ("four pinocchios", Verdict.Refuted), ("falso", Verdict.Refuted), ("faux", Verdict.Refuted), ("falsch", Verdict.Refuted),
        ("mostly false", Verdict.Misleading), ("misleading", Verdict.Misleading), ("missing context", Verdict.Misleading),
        ("needs context", Verdict.Misleading), ("out of context", Verdict.Misleading), ("exaggerated", Verdict.Misleading),
        ("half true", Verdict.Mixed), ("half-true", Verdict.Mixed), ("mixture", Verdict.Mixed), ("partly false", Verdict.Mixed), ("partly true", Verdict.Mixed),
        ("mostly true", Verdict.Supported), ("true", Verdict.Supported), ("correct", Verdict.Supported), ("accurate", Verdict.Supported),
        ("verdadero", Verdict.Supported), ("vrai", Verdict.Supported), ("richtig", Verdict.Supported), ("wahr", Verdict.Supported),
    ];

    /// <summary>The verdict fact-checkers gave this claim, or null when no close review has a rating that maps plainly.</summary>
    public static ClaimVerdict? Decide(Claim claim, IReadOnlyList<Evidence> evidence)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentNullException.ThrowIfNull(evidence);
        var reviews = evidence
            .Where(e => e.Rating is not null && ClaimMatch.Similarity(claim.Text, e.Quote) >= MinSimilarity)
            .Select(e => (Evidence: e, Verdict: VerdictOf(e.Rating!)))
            .ToList();
        var decided = reviews.Where(r => r.Verdict is not null).ToList();
        if (decided.Count == 0 || decided.Select(r => r.Verdict).Distinct().Count() > 1)
        {
            return null;
        }

        var rationale = string.Join("; ", decided.Select(r => Describe(r.Evidence))) + ".";
        var similarity = decided.Max(r => ClaimMatch.Similarity(claim.Text, r.Evidence.Quote));
        return new ClaimVerdict(claim, decided[0].Verdict!.Value, Math.Round(0.5 + (0.4 * similarity), 2), rationale, [.. decided.Select(r => r.Evidence)], MethodName);
    }

    /// <summary>The verdict a rating plainly means ("False." and "False: the figure was…" alike), or null.</summary>
    public static Verdict? VerdictOf(string rating)
    {
        ArgumentNullException.ThrowIfNull(rating);
        var text = rating.Trim().ToLower(CultureInfo.InvariantCulture);
        foreach (var (label, verdict) in Labels)
        {
            if (text == label || (text.StartsWith(label, StringComparison.Ordinal) && text.Length > label.Length && IsBoundary(text[label.Length])))
            {
                return verdict;
            }
        }

        return null;
    }

    /// <summary>"Rated “False” by Full Fact (2024-03-01)".</summary>
    public static string Describe(Evidence review)
    {
        ArgumentNullException.ThrowIfNull(review);
        var who = review.Publisher ?? review.Source;
        var when = review.Date is { Length: >= 10 } d ? $" ({d[..10]})" : string.Empty;
        return $"Rated \u201C{review.Rating}\u201D by {who}{when}";
    }

    // "false." / "false:" / "false—" end the label; "falsely" or "true but misleading" do not.
    private static bool IsBoundary(char c) => char.IsPunctuation(c);
}
