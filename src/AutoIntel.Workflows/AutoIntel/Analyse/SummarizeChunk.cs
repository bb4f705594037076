using AutoIntel.Core.Analysis;
using AutoIntel.Core.Text;
using AutoIntel.Intelligence.Analyzers;
using AutoIntel.Storage;

namespace AutoIntel.Workflows.AutoIntel.Analyse;

/// <summary>Map step of the summary: the key points of one chunk.</summary>
public sealed class SummarizeChunk(IContentAnalyzer analyzer, IArtifactStore store) : ChunkActivity<ChunkSummary>(analyzer, store)
{
    /// <inheritdoc/>
    protected override Task<AnalyzerResult<ChunkSummary>> AnalyseAsync(IContentAnalyzer analyzer, AnalysisRequest request, Chunk chunk, CancellationToken cancellationToken) =>
        analyzer.SummarizeChunkAsync(request, chunk, cancellationToken);
}
