using System.Text.Json;
using System.Text.Json.Serialization;
using AutoIntel.Core;
using AutoIntel.Core.Briefings;
using AutoIntel.Intelligence.Analyses;
using AutoIntel.Storage;
using AutoIntel.Workflows.Abstractions;

namespace AutoIntel.Workflows.AutoIntel.Analyse;

/// <summary>Presents one analysis's section from its stored chunk results (<see cref="AnalyseChunkToStore"/>) and stores it at
/// <see cref="RunPaths.Section"/>, returning only its reference.</summary>
/// <remarks>Scheduled by instances from <see cref="WorkflowVersions.SectionsByReference"/>; older ones present inside the orchestration.</remarks>
public sealed class PresentSection(IArtifactStore store) : IActivity<PresentSectionInput, StoredSection>
{
    // A section is presented from all of its analysis's chunk results at once, and the orchestration starts every analysis's
    // presentation together: one at a time per process, a long run's sections (each several times its megabytes while presented) are
    // not all in memory together. Waiting here changes nothing the history records.
    private static readonly SemaphoreSlim OneAtATime = new(1, 1);

    /// <inheritdoc/>
    /// <exception cref="PermanentFailureException">The input names no declared analysis.</exception>
    public async Task<StoredSection> RunAsync(ActivityContext context, PresentSectionInput input)
    {
        var ct = context.CancellationToken;
        var analysis = AnalysisCatalog.Find(input.Analysis)
            ?? throw new PermanentFailureException($"No analysis called '{input.Analysis}' is declared.");
        await OneAtATime.WaitAsync(ct);
        try
        {
            IChunkResults results = input.Reduced is { } reduced ? new ElementResults([reduced]) : new AnalysisParts(store, input.RunId, input.Analysis, input.Parts);
            var stored = await store.PutStreamAsync(RunPaths.Section(input.RunId, analysis.Name), (s, t) => analysis.WriteSectionAsync(s, results, t), ArtifactStoreExtensions.JsonMediaType, ct);
            return new StoredSection(analysis.Name, analysis.JsonProperty, stored);
        }
        finally
        {
            OneAtATime.Release();
        }
    }
}

/// <summary>Input of <see cref="PresentSection"/>: which analysis of which run, how many chunk results it stored, or, for a map-reduce
/// analysis, its reduced result (small: the reduce step returns it inline).</summary>
public sealed record PresentSectionInput(
    string Analysis,
    string RunId,
    int Parts,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] JsonElement? Reduced = null);

/// <summary>The chunk results <see cref="AnalyseChunkToStore"/> stored for one analysis: the first <paramref name="count"/>, in chunk order.</summary>
public sealed class AnalysisParts(IArtifactStore store, string runId, string analysis, int count) : IChunkResults
{
    /// <inheritdoc />
    public async IAsyncEnumerable<T> ReadAsync<T>([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        for (var i = 0; i < count; i++)
        {
            yield return await store.GetJsonAsync<T>(RunPaths.AnalysisPart(runId, analysis, i), cancellationToken);
        }
    }
}
