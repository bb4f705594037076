using AutoIntel.Core;
using AutoIntel.Core.Briefings;
using AutoIntel.Core.FactCheck;
using AutoIntel.Core.Runs;
using AutoIntel.Intelligence.Analyses;
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
    /// <remarks>From <see cref="WorkflowVersions.ClaimsByReference"/>, extracted claims stay in artifacts and the claims found
    /// but not verified go to the run's not-checked artifact (<see cref="FactCheckOutcome.NotChecked"/>); older instances carry them
    /// inline, as their histories recorded.</remarks>
    public static async Task<FactCheckOutcome> RunAsync(
        IWorkflowContext context, AnalysisRequest request, string source, IReadOnlyList<ChunkRef> chunks, DepthProfile profile, string? language = null, string? contentHash = null)
    {
        var extraction = AnalysisCatalog.ParseVersion(context.Version) >= WorkflowVersions.ClaimsByReference
            ? await ExtractByReferenceAsync(context, request, chunks, profile)
            : await ExtractInlineAsync(context, request, chunks, profile);
        var selected = extraction.Selected;

        var verified = await context.FanOutAsync(selected, profile.VerifyParallelism, claim => VerifyAsync(context, request, source, contentHash, claim, language));

        var usage = Usage.Sum(extraction.Calls.Select(c => c.Usage)) + Usage.Sum(verified.Select(r => r.Usage));
        var notes = StageNotes.Collect(extraction.Calls.Select(c => c.Notes).Concat(verified.Select(r => r.Notes)));
        var verificationFailed = verified.Length > 0 && verified.All(r => r.Value.Method == FailedMethod);
        var degradations = new[]
        {
            extraction.Degradation,
            SectionRun.JoinReasons(verified.Select(r => r.Degraded)) is { } why ? new SectionDegradation(VerificationSection, why, verificationFailed) : null,
        };
        return new FactCheckOutcome(
            [.. verified.Select(r => r.Value), .. extraction.NotChecked],
            extraction.Found,
            usage,
            notes,
            [.. degradations.OfType<SectionDegradation>()],
            SectionsRun: selected.Count > 0 ? 2 : 1,
            SectionsFailed: (extraction.Failed ? 1 : 0) + (verificationFailed ? 1 : 0),
            Models: ModelUse.Merge(extraction.Calls.Select(c => c.Model).Concat(verified.Select(r => r.Model))),
            NotChecked: extraction.NotCheckedArtifact);
    }

    // Each chunk's claims come back inline and are chosen here; the claims not chosen are listed, in source order, as not checked.
    private static async Task<Extraction> ExtractInlineAsync(IWorkflowContext context, AnalysisRequest request, IReadOnlyList<ChunkRef> chunks, DepthProfile profile)
    {
        var extraction = await SectionRun.GuardAsync(ClaimsSection, context.FanOutAsync(chunks, profile.AnalysisParallelism, c =>
            context.CallActivityAsync<AnalyzerResult<IReadOnlyList<Claim>>>(ActivityNames.ExtractClaims, new ChunkInput(request, c), Retries.Analyse)));
        var (distinct, selected) = ClaimBudget.Select(extraction.Results.SelectMany(r => r.Value), profile.MaxClaims);
        var notChecked = ClaimBudget.NotChecked(distinct, selected, profile.Depth.ToString().ToLowerInvariant(), profile.MaxClaims).ToList();
        return new Extraction(Calls(extraction), extraction.Degradation(), extraction.Failed, selected, distinct.Count, notChecked, null);
    }

    // Each chunk's claims stay in its artifact; one activity reads them all, chooses, and lists the others in the not-checked artifact.
    private static async Task<Extraction> ExtractByReferenceAsync(IWorkflowContext context, AnalysisRequest request, IReadOnlyList<ChunkRef> chunks, DepthProfile profile)
    {
        var extraction = await SectionRun.GuardAsync(ClaimsSection, context.FanOutAsync(chunks, profile.AnalysisParallelism, c =>
            context.CallActivityAsync<AnalyzerResult<ChunkClaims>>(ActivityNames.ExtractChunkClaims, new ChunkInput(request, c), Retries.Analyse)));
        var selection = await context.CallActivityAsync<ClaimSelection>(
            ActivityNames.SelectClaims, new SelectClaimsInput(request.RunId, [.. extraction.Results.Select(r => r.Value)], profile.Depth, profile.MaxClaims), Retries.Local);
        return new Extraction(Calls(extraction), extraction.Degradation(), extraction.Failed, selection.Selected, selection.Distinct, [], selection.NotChecked);
    }

    private static List<(Usage Usage, IReadOnlyList<string>? Notes, ModelUse? Model)> Calls<T>(SectionRun<T> extraction) =>
        [.. extraction.Results.Select(r => (r.Usage, r.Notes, r.Model))];

    // What extraction left for verification, either way.
    private sealed record Extraction(
        IReadOnlyList<(Usage Usage, IReadOnlyList<string>? Notes, ModelUse? Model)> Calls,
        SectionDegradation? Degradation,
        bool Failed,
        IReadOnlyList<Claim> Selected,
        int Found,
        IReadOnlyList<ClaimVerdict> NotChecked,
        ArtifactRef? NotCheckedArtifact);

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
/// <param name="NotChecked">The claims found but not verified, when they are in the run's not-checked artifact rather than in
/// <paramref name="Verdicts"/> (instances from <see cref="WorkflowVersions.ClaimsByReference"/>); null otherwise.</param>
public sealed record FactCheckOutcome(
    IReadOnlyList<ClaimVerdict> Verdicts,
    int ClaimsFound,
    Usage Usage,
    IReadOnlyList<string> Notes,
    IReadOnlyList<SectionDegradation> Degradations,
    int SectionsRun,
    int SectionsFailed,
    IReadOnlyList<ModelUse>? Models = null,
    ArtifactRef? NotChecked = null);
