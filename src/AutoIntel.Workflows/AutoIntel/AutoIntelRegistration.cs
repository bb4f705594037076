using System.Globalization;
using System.Text.Json;
using AutoIntel.Workflows.Abstractions;
using AutoIntel.Workflows.AutoIntel.Acquire;
using AutoIntel.Workflows.AutoIntel.Analyse;
using AutoIntel.Workflows.AutoIntel.Brief;
using AutoIntel.Workflows.AutoIntel.Delivery;
using AutoIntel.Workflows.AutoIntel.FactCheck;
using AutoIntel.Workflows.AutoIntel.Remember;
using AutoIntel.Workflows.AutoIntel.Segment;
using AutoIntel.Workflows.AutoIntel.Transcribe;
using AutoIntel.Workflows.AutoIntel.Watch;
using AutoIntel.Ingestion.Watches;
using AutoIntel.Core;
using AutoIntel.Core.Analysis;
using AutoIntel.Core.Briefings;
using AutoIntel.Core.Content;
using AutoIntel.Core.FactCheck;
using AutoIntel.Intelligence.Analyses;
using AutoIntel.Intelligence.Analyzers;
using AutoIntel.Memory;
using Microsoft.Extensions.DependencyInjection;

namespace AutoIntel.Workflows.AutoIntel;

/// <summary>Registers the /autointel orchestration, the watch orchestration and all their activities in one place.</summary>
public static class AutoIntelRegistration
{
    /// <summary>Adds the workflow and every activity to <paramref name="registry"/>.</summary>
    /// <remarks>New instances record <see cref="AnalysisCatalog.NewInstanceVersion"/>, so an analysis added later never reaches instances started before it.
    /// Each built-in analysis's legacy activity name stays registered (served by <see cref="AnalyseChunk"/>, a legacy reduce step by
    /// <see cref="ReduceChunks"/>) for instances started before its declaration.</remarks>
    public static WorkflowRegistry AddAutoIntel(this WorkflowRegistry registry)
    {
        foreach (var analysis in AnalysisCatalog.All.Where(a => a.IsBuiltIn))
        {
            var name = analysis.Name;
            registry.AddActivity<ChunkInput, AnalyzerResult<JsonElement>>(analysis.LegacyActivity!, (services, context, input) =>
                ActivatorUtilities.GetServiceOrCreateInstance<AnalyseChunk>(services).RunAsync(context, new AnalyseChunkInput(name, input.Request, input.Chunk)));
            if (analysis.LegacyReduceActivity is { } reduce)
            {
                registry.AddActivity<LegacyReduceInput, AnalyzerResult<JsonElement>>(reduce, (services, context, input) =>
                    ActivatorUtilities.GetServiceOrCreateInstance<ReduceChunks>(services).RunAsync(context, new ReduceChunksInput(name, input.Request, input.Parts)));
            }
        }

        return registry
            .AddWorkflow<AutoIntelWorkflow, AnalyzeRequest, RunResult>(AnalysisCatalog.NewInstanceVersion.ToString(CultureInfo.InvariantCulture))
            .AddActivity<PrepareDelivery, PrepareDeliveryInput, DeliveryHandle>()
            .AddActivity<ReportProgress, ReportProgressInput, bool>()
            .AddActivity<AcquireContent, AcquireContentInput, AcquiredContent>()
            .AddActivity<TranscribeContent, TranscribeContentInput, TranscriptInfo>()
            .AddActivity<SplitAudio, SplitAudioInput, IReadOnlyList<AudioPieceRef>>()
            .AddActivity<TranscribeAudioPiece, TranscribeAudioPieceInput, PieceTranscriptRef>()
            .AddActivity<MergeTranscript, MergeTranscriptInput, TranscriptInfo>()
            .AddActivity<SegmentTranscript, SegmentTranscriptInput, IReadOnlyList<ChunkRef>>()
            .AddActivity<AnalyseChunk, AnalyseChunkInput, AnalyzerResult<JsonElement>>()
            .AddActivity<ReduceChunks, ReduceChunksInput, AnalyzerResult<JsonElement>>()
            .AddActivity<AnalyseChunkToStore, AnalyseChunkInput, AnalyzerResult<ArtifactRef>>()
            .AddActivity<PresentSection, PresentSectionInput, StoredSection>()
            .AddActivity<ExtractClaims, ChunkInput, AnalyzerResult<IReadOnlyList<Claim>>>()
            .AddActivity<ExtractChunkClaims, ChunkInput, AnalyzerResult<ChunkClaims>>()
            .AddActivity<SelectClaims, SelectClaimsInput, ClaimSelection>()
            .AddActivity<VerifyClaim, VerifyClaimInput, AnalyzerResult<ClaimVerdict>>()
            .AddActivity<RememberRun, RememberRunInput, int>()
            .AddActivity<UpdateKnowledgeGraph, UpdateKnowledgeGraphInput, GraphUpdate>()
            .AddActivity<CheckNearDuplicate, CheckNearDuplicateInput, DuplicateCheck>()
            .AddActivity<ComposeBriefing, ComposeBriefingInput, BriefingArtifacts>()
            .AddActivity<DeliverBriefing, DeliverBriefingInput, DeliveryReceipt>()
            .AddActivity<ReportRunFailure, ReportRunFailureInput, bool>()
            .AddWorkflow<WatchWorkflow, WatchInput, WatchOutcome>()
            .AddActivity<PollWatch, PollWatchInput, WatchPoll>()
            .AddActivity<NotifyWatch, NotifyWatchInput, bool>();
    }
}
