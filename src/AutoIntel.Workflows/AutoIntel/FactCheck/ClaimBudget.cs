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
        .OrderBy(c => new Rank(c.CheckWorthiness, c.ChunkIndex, c.Id), Rank.Order)
        .Take(maxClaims)
        .ToList();

    /// <summary>Whether a copy of a claim read later replaces the copy kept so far: the more check-worthy wins, then the earlier
    /// chunk's; on a tie the first read stays.</summary>
    /// <remarks>One rule for <see cref="DistinctClaims"/> and <see cref="ClaimTally"/>, so both keep the same copy.</remarks>
    public static bool Replaces(Claim read, double keptWorthiness, int keptChunkIndex)
    {
        ArgumentNullException.ThrowIfNull(read);
        return read.CheckWorthiness > keptWorthiness || (read.CheckWorthiness == keptWorthiness && read.ChunkIndex < keptChunkIndex);
    }

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
            if (Replaces(claim, kept.CheckWorthiness, kept.ChunkIndex))
            {
                Claims[position] = claim;
            }
        }
    }

    /// <summary>Where a distinct claim stands in <see cref="Choose"/>'s order: most check-worthy first, then the earlier chunk, then
    /// the id (ordinal), which breaks every tie between distinct claims.</summary>
    /// <remarks>One order for <see cref="Choose"/> and <see cref="ClaimTally"/>, which ranks the ids without holding the claims.</remarks>
    public readonly record struct Rank(double CheckWorthiness, int ChunkIndex, string Id)
    {
        /// <summary>Best first.</summary>
        public static IComparer<Rank> Order { get; } = Comparer<Rank>.Create((a, b) =>
        {
            var byWorthiness = b.CheckWorthiness.CompareTo(a.CheckWorthiness);
            if (byWorthiness != 0)
            {
                return byWorthiness;
            }

            var byChunk = a.ChunkIndex.CompareTo(b.ChunkIndex);
            return byChunk != 0 ? byChunk : string.CompareOrdinal(a.Id, b.Id);
        });
    }
}
