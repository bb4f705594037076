using System.Text.Json;
using AutoIntel.Functions.Durable;
using AutoIntel.Workflows.AutoIntel;
using AutoIntel.Workflows.AutoIntel.Quality;
using AutoIntel.Workflows.AutoIntel.Upkeep;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace AutoIntel.Functions.Activities;

/// <summary>One Durable activity function per /autointel activity; each hands over to the registered activity class.</summary>
/// <remarks>
/// Durable Functions finds activities by [Function] name, so every name in <see cref="AutoIntelRegistration"/> needs a line
/// here. FunctionsMetadataTests (AutoIntel.Functions.Tests) reads the build's functions.metadata and fails when one is missing or extra.
/// </remarks>
public sealed class AutoIntelActivities(ActivityDispatcher activities)
{
    // Delivery (stage 1, progress, 9)
    [Function(ActivityNames.PrepareDelivery)]
    public Task<JsonElement> PrepareDelivery([ActivityTrigger] JsonElement input, FunctionContext function) =>
        activities.RunAsync(ActivityNames.PrepareDelivery, input, function);

    [Function(ActivityNames.ReportProgress)]
    public Task<JsonElement> ReportProgress([ActivityTrigger] JsonElement input, FunctionContext function) =>
        activities.RunAsync(ActivityNames.ReportProgress, input, function);

    [Function(ActivityNames.DeliverBriefing)]
    public Task<JsonElement> DeliverBriefing([ActivityTrigger] JsonElement input, FunctionContext function) =>
        activities.RunAsync(ActivityNames.DeliverBriefing, input, function);

    [Function(ActivityNames.ReportRunFailure)]
    public Task<JsonElement> ReportRunFailure([ActivityTrigger] JsonElement input, FunctionContext function) =>
        activities.RunAsync(ActivityNames.ReportRunFailure, input, function);

    // Acquire, transcribe, segment (stages 2-4)
    [Function(ActivityNames.AcquireContent)]
    public Task<JsonElement> AcquireContent([ActivityTrigger] JsonElement input, FunctionContext function) =>
        activities.RunAsync(ActivityNames.AcquireContent, input, function);

    [Function(ActivityNames.TranscribeContent)]
    public Task<JsonElement> TranscribeContent([ActivityTrigger] JsonElement input, FunctionContext function) =>
        activities.RunAsync(ActivityNames.TranscribeContent, input, function);

    [Function(ActivityNames.SplitAudio)]
    public Task<JsonElement> SplitAudio([ActivityTrigger] JsonElement input, FunctionContext function) =>
        activities.RunAsync(ActivityNames.SplitAudio, input, function);

    [Function(ActivityNames.TranscribeAudioPiece)]
    public Task<JsonElement> TranscribeAudioPiece([ActivityTrigger] JsonElement input, FunctionContext function) =>
        activities.RunAsync(ActivityNames.TranscribeAudioPiece, input, function);

    [Function(ActivityNames.MergeTranscript)]
    public Task<JsonElement> MergeTranscript([ActivityTrigger] JsonElement input, FunctionContext function) =>
        activities.RunAsync(ActivityNames.MergeTranscript, input, function);

    [Function(ActivityNames.SegmentTranscript)]
    public Task<JsonElement> SegmentTranscript([ActivityTrigger] JsonElement input, FunctionContext function) =>
        activities.RunAsync(ActivityNames.SegmentTranscript, input, function);

    // Analyse (stage 5). Legacy names of built-in analyses now declared in the catalog: instances started before a declaration's DeclaredSince
    // (tone and perspective 3, arguments and fallacies 4, entities 6, summary 8) still schedule them, and the registry serves them through
    // AnalyseChunk (ReduceSummary through ReduceChunks).
    [Function(ActivityNames.SummarizeChunk)]
    public Task<JsonElement> SummarizeChunk([ActivityTrigger] JsonElement input, FunctionContext function) =>
        activities.RunAsync(ActivityNames.SummarizeChunk, input, function);

    [Function(ActivityNames.ReduceSummary)]
    public Task<JsonElement> ReduceSummary([ActivityTrigger] JsonElement input, FunctionContext function) =>
        activities.RunAsync(ActivityNames.ReduceSummary, input, function);

    [Function(ActivityNames.FindArguments)]
    public Task<JsonElement> FindArguments([ActivityTrigger] JsonElement input, FunctionContext function) =>
        activities.RunAsync(ActivityNames.FindArguments, input, function);

    [Function(ActivityNames.FindFallacies)]
    public Task<JsonElement> FindFallacies([ActivityTrigger] JsonElement input, FunctionContext function) =>
        activities.RunAsync(ActivityNames.FindFallacies, input, function);

    [Function(ActivityNames.AssessTone)]
    public Task<JsonElement> AssessTone([ActivityTrigger] JsonElement input, FunctionContext function) =>
        activities.RunAsync(ActivityNames.AssessTone, input, function);

    [Function(ActivityNames.AssessPerspective)]
    public Task<JsonElement> AssessPerspective([ActivityTrigger] JsonElement input, FunctionContext function) =>
        activities.RunAsync(ActivityNames.AssessPerspective, input, function);

    [Function(ActivityNames.ExtractEntities)]
    public Task<JsonElement> ExtractEntities([ActivityTrigger] JsonElement input, FunctionContext function) =>
        activities.RunAsync(ActivityNames.ExtractEntities, input, function);

    // Every declared analysis (AnalysisCatalog) shares this one activity.
    [Function(ActivityNames.AnalyseChunk)]
    public Task<JsonElement> AnalyseChunk([ActivityTrigger] JsonElement input, FunctionContext function) =>
        activities.RunAsync(ActivityNames.AnalyseChunk, input, function);

    // ... and the reduce step of every declared map-reduce analysis (the summary) this one.
    [Function(ActivityNames.ReduceChunks)]
    public Task<JsonElement> ReduceChunks([ActivityTrigger] JsonElement input, FunctionContext function) =>
        activities.RunAsync(ActivityNames.ReduceChunks, input, function);

    // From workflow version 9 (sections by reference): each chunk's result stored, each section presented and stored.
    [Function(ActivityNames.AnalyseChunkToStore)]
    public Task<JsonElement> AnalyseChunkToStore([ActivityTrigger] JsonElement input, FunctionContext function) =>
        activities.RunAsync(ActivityNames.AnalyseChunkToStore, input, function);

    [Function(ActivityNames.PresentSection)]
    public Task<JsonElement> PresentSection([ActivityTrigger] JsonElement input, FunctionContext function) =>
        activities.RunAsync(ActivityNames.PresentSection, input, function);

    // Fact-check (stage 6)
    [Function(ActivityNames.ExtractClaims)]
    public Task<JsonElement> ExtractClaims([ActivityTrigger] JsonElement input, FunctionContext function) =>
        activities.RunAsync(ActivityNames.ExtractClaims, input, function);

    [Function(ActivityNames.ExtractChunkClaims)]
    public Task<JsonElement> ExtractChunkClaims([ActivityTrigger] JsonElement input, FunctionContext function) =>
        activities.RunAsync(ActivityNames.ExtractChunkClaims, input, function);

    [Function(ActivityNames.SelectClaims)]
    public Task<JsonElement> SelectClaims([ActivityTrigger] JsonElement input, FunctionContext function) =>
        activities.RunAsync(ActivityNames.SelectClaims, input, function);

    [Function(ActivityNames.VerifyClaim)]
    public Task<JsonElement> VerifyClaim([ActivityTrigger] JsonElement input, FunctionContext function) =>
        activities.RunAsync(ActivityNames.VerifyClaim, input, function);

    // Remember (stage 7)
    [Function(ActivityNames.RememberRun)]
    public Task<JsonElement> RememberRun([ActivityTrigger] JsonElement input, FunctionContext function) =>
        activities.RunAsync(ActivityNames.RememberRun, input, function);

    [Function(ActivityNames.UpdateKnowledgeGraph)]
    public Task<JsonElement> UpdateKnowledgeGraph([ActivityTrigger] JsonElement input, FunctionContext function) =>
        activities.RunAsync(ActivityNames.UpdateKnowledgeGraph, input, function);

    [Function(ActivityNames.CheckNearDuplicate)]
    public Task<JsonElement> CheckNearDuplicate([ActivityTrigger] JsonElement input, FunctionContext function) =>
        activities.RunAsync(ActivityNames.CheckNearDuplicate, input, function);

    // Watches
    [Function(ActivityNames.PollWatch)]
    public Task<JsonElement> PollWatch([ActivityTrigger] JsonElement input, FunctionContext function) =>
        activities.RunAsync(ActivityNames.PollWatch, input, function);

    [Function(ActivityNames.NotifyWatch)]
    public Task<JsonElement> NotifyWatch([ActivityTrigger] JsonElement input, FunctionContext function) =>
        activities.RunAsync(ActivityNames.NotifyWatch, input, function);

    // Weekly report: it lists the task hub's runs, through the Durable client this invocation binds.
    [Function(QualityNames.PostWeeklyReport)]
    public Task<JsonElement> PostWeeklyReport([ActivityTrigger] JsonElement input, [DurableClient] DurableTaskClient durable, FunctionContext function)
    {
        function.InstanceServices.GetRequiredService<DurableClientScope>().Client = durable;
        return activities.RunAsync(QualityNames.PostWeeklyReport, input, function);
    }

    // Memory upkeep's one activity (retention and compaction over every guild).
    [Function(UpkeepNames.RunMemoryUpkeep)]
    public Task<JsonElement> RunMemoryUpkeep([ActivityTrigger] JsonElement input, FunctionContext function) =>
        activities.RunAsync(UpkeepNames.RunMemoryUpkeep, input, function);

    // Brief (stage 8)
    [Function(ActivityNames.ComposeBriefing)]
    public Task<JsonElement> ComposeBriefing([ActivityTrigger] JsonElement input, FunctionContext function) =>
        activities.RunAsync(ActivityNames.ComposeBriefing, input, function);
}
