using AutoIntel.Core.Text;
using AutoIntel.Intelligence.Analyzers;
using AutoIntel.Storage;
using AutoIntel.Workflows.Abstractions;

namespace AutoIntel.Workflows.AutoIntel.Analyse;

/// <summary>Base of the per-chunk analysis activities: load the chunk, ask the analyzer one question.</summary>
public abstract class ChunkActivity<TResult>(IContentAnalyzer analyzer, IArtifactStore store) : IActivity<ChunkInput, AnalyzerResult<TResult>>
{
    /// <inheritdoc/>
    public async Task<AnalyzerResult<TResult>> RunAsync(ActivityContext context, ChunkInput input)
    {
        var chunk = await store.GetJsonAsync<Chunk>(input.Chunk.Artifact.Path, context.CancellationToken);
        return await AnalyseAsync(analyzer, input.Request, chunk, context.CancellationToken);
    }

    /// <summary>The one analyzer call this activity makes.</summary>
    protected abstract Task<AnalyzerResult<TResult>> AnalyseAsync(IContentAnalyzer analyzer, AnalysisRequest request, Chunk chunk, CancellationToken cancellationToken);
}
