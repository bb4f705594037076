using AutoIntel.Core.FactCheck;
using AutoIntel.Core.Runs;
using AutoIntel.Intelligence.Analyzers;
using AutoIntel.Intelligence.EvidenceGathering;
using AutoIntel.Memory;
using AutoIntel.Workflows.Abstractions;

namespace AutoIntel.Workflows.AutoIntel.FactCheck;

/// <summary>Verifies one claim: memory first (a verdict the community already has costs nothing), then the analyzer with the evidence
/// that memory and the configured evidence sources hold, each item numbered so the verdict can cite it.</summary>
public sealed class VerifyClaim(IContentAnalyzer analyzer, IContentMemory memory, EvidenceGatherer evidence) : IActivity<VerifyClaimInput, AnalyzerResult<ClaimVerdict>>
{
    /// <inheritdoc/>
    public async Task<AnalyzerResult<ClaimVerdict>> RunAsync(ActivityContext context, VerifyClaimInput input)
    {
        var origin = input.Source is null ? null : new ClaimOrigin(input.Request.RunId, input.Source, input.ContentHash);
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

        var found = await evidence.GatherAsync(input.Request, input.Claim, input.Language, context.CancellationToken);
        var items = EvidenceIds.Number([.. found.Items, .. recall.Evidence]);
        var notes = found.Problems.Count > 0 ? found.Problems.Select(p => $"evidence: {p}").ToList() : null;
        if (items.Count == 0 && found.OverBudget)
        {
            // Nothing to judge by because the budget ran out: say so on the claim rather than as a generic "no evidence".
            var skipped = new ClaimVerdict(input.Claim, Verdict.Unverified, 0, $"Unverified: {evidence.Budget.ExhaustedReason}.", [], BudgetMethod);
            return new AnalyzerResult<ClaimVerdict>(skipped, Usage.None, notes, Degraded: "evidence budget spent; later claims are unverified");
        }

        var result = await analyzer.VerifyClaimAsync(input.Request, input.Claim, items, context.CancellationToken);
        return notes is null ? result : result with { Notes = [.. result.Notes ?? [], .. notes] };
    }

    /// <summary>The <see cref="ClaimVerdict.Method"/> of a verdict reused from memory.</summary>
    public const string MemoryMethod = "memory";

    /// <summary>The <see cref="ClaimVerdict.Method"/> of a claim left unverified because the run's evidence budget was spent.</summary>
    public const string BudgetMethod = "evidence budget";
}

/// <summary>Input of <see cref="VerifyClaim"/>.</summary>
/// <param name="Language">The content's language when known (declared, heard or detected), for the evidence sources; <c>Evidence:Language</c>
/// overrides it, and null (unknown) means English.</param>
/// <param name="Source">The run's source, whose own passages memory does not cite as evidence (null in older histories).</param>
/// <param name="ContentHash">The run's transcript hash: passages stored with the same hash (this content under another name) are not evidence
/// either (null in older histories).</param>
public sealed record VerifyClaimInput(AnalysisRequest Request, Claim Claim, string? Language = null, string? Source = null, string? ContentHash = null);
