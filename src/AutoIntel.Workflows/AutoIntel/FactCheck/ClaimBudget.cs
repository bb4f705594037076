using AutoIntel.Core.FactCheck;
using AutoIntel.Intelligence.Analyses;

namespace AutoIntel.Workflows.AutoIntel.FactCheck;

/// <summary>Which of a run's extracted claims are verified: the depth caps how many are checked, not how many are found.</summary>
/// <remarks>Pure, so the orchestration (histories before <see cref="WorkflowVersions.ClaimsByReference"/>) and the
/// <see cref="SelectClaims"/> activity choose the same claims in the same order.</remarks>
public static class ClaimBudget
{
    /// <summary>The distinct claims (the most check-worthy copy of each id) and, of them, the <paramref name="maxClaims"/> to verify,
    /// most check-worthy first.</summary>
    public static (List<Claim> Distinct, List<Claim> Selected) Select(IEnumerable<Claim> extracted, int maxClaims)
    {
        var distinct = extracted
            .GroupBy(c => c.Id, StringComparer.Ordinal)
            .Select(g => g.OrderByDescending(c => c.CheckWorthiness).ThenBy(c => c.ChunkIndex).First())
            .ToList();
        var selected = distinct
            .OrderByDescending(c => c.CheckWorthiness)
            .ThenBy(c => c.ChunkIndex)
            .ThenBy(c => c.Id, StringComparer.Ordinal)
            .Take(maxClaims)
            .ToList();
        return (distinct, selected);
    }

    /// <summary>The distinct claims not selected, in source order, each listed as not checked at this depth.</summary>
    public static IEnumerable<ClaimVerdict> NotChecked(IReadOnlyList<Claim> distinct, IReadOnlyList<Claim> selected, string depth, int maxClaims)
    {
        var chosen = selected.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        return distinct.Where(c => !chosen.Contains(c.Id)).OrderBy(c => c.ChunkIndex).Select(c => ClaimVerdict.NotChecked(c, depth, maxClaims));
    }
}
