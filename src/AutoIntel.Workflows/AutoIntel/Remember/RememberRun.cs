using System.Runtime.CompilerServices;
using System.Text.Json.Serialization;
using AutoIntel.Core;
using AutoIntel.Core.FactCheck;
using AutoIntel.Core.Text;
using AutoIntel.Intelligence.Analyses;
using AutoIntel.Memory;
using AutoIntel.Storage;
using AutoIntel.Workflows.Abstractions;
using AutoIntel.Workflows.AutoIntel.FactCheck;
using AutoIntel.Workflows.AutoIntel.Segment;

namespace AutoIntel.Workflows.AutoIntel.Remember;

/// <summary>Stage 7: embeds the run's chunks and verdicts and upserts them into vector memory.</summary>
/// <remarks>Only claims that were verified are remembered as verdicts. A claim listed as not checked at this depth
/// (<see cref="ClaimVerdict.NotCheckedMethod"/>) has no verdict to reuse (recall only reuses decided ones), and its sentence is already
/// in memory as part of the chunk's passages, so storing it again would only cost an embedding and a record per claim: a long run
/// lists tens of thousands of them (docs/memory.md).</remarks>
public sealed class RememberRun(IContentMemory memory, IArtifactStore store) : IActivity<RememberRunInput, int>
{
    /// <inheritdoc/>
    /// <remarks>Chunks are read one at a time as memory consumes them: a long run's texts are never all in memory at once.</remarks>
    public async Task<int> RunAsync(ActivityContext context, RememberRunInput input)
    {
        var ct = context.CancellationToken;
        // Older instances carry their not-checked claims inline among the verdicts; newer ones by reference, which is not read here.
        IReadOnlyList<ClaimVerdict> verdicts = [.. input.Verdicts.Where(v => v.WasChecked)];
        return await memory.RememberAsync(input.Tenant, input.RunId, input.Source, ChunkTextsAsync(input.Chunks, ct), verdicts, input.ContentHash, ct);
    }

    private async IAsyncEnumerable<string> ChunkTextsAsync(IReadOnlyList<ChunkRef> chunks, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var chunk in chunks)
        {
            // A chunk that opens mid-turn is stored with its speaker's label, so its first passages know who spoke.
            yield return SpeakerTurns.WithOpeningLabel(await store.GetJsonAsync<Chunk>(chunk.Artifact.Path, cancellationToken));
        }
    }
}

/// <summary>Input of <see cref="RememberRun"/>.</summary>
/// <param name="ContentHash">The transcript's hash, stored with every record of the run (null in older histories).</param>
/// <param name="Verdicts">The run's verdicts; those not checked at this depth (inline in instances before
/// <see cref="WorkflowVersions.ClaimsByReference"/>) are not remembered.</param>
/// <param name="NotChecked">The run's not-checked claims when they are not among <paramref name="Verdicts"/> (instances from
/// <see cref="WorkflowVersions.ClaimsByReference"/>); kept in the input for the histories that carry it, not remembered.</param>
public sealed record RememberRunInput(
    string Tenant,
    string RunId,
    string Source,
    IReadOnlyList<ChunkRef> Chunks,
    IReadOnlyList<ClaimVerdict> Verdicts,
    string? ContentHash = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ArtifactRef? NotChecked = null);
