using System.Text.Json;
using AutoIntel.Core.Briefings;
using AutoIntel.Core.Serialization;
using AutoIntel.Intelligence.Analyzers;
using AutoIntel.Intelligence.Prompts;

namespace AutoIntel.Intelligence.Analyses;

/// <summary>A per-chunk analysis whose chunk results (<typeparamref name="TPart"/>) are reduced to one (<typeparamref name="T"/>) by one
/// more call after the fan-out: the map step is the <see cref="ChunkAnalysis{T}.Prompt"/> and <see cref="ChunkAnalysis{T}.Offline"/> every
/// declaration has; the reduce step is <see cref="ReducePrompt"/> and <see cref="OfflineReduce"/>. The section shows the reduced result.</summary>
public abstract class MapReduceAnalysis<TPart, T> : ChunkAnalysis<TPart>
{
    /// <inheritdoc />
    public sealed override bool Reduces => true;

    /// <summary>The structured-output task of the reduce step (the LLM path), over <see cref="ReduceInput"/>.</summary>
    public abstract StructuredTask<T> ReducePrompt { get; }

    /// <summary>What the model is given to reduce: every chunk's result, in chunk order, as data sections.</summary>
    public abstract TaskInput ReduceInput(IReadOnlyList<TPart> parts);

    /// <summary>The offline reducer over every chunk's result (in chunk order): the default without an endpoint and the stand-in when the
    /// model's answer is unusable.</summary>
    public abstract T OfflineReduce(IReadOnlyList<TPart> parts);

    /// <summary>Typical answer length in tokens of the reduce step, for the latency simulator.</summary>
    public abstract int SimulatedReduceOutputTokens { get; }

    /// <summary>The result shown when nothing was reduced (the section failed, or there was nothing to analyse).</summary>
    protected abstract T Nothing { get; }

    /// <inheritdoc />
    public sealed override async Task<AnalyzerResult<JsonElement>> ReduceAsync(IContentAnalyzer analyzer, AnalysisRequest request, IReadOnlyList<JsonElement> perChunk, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(analyzer);
        ArgumentNullException.ThrowIfNull(perChunk);
        var result = await analyzer.ReduceAsync(this, request, [.. perChunk.Select(e => e.Deserialize<TPart>(AutoIntelJson.Options)!)], cancellationToken);
        return new AnalyzerResult<JsonElement>(JsonSerializer.SerializeToElement(result.Value, AutoIntelJson.Options), result.Usage, result.Notes, result.Degraded);
    }

    /// <inheritdoc />
    /// <remarks>Given the reduce step's result (one element), or nothing.</remarks>
    protected sealed override SectionContent Content(IReadOnlyList<JsonElement> perChunk) =>
        RenderReduced(perChunk is [var reduced] ? reduced.Deserialize<T>(AutoIntelJson.Options)! : Nothing);

    /// <inheritdoc />
    protected sealed override async Task<SectionContent> ContentAsync(IChunkResults results, CancellationToken cancellationToken) =>
        RenderReduced(await results.ReadAsync<T>(cancellationToken).ToListAsync(cancellationToken) is [var reduced] ? reduced : Nothing);

    /// <summary>Not called: a map-reduce analysis shows its reduced result (<see cref="RenderReduced"/>).</summary>
    protected sealed override SectionContent Render(IReadOnlyList<TPart> perChunk) =>
        throw new NotSupportedException($"Analysis '{Name}' shows its reduced result.");

    /// <summary>The section's data, Markdown body, Discord fields (and lead text when it leads) from the reduced result.</summary>
    protected abstract SectionContent RenderReduced(T reduced);
}
