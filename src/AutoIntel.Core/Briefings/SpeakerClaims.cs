using AutoIntel.Core.FactCheck;

namespace AutoIntel.Core.Briefings;

/// <summary>The claims one speaker made, for briefings of transcripts that label their speakers.</summary>
/// <param name="Speaker">The speaker as the transcript labels them, or null for claims no speaker could be given.</param>
/// <param name="Claims">Zero-based positions in <see cref="Briefing.Claims"/>, in briefing order.</param>
public sealed record SpeakerClaims(string? Speaker, IReadOnlyList<int> Claims)
{
    /// <summary>The claims grouped by speaker, speakers in order of their first claim, unattributed claims last;
    /// null when no claim has a speaker (the briefing then lists claims as one group).</summary>
    public static IReadOnlyList<SpeakerClaims>? Group(IReadOnlyList<ClaimVerdict> claims)
    {
        ArgumentNullException.ThrowIfNull(claims);
        if (!claims.Any(c => c.Claim.Speaker is not null))
        {
            return null;
        }

        return [.. Enumerable.Range(0, claims.Count)
            .GroupBy(i => claims[i].Claim.Speaker, StringComparer.Ordinal)
            .OrderBy(g => g.Key is null)
            .ThenBy(g => g.First())
            .Select(g => new SpeakerClaims(g.Key, [.. g]))];
    }
}
