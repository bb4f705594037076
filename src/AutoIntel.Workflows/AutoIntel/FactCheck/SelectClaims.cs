using System.Runtime.CompilerServices;
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

        // A long run extracts tens of thousands of claims, many repeated across chunks: the claims are read twice, one at a time, and
        // only a tally of each id is held (ClaimTally), and the not-checked verdicts are written into the artifact's stream as they are made.
        var tally = new ClaimTally();
        await foreach (var claim in ReadAllAsync(input, ct))
        {
            tally.Add(claim);
        }

        if (!tally.InChunkOrder)
        {
            return await InMemoryAsync(input, ct);
        }

        var chosen = tally.Choose(input.MaxClaims);
        var selected = new Claim[chosen.Count];
        var kept = tally.KeptAsync(ReadAllAsync(input, ct), chosen, selected, ct);
        ArtifactRef? listed = null;
        if (tally.Distinct == chosen.Count)
        {
            // Every distinct claim is verified: the second pass lists none, it only collects the chosen copies.
            await foreach (var _ in kept)
            {
            }
        }
        else
        {
            listed = await WriteNotCheckedAsync(input, kept.Select(c => ClaimVerdict.NotChecked(c, Depth(input), input.MaxClaims)), ct);
        }

        return new ClaimSelection(selected, tally.Distinct, listed);
    }

    // Every claim read at once, for claims not in chunk order (never seen in practice): ClaimTally's second pass needs chunk order.
    private async Task<ClaimSelection> InMemoryAsync(SelectClaimsInput input, CancellationToken ct)
    {
        var distinct = new ClaimBudget.DistinctClaims();
        await foreach (var claim in ReadAllAsync(input, ct))
        {
            distinct.Add(claim);
        }

        var selected = ClaimBudget.Choose(distinct.Claims, input.MaxClaims);
        var notChecked = ClaimBudget.NotChecked(distinct.Claims, selected, Depth(input), input.MaxClaims);
        var listed = distinct.Claims.Count == selected.Count
            ? null
            : await WriteNotCheckedAsync(input, notChecked.ToAsyncEnumerable(), ct);
        return new ClaimSelection(selected, distinct.Claims.Count, listed);
    }

    private Task<ArtifactRef> WriteNotCheckedAsync(SelectClaimsInput input, IAsyncEnumerable<ClaimVerdict> notChecked, CancellationToken ct) =>
        store.PutStreamAsync(RunPaths.NotCheckedClaims(input.RunId), (s, t) => BriefingJson.WriteClaimsAsync(s, [], notChecked, t), ArtifactStoreExtensions.JsonMediaType, ct);

    private async IAsyncEnumerable<Claim> ReadAllAsync(SelectClaimsInput input, [EnumeratorCancellation] CancellationToken ct)
    {
        foreach (var found in input.Found.Where(f => f.Count > 0))
        {
            await foreach (var claim in store.ReadJsonListAsync<Claim>(found.Artifact.Path, ct))
            {
                yield return claim;
            }
        }
    }

    private static string Depth(SelectClaimsInput input) => input.Depth.ToString().ToLowerInvariant();
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
