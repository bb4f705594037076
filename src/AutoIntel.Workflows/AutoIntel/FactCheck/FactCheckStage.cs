using AutoIntel.Core.FactCheck;
using AutoIntel.Core.Runs;
using AutoIntel.Intelligence.Analyzers;
using AutoIntel.Workflows.Abstractions;
using AutoIntel.Workflows.AutoIntel.Analyse;
using AutoIntel.Workflows.AutoIntel.Segment;

namespace AutoIntel.Workflows.AutoIntel.FactCheck;

/// <summary>Stage 6: extract claims from every chunk, keep the most check-worthy, verify each in its own activity.</summary>
public static class FactCheckStage
{
    /// <summary>Runs extraction (fan-out over chunks) then verification (bounded fan-out over claims).</summary>
    public static async Task<FactCheckOutcome> RunAsync(IWorkflowContext context, AnalysisRequest request, IReadOnlyList<ChunkRef> chunks, DepthProfile profile)
    {
        var extracted = await context.FanOutAsync(chunks, profile.AnalysisParallelism, c =>
            context.CallActivityAsync<AnalyzerResult<IReadOnlyList<Claim>>>(ActivityNames.ExtractClaims, new ChunkInput(request, c), Retries.Analyse));

        var distinct = extracted
            .SelectMany(r => r.Value)
            .GroupBy(c => c.Id, StringComparer.Ordinal)
            .Select(g => g.OrderByDescending(c => c.CheckWorthiness).ThenBy(c => c.ChunkIndex).First())
            .ToList();
        var selected = distinct
            .OrderByDescending(c => c.CheckWorthiness)
            .ThenBy(c => c.ChunkIndex)
            .ThenBy(c => c.Id, StringComparer.Ordinal)
            .Take(profile.MaxClaims)
            .ToList();

        var verified = await context.FanOutAsync(selected, profile.VerifyParallelism, claim =>
            context.CallActivityAsync<AnalyzerResult<ClaimVerdict>>(ActivityNames.VerifyClaim, new VerifyClaimInput(request, claim), Retries.Analyse));

        var usage = Usage.Sum(extracted.Select(r => r.Usage)) + Usage.Sum(verified.Select(r => r.Usage));
        var notes = StageNotes.Collect(extracted.Select(r => r.Notes).Concat(verified.Select(r => r.Notes)));
        return new FactCheckOutcome([.. verified.Select(r => r.Value)], distinct.Count, usage, notes);
    }
}

/// <summary>What stage 6 found.</summary>
/// <param name="ClaimsFound">Distinct claims extracted before the depth's claim budget was applied.</param>
/// <param name="Notes">Distinct notes of every extraction and verification, in chunk then claim order, for the briefing.</param>
public sealed record FactCheckOutcome(IReadOnlyList<ClaimVerdict> Verdicts, int ClaimsFound, Usage Usage, IReadOnlyList<string> Notes);
