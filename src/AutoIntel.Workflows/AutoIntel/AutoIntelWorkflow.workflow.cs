using AutoIntel.Core.Briefings;
using AutoIntel.Core.Content;
using AutoIntel.Core.Runs;
using AutoIntel.Intelligence.Analyses;
using AutoIntel.Intelligence.Analyzers;
using AutoIntel.Workflows.Abstractions;
using AutoIntel.Workflows.AutoIntel.Acquire;
using AutoIntel.Workflows.AutoIntel.Analyse;
using AutoIntel.Workflows.AutoIntel.Brief;
using AutoIntel.Workflows.AutoIntel.Delivery;
using AutoIntel.Workflows.AutoIntel.FactCheck;
using AutoIntel.Workflows.AutoIntel.Remember;
using AutoIntel.Workflows.AutoIntel.Segment;
using AutoIntel.Workflows.AutoIntel.Transcribe;

namespace AutoIntel.Workflows.AutoIntel;

/// <summary>One /autointel run: acquire → transcribe → segment → (analyse ∥ fact-check) → remember → brief → deliver.</summary>
/// <remarks>Deterministic orchestration code, replayed by both hosts; all I/O happens in activities.</remarks>
public sealed class AutoIntelWorkflow : IWorkflow<AnalyzeRequest, RunResult>
{
    /// <inheritdoc/>
    public async Task<RunResult> RunAsync(IWorkflowContext context, AnalyzeRequest input)
    {
        var runId = context.InstanceId;
        var profile = DepthProfile.For(input.Depth);
        var request = new AnalysisRequest(runId, input.Tenant, input.Depth);
        var telemetry = new RunTelemetry(context, input);
        var run = new RunTracker(context, StageCount(input, profile), telemetry);
        var startedAt = context.CurrentUtcDateTime;

        try
        {
            if (input.Delivery is { } target)
            {
                run.Delivery = await run.StageAsync("prepare", "telling the channel", ctx =>
                    ctx.CallActivityAsync<DeliveryHandle>(ActivityNames.PrepareDelivery, new PrepareDeliveryInput(runId, target), Retries.Deliver));
            }

            var content = await run.StageAsync("acquire", input.Source, ctx =>
                ctx.CallActivityAsync<AcquiredContent>(ActivityNames.AcquireContent, new AcquireContentInput(runId, input.Source, input.Tenant), Retries.Acquire));
            // Only audio marked at acquisition takes the piecewise path; everything else schedules exactly what it always did.
            var transcript = await run.StageAsync("transcribe", content.Kind.ToString().ToLowerInvariant(), ctx => content.TranscribeInPieces
                ? TranscribeStage.InPiecesAsync(ctx, runId, content)
                : ctx.CallActivityAsync<TranscriptInfo>(ActivityNames.TranscribeContent, new TranscribeContentInput(runId, content), Retries.Acquire));
            var chunks = await run.StageAsync("segment", $"{transcript.Characters:N0} characters", ctx =>
                ctx.CallActivityAsync<IReadOnlyList<ChunkRef>>(ActivityNames.SegmentTranscript, new SegmentTranscriptInput(runId, transcript.Transcript, profile.ChunkTokens), Retries.Local));

            // Analyses and fact-checks need only the chunks, so the two stages run side by side.
            // The evidence sources follow the content's language; histories recorded before transcripts carried one fall back to the caption track's, as they did.
            var language = transcript.Language ?? content.Video?.Language;
            var analysing = run.StageAsync("analyse", $"{chunks.Count} chunks", ctx => AnalyseStage.RunAsync(ctx, request, chunks, profile, presenting: context));
            var checking = run.StageAsync("fact-check", $"up to {profile.MaxClaims} claims", ctx => FactCheckStage.RunAsync(ctx, request, input.Source, chunks, profile, language, transcript.ContentHash));
            var analysis = await analysing;
            var factCheck = await checking;
            // A failed section costs only itself; the run fails here only when no section produced anything.
            BriefingAssembler.ThrowIfEveryAnalysisFailed(analysis, factCheck);

            var memory = profile.Remember
                ? await run.StageAsync("remember", "storing what was learned", ctx =>
                    RememberStage.RunAsync(ctx, input.Tenant, input.Source, transcript, chunks, EntitiesAnalysis.In(analysis.Sections), factCheck.Verdicts, factCheck.NotChecked,
                        analysis.Stored?.FirstOrDefault(s => s.Name == EntitiesAnalysis.SectionName)?.Artifact))
                : MemoryReport.Empty;

            var briefing = BriefingAssembler.Assemble(runId, input, transcript.Title, startedAt, analysis, factCheck, memory, [.. run.Completed], content.Video);
            var stored = await run.StageAsync("brief", "writing the briefing", ctx =>
                ctx.CallActivityAsync<BriefingArtifacts>(ActivityNames.ComposeBriefing, new ComposeBriefingInput(briefing, factCheck.NotChecked, analysis.Stored), Retries.Local));

            if (run.Delivery is { } handle)
            {
                await run.StageAsync("deliver", "posting the briefing", ctx =>
                    ctx.CallActivityAsync<DeliveryReceipt>(ActivityNames.DeliverBriefing, new DeliverBriefingInput(handle, briefing, stored.Markdown, factCheck.NotChecked, analysis.Stored), Retries.Deliver));
            }

            run.Done();
            telemetry.RunEnded(startedAt, briefing, analysis.SectionsRun + factCheck.SectionsRun);
            return new RunResult(runId, stored.Json, stored.Markdown, factCheck.Verdicts.Count(v => v.WasChecked), briefing.Cost, [.. run.Completed]);
        }
        catch (Exception ex) when (ex is not NonDeterminismException)
        {
            if (run.Delivery is not null)
            {
                await TellChannelAsync(context, run.Delivery, FailureDetails.From(ex).Message, telemetry);
            }

            telemetry.RunEnded(startedAt, briefing: null, sectionsRun: 0, ex);
            throw;
        }
    }

    private static int StageCount(AnalyzeRequest input, DepthProfile profile) =>
        6 + (profile.Remember ? 1 : 0) + (input.Delivery is null ? 0 : 2);

    private static async Task TellChannelAsync(IWorkflowContext context, DeliveryHandle handle, string message, RunTelemetry telemetry)
    {
        try
        {
            var failure = TracedActivityInput.Wrap(new ReportRunFailureInput(handle, message), telemetry.Trace.TraceParent);
            await context.CallActivityAsync<bool>(ActivityNames.ReportRunFailure, failure, Retries.Deliver);
        }
        catch (ActivityFailedException)
        {
            // The run has failed already; its status carries the reason even if the channel could not be told.
        }
    }
}
