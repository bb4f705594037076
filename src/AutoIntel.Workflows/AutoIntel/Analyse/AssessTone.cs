using AutoIntel.Core.Analysis;
using AutoIntel.Core.Text;
using AutoIntel.Intelligence.Analyzers;
using AutoIntel.Storage;

namespace AutoIntel.Workflows.AutoIntel.Analyse;

/// <summary>Tone of one chunk.</summary>
public sealed class AssessTone(IContentAnalyzer analyzer, IArtifactStore store) : ChunkActivity<ToneReport>(analyzer, store)
{
    /// <inheritdoc/>
    protected override Task<AnalyzerResult<ToneReport>> AnalyseAsync(IContentAnalyzer analyzer, AnalysisRequest request, Chunk chunk, CancellationToken cancellationToken) =>
        analyzer.AssessToneAsync(request, chunk, cancellationToken);
}
