using AutoIntel.Core;
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
        var extracted = new List<Claim>();
        foreach (var found in input.Found.Where(f => f.Count > 0))
        {
            extracted.AddRange(await store.GetJsonAsync<List<Claim>>(found.Artifact.Path, ct));
        }

        var (distinct, selected) = ClaimBudget.Select(extracted, input.MaxClaims);
        extracted.Clear();
        var notChecked = ClaimBudget.NotChecked(distinct, selected, input.Depth.ToString().ToLowerInvariant(), input.MaxClaims).ToList();
        var listed = notChecked.Count == 0 ? null : await store.PutJsonAsync(RunPaths.NotCheckedClaims(input.RunId), notChecked, ct);
        return new ClaimSelection(selected, distinct.Count, listed);
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
