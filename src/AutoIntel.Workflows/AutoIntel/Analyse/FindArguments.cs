using AutoIntel.Core.Analysis;
using AutoIntel.Core.Text;
using AutoIntel.Intelligence.Analyzers;
using AutoIntel.Storage;

namespace AutoIntel.Workflows.AutoIntel.Analyse;

/// <summary>Arguments made in one chunk.</summary>
public sealed class FindArguments(IContentAnalyzer analyzer, IArtifactStore store) : ChunkActivity<IReadOnlyList<Argument>>(analyzer, store)
{
    /// <inheritdoc/>
    protected override Task<AnalyzerResult<IReadOnlyList<Argument>>> AnalyseAsync(IContentAnalyzer analyzer, AnalysisRequest request, Chunk chunk, CancellationToken cancellationToken) =>
        analyzer.FindArgumentsAsync(request, chunk, cancellationToken);
}
