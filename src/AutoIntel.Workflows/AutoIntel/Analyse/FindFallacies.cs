using AutoIntel.Core.Analysis;
using AutoIntel.Core.Text;
using AutoIntel.Intelligence.Analyzers;
using AutoIntel.Storage;

namespace AutoIntel.Workflows.AutoIntel.Analyse;

/// <summary>Suspected fallacies in one chunk.</summary>
public sealed class FindFallacies(IContentAnalyzer analyzer, IArtifactStore store) : ChunkActivity<IReadOnlyList<Fallacy>>(analyzer, store)
{
    /// <inheritdoc/>
    protected override Task<AnalyzerResult<IReadOnlyList<Fallacy>>> AnalyseAsync(IContentAnalyzer analyzer, AnalysisRequest request, Chunk chunk, CancellationToken cancellationToken) =>
        analyzer.FindFallaciesAsync(request, chunk, cancellationToken);
}
