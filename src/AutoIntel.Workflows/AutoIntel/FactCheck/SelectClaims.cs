using AutoIntel.Core;
using AutoIntel.Core.Briefings;
using AutoIntel.Core.FactCheck;
using AutoIntel.Core.Runs;
using AutoIntel.Storage;
using AutoIntel.Workflows.Abstractions;

namespace AutoIntel.Workflows.AutoIntel.FactCheck;

/// <summary>Chooses the claims to verify from every chunk's claims artifact (<see cref="ClaimBudget"/>) and writes the others, listed as
/// not checked at this depth, to the run's not-checked artifact; only the chosen few go back to the orchestration.</summary>
public sealed class SelectClaims(IArtifactStore store) : IActivity<SelectClaimsInput, ClaimSelection>
{
    /// <inheritdoc/>
    public async Task<ClaimSelection> RunAsync(ActivityContext context, SelectClaimsInput input)
    {
        var ct = context.CancellationToken;

        // A long run extracts tens of thousands of claims, many repeated across chunks: each chunk's list is read one claim at a time
        // and only one copy of each claim is kept, and the not-checked verdicts are written into the artifact's stream as they are made.
        var distinct = new ClaimBudget.DistinctClaims();
        foreach (var found in input.Found.Where(f => f.Count > 0))
        {
            await foreach (var claim in store.ReadJsonListAsync<Claim>(found.Artifact.Path, ct))
            {
                distinct.Add(claim);
            }
        }

        var selected = ClaimBudget.Choose(distinct.Claims, input.MaxClaims);
        var notChecked = ClaimBudget.NotChecked(distinct.Claims, selected, input.Depth.ToString().ToLowerInvariant(), input.MaxClaims);
        var listed = distinct.Claims.Count == selected.Count
            ? null
            : await store.PutStreamAsync(RunPaths.NotCheckedClaims(input.RunId), (s, t) => BriefingJson.WriteClaimsAsync(s, [], notChecked.ToAsyncEnumerable(), t), ArtifactStoreExtensions.JsonMediaType, ct);
        return new ClaimSelection(selected, distinct.Claims.Count, listed);
    }
}

/// <summary>Input of <see cref="SelectClaims"/>.</summary>
/// <param name="Found">Every chunk's claims, in chunk order.</param>
/// <param name="MaxClaims">How many claims the depth verifies.</param>
public sealed record SelectClaimsInput(string RunId, IReadOnlyList<ChunkClaims> Found, Depth Depth, int MaxClaims);

/// <summary>The claims chosen for verification.</summary>
/// <param name="Selected">The claims to verify, most check-worthy first.</param>
/// <param name="Distinct">Distinct claims found, before the depth's budget.</param>
/// <param name="NotChecked">The other distinct claims as verdicts not checked at this depth, in source order (JSON list of
/// <see cref="ClaimVerdict"/>); null when every claim found is verified.</param>
public sealed record ClaimSelection(IReadOnlyList<Claim> Selected, int Distinct, ArtifactRef? NotChecked);
