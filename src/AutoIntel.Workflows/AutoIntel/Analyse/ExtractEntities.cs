using AutoIntel.Core.Analysis;
using AutoIntel.Core.Text;
using AutoIntel.Intelligence.Analyzers;
using AutoIntel.Storage;

namespace AutoIntel.Workflows.AutoIntel.Analyse;

/// <summary>Named entities in one chunk.</summary>
public sealed class ExtractEntities(IContentAnalyzer analyzer, IArtifactStore store) : ChunkActivity<IReadOnlyList<Entity>>(analyzer, store)
{
    /// <inheritdoc/>
    protected override Task<AnalyzerResult<IReadOnlyList<Entity>>> AnalyseAsync(IContentAnalyzer analyzer, AnalysisRequest request, Chunk chunk, CancellationToken cancellationToken) =>
        analyzer.ExtractEntitiesAsync(request, chunk, cancellationToken);
}
