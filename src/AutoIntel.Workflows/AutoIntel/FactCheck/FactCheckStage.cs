using AutoIntel.Core.Briefings;
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
    /// <param name="language">The content's language when known (declared, heard or detected), for the evidence sources.</param>
    /// <param name="contentHash">The transcript's hash, so memory does not cite an earlier run of the same content found under another name.</param>
    public static async Task<FactCheckOutcome> RunAsync(
        IWorkflowContext context, AnalysisRequest request, string source, IReadOnlyList<ChunkRef> chunks, DepthProfile profile, string? language = null, string? contentHash = null)
    {
        var extraction = await SectionRun.GuardAsync(ClaimsSection, context.FanOutAsync(chunks, profile.AnalysisParallelism, c =>
            context.CallActivityAsync<AnalyzerResult<IReadOnlyList<Claim>>>(ActivityNames.ExtractClaims, new ChunkInput(request, c), Retries.Analyse)));
        var extracted = extraction.Results;

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

        var verified = await context.FanOutAsync(selected, profile.VerifyParallelism, claim => VerifyAsync(context, request, source, contentHash, claim, language));

        // Depth caps how many claims are verified, not how many are found: the rest are listed, in source order, as not checked.
        var chosen = selected.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        var depth = profile.Depth.ToString().ToLowerInvariant();
        var notChecked = distinct.Where(c => !chosen.Contains(c.Id)).OrderBy(c => c.ChunkIndex)
            .Select(c => ClaimVerdict.NotChecked(c, depth, profile.MaxClaims));

        var usage = Usage.Sum(extracted.Select(r => r.Usage)) + Usage.Sum(verified.Select(r => r.Usage));
        var notes = StageNotes.Collect(extracted.Select(r => r.Notes).Concat(verified.Select(r => r.Notes)));
        var verificationFailed = verified.Length > 0 && verified.All(r => r.Value.Method == FailedMethod);
        var degradations = new[]
        {
            extraction.Degradation(),
            SectionRun.JoinReasons(verified.Select(r => r.Degraded)) is { } why ? new SectionDegradation(VerificationSection, why, verificationFailed) : null,
        };
        return new FactCheckOutcome(
            [.. verified.Select(r => r.Value), .. notChecked],
            distinct.Count,
            usage,
            notes,
            [.. degradations.OfType<SectionDegradation>()],
            SectionsRun: selected.Count > 0 ? 2 : 1,
            SectionsFailed: (extraction.Failed ? 1 : 0) + (verificationFailed ? 1 : 0),
            Models: ModelUse.Merge(extracted.Select(r => r.Model).Concat(verified.Select(r => r.Model))));
    }

    /// <summary>The briefing section of claim extraction.</summary>
    public const string ClaimsSection = "claims";

    /// <summary>The briefing section of claim verification.</summary>
    public const string VerificationSection = "verification";

    /// <summary>The <see cref="ClaimVerdict.Method"/> of a claim whose verification failed after its retries.</summary>
    public const string FailedMethod = "failed";

    // A claim whose check still fails after the durable retries stays in the briefing as unverified, with the reason, instead of failing the run.
    private static async Task<AnalyzerResult<ClaimVerdict>> VerifyAsync(
        IWorkflowContext context, AnalysisRequest request, string source, string? contentHash, Claim claim, string? language)
    {
        try
        {
            var input = new VerifyClaimInput(request, claim, language, source, contentHash);
            return await context.CallActivityAsync<AnalyzerResult<ClaimVerdict>>(ActivityNames.VerifyClaim, input, Retries.Analyse);
        }
        catch (ActivityFailedException e)
        {
            var verdict = new ClaimVerdict(claim, Verdict.Unverified, 0, $"Verification failed: {e.Message}", [], FailedMethod);
            return new AnalyzerResult<ClaimVerdict>(verdict, Usage.None, Degraded: "verification failed for some claims; they are listed as unverified");
        }
    }
}

/// <summary>What stage 6 found.</summary>
/// <param name="ClaimsFound">Distinct claims extracted before the depth's claim budget was applied.</param>
/// <param name="Notes">Distinct notes of every extraction and verification, in chunk then claim order, for the briefing.</param>
/// <param name="Degradations">Claims and verification sections shown from offline heuristics or failed.</param>
/// <param name="SectionsRun">Sections run: extraction, and verification when there was a claim to check.</param>
/// <param name="SectionsFailed">Sections whose activities all failed after their retries.</param>
/// <param name="Models">Which model extracted and verified claims, merged.</param>
public sealed record FactCheckOutcome(
    IReadOnlyList<ClaimVerdict> Verdicts,
    int ClaimsFound,
    Usage Usage,
    IReadOnlyList<string> Notes,
    IReadOnlyList<SectionDegradation> Degradations,
    int SectionsRun,
    int SectionsFailed,
    IReadOnlyList<ModelUse>? Models = null);
