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
public sealed class RememberRun(IContentMemory memory, IArtifactStore store) : IActivity<RememberRunInput, int>
{
    /// <inheritdoc/>
    /// <remarks>Chunks are read one at a time as memory consumes them: a long run's texts are never all in memory at once.</remarks>
    public async Task<int> RunAsync(ActivityContext context, RememberRunInput input)
    {
        var ct = context.CancellationToken;
        var notChecked = await NotCheckedClaims.ReadAsync(store, input.NotChecked, ct);
        IReadOnlyList<ClaimVerdict> verdicts = notChecked.Count == 0 ? input.Verdicts : [.. input.Verdicts, .. notChecked];
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
/// <param name="NotChecked">The run's not-checked claims when they are not among <paramref name="Verdicts"/> (instances from
/// <see cref="WorkflowVersions.ClaimsByReference"/>); stored after them, as they were when they came inline.</param>
public sealed record RememberRunInput(
    string Tenant,
    string RunId,
    string Source,
    IReadOnlyList<ChunkRef> Chunks,
    IReadOnlyList<ClaimVerdict> Verdicts,
    string? ContentHash = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ArtifactRef? NotChecked = null);
