using AutoIntel.Core.Analysis;
using AutoIntel.Core.Text;
using AutoIntel.Intelligence.Analyzers;
using AutoIntel.Storage;

namespace AutoIntel.Workflows.AutoIntel.Analyse;

/// <summary>Perspective and bias cues of one chunk.</summary>
public sealed class AssessPerspective(IContentAnalyzer analyzer, IArtifactStore store) : ChunkActivity<PerspectiveReport>(analyzer, store)
{
    /// <inheritdoc/>
    protected override Task<AnalyzerResult<PerspectiveReport>> AnalyseAsync(IContentAnalyzer analyzer, AnalysisRequest request, Chunk chunk, CancellationToken cancellationToken) =>
        analyzer.AssessPerspectiveAsync(request, chunk, cancellationToken);
}
