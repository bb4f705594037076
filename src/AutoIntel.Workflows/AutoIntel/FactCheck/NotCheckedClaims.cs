using AutoIntel.Core;
using AutoIntel.Core.Briefings;
using AutoIntel.Core.FactCheck;
using AutoIntel.Intelligence.Analyses;
using AutoIntel.Storage;

namespace AutoIntel.Workflows.AutoIntel.FactCheck;

/// <summary>Reads a run's not-checked claims (<see cref="SelectClaims"/>) back where the briefing or memory needs them listed.</summary>
public static class NotCheckedClaims
{
    /// <summary>The not-checked verdicts at <paramref name="listed"/>; none when it is null (nothing was left unchecked, or the
    /// instance predates <see cref="WorkflowVersions.ClaimsByReference"/> and carries them inline).</summary>
    public static async Task<IReadOnlyList<ClaimVerdict>> ReadAsync(IArtifactStore store, ArtifactRef? listed, CancellationToken cancellationToken) =>
        listed is null ? [] : await store.GetJsonAsync<List<ClaimVerdict>>(listed.Path, cancellationToken);

    /// <summary>The briefing with its not-checked claims listed after the verified ones, as the briefing has always listed them.</summary>
    public static async Task<Briefing> ListAsync(IArtifactStore store, Briefing briefing, ArtifactRef? listed, CancellationToken cancellationToken) =>
        listed is null ? briefing : briefing with { Claims = [.. briefing.Claims, .. await ReadAsync(store, listed, cancellationToken)] };
}
