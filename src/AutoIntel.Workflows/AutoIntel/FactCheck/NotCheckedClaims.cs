using AutoIntel.Core;
using AutoIntel.Core.Briefings;
using AutoIntel.Core.FactCheck;
using AutoIntel.Intelligence.Analyses;
using AutoIntel.Storage;

namespace AutoIntel.Workflows.AutoIntel.FactCheck;

/// <summary>Reads a run's not-checked claims (<see cref="SelectClaims"/>) back where the briefing needs them listed.</summary>
/// <remarks>A long run lists tens of thousands: readers take them one at a time from the artifact's stream (<see cref="StreamAsync"/>)
/// or only the few a report shows (<see cref="FirstAsync"/>), never the whole list.</remarks>
public static class NotCheckedClaims
{
    /// <summary>The not-checked verdicts at <paramref name="listed"/>, one at a time, in the order listed; none when it is null (nothing
    /// was left unchecked, or the instance predates <see cref="WorkflowVersions.ClaimsByReference"/> and carries them inline).</summary>
    /// <exception cref="InvalidDataException">The artifact is not a JSON list of claim verdicts.</exception>
    public static IAsyncEnumerable<ClaimVerdict> StreamAsync(IArtifactStore store, ArtifactRef? listed, CancellationToken cancellationToken) =>
        listed is null ? AsyncEnumerable.Empty<ClaimVerdict>() : store.ReadJsonListAsync<ClaimVerdict>(listed.Path, cancellationToken);

    /// <summary>The first <paramref name="count"/> not-checked verdicts at <paramref name="listed"/> and how many follow them.</summary>
    public static async Task<(IReadOnlyList<ClaimVerdict> First, int More)> FirstAsync(IArtifactStore store, ArtifactRef? listed, int count, CancellationToken cancellationToken)
    {
        var first = new List<ClaimVerdict>();
        var more = 0;
        await foreach (var verdict in StreamAsync(store, listed, cancellationToken))
        {
            if (first.Count < count)
            {
                first.Add(verdict);
            }
            else
            {
                more++;
            }
        }

        return (first, more);
    }

    /// <summary>The briefing with its not-checked claims listed after the verified ones, as the briefing has always listed them.</summary>
    public static async Task<Briefing> ListAsync(IArtifactStore store, Briefing briefing, ArtifactRef? listed, CancellationToken cancellationToken) =>
        listed is null ? briefing : briefing with { Claims = [.. briefing.Claims, .. await StreamAsync(store, listed, cancellationToken).ToListAsync(cancellationToken)] };
}
