using AutoIntel.Core.FactCheck;
using AutoIntel.Core.Runs;
using AutoIntel.Intelligence.Analyzers;
using AutoIntel.Memory;
using AutoIntel.Workflows.Abstractions;

namespace AutoIntel.Workflows.AutoIntel.FactCheck;

/// <summary>Verifies one claim: memory first (a verdict the community already has costs nothing), then the analyzer.</summary>
public sealed class VerifyClaim(IContentAnalyzer analyzer, IContentMemory memory) : IActivity<VerifyClaimInput, AnalyzerResult<ClaimVerdict>>
{
    /// <inheritdoc/>
    public async Task<AnalyzerResult<ClaimVerdict>> RunAsync(ActivityContext context, VerifyClaimInput input)
    {
        var origin = input.Source is null ? null : new ClaimOrigin(input.Request.RunId, input.Source);
        var recall = await memory.RecallClaimAsync(input.Request.Tenant, input.Claim, origin, context.CancellationToken);
        if (recall.PriorVerdict is { } prior)
        {
            var reused = prior with
            {
                Claim = input.Claim,
                Method = MemoryMethod,
                Rationale = $"Verified in an earlier run ({prior.Method}): {prior.Rationale}",
            };
            return new AnalyzerResult<ClaimVerdict>(reused, Usage.None);
        }

        return await analyzer.VerifyClaimAsync(input.Request, input.Claim, recall.Evidence, context.CancellationToken);
    }

    /// <summary>The <see cref="ClaimVerdict.Method"/> of a verdict reused from memory.</summary>
    public const string MemoryMethod = "memory";
}

/// <summary>Input of <see cref="VerifyClaim"/>.</summary>
/// <param name="Source">The run's source, whose own passages memory does not cite as evidence (null in older histories).</param>
public sealed record VerifyClaimInput(AnalysisRequest Request, Claim Claim, string? Source = null);
