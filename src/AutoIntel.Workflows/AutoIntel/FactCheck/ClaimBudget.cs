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
        ArgumentNullException.ThrowIfNull(extracted);
        var distinct = new DistinctClaims();
        foreach (var claim in extracted)
        {
            distinct.Add(claim);
        }

        return (distinct.Claims, Choose(distinct.Claims, maxClaims));
    }

    /// <summary>Of the distinct claims, the <paramref name="maxClaims"/> to verify, most check-worthy first.</summary>
    public static List<Claim> Choose(IReadOnlyList<Claim> distinct, int maxClaims) => distinct
        .OrderByDescending(c => c.CheckWorthiness)
        .ThenBy(c => c.ChunkIndex)
        .ThenBy(c => c.Id, StringComparer.Ordinal)
        .Take(maxClaims)
        .ToList();

    /// <summary>The distinct claims not selected, in source order, each listed as not checked at this depth.</summary>
    public static IEnumerable<ClaimVerdict> NotChecked(IReadOnlyList<Claim> distinct, IReadOnlyList<Claim> selected, string depth, int maxClaims)
    {
        var chosen = selected.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        return distinct.Where(c => !chosen.Contains(c.Id)).OrderBy(c => c.ChunkIndex).Select(c => ClaimVerdict.NotChecked(c, depth, maxClaims));
    }

    /// <summary>The distinct claims of a run, kept as the claims are read: of each id, the most check-worthy copy (the earliest chunk's
    /// on a tie, then the first read), in the order each id was first read. Only one copy of each claim is held, however many chunks
    /// repeat it.</summary>
    public sealed class DistinctClaims
    {
        private readonly Dictionary<string, int> _positions = new(StringComparer.Ordinal);

        /// <summary>The distinct claims so far.</summary>
        public List<Claim> Claims { get; } = [];

        /// <summary>Adds the next claim read.</summary>
        public void Add(Claim claim)
        {
            ArgumentNullException.ThrowIfNull(claim);
            if (!_positions.TryGetValue(claim.Id, out var position))
            {
                _positions[claim.Id] = Claims.Count;
                Claims.Add(claim);
                return;
            }

            var kept = Claims[position];
            if (claim.CheckWorthiness > kept.CheckWorthiness || (claim.CheckWorthiness == kept.CheckWorthiness && claim.ChunkIndex < kept.ChunkIndex))
            {
                Claims[position] = claim;
            }
        }
    }
}
