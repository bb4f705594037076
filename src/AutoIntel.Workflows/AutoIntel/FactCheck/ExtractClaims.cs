using AutoIntel.Core.FactCheck;
using AutoIntel.Core.Text;
using AutoIntel.Intelligence.Analyzers;
using AutoIntel.Storage;
using AutoIntel.Workflows.AutoIntel.Analyse;

namespace AutoIntel.Workflows.AutoIntel.FactCheck;

/// <summary>Checkable claims in one chunk.</summary>
public sealed class ExtractClaims(IContentAnalyzer analyzer, IArtifactStore store) : ChunkActivity<IReadOnlyList<Claim>>(analyzer, store)
{
    /// <inheritdoc/>
    protected override Task<AnalyzerResult<IReadOnlyList<Claim>>> AnalyseAsync(IContentAnalyzer analyzer, AnalysisRequest request, Chunk chunk, CancellationToken cancellationToken) =>
        analyzer.ExtractClaimsAsync(request, chunk, cancellationToken);
}
