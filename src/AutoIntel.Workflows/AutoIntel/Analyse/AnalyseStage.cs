using System.Text.Json;
using AutoIntel.Core;
using AutoIntel.Core.Analysis;
using AutoIntel.Core.Briefings;
using AutoIntel.Core.Runs;
using AutoIntel.Intelligence.Analyses;
using AutoIntel.Intelligence.Analyzers;
using AutoIntel.Workflows.Abstractions;
using AutoIntel.Workflows.AutoIntel.Segment;

namespace AutoIntel.Workflows.AutoIntel.Analyse;

/// <summary>Stage 5: every analysis the depth asks for, fanned out over the chunks; a map-reduce one (the summary) reduces the chunk results after.</summary>
/// <remarks>Declared analyses (<see cref="AnalysisCatalog"/>) run through <see cref="AnalyseChunk"/>; an instance started before a
/// built-in one's <see cref="ChunkAnalysis.DeclaredSince"/> schedules it under its legacy activity name instead, with the input it had,
/// so its history replays.</remarks>
public static class AnalyseStage
{
    /// <summary>Runs the analyses in parallel and merges them in chunk order.</summary>
    /// <param name="presenting">Where an instance from <see cref="WorkflowVersions.SectionsByReference"/> schedules its <see cref="PresentSection"/>
    /// calls: the run's own context, so the stage's activity count stays the analyses' calls, as before that version presented in the
    /// orchestration; <paramref name="context"/> when null.</param>
    public static async Task<AnalysisOutcome> RunAsync(
        IWorkflowContext context, AnalysisRequest request, IReadOnlyList<ChunkRef> chunks, DepthProfile profile, IWorkflowContext? presenting = null)
    {
        var width = profile.AnalysisParallelism;
        // Declared analyses in scheduling order (built-ins first, the summary first of all, as before the catalog); an instance runs only those
        // its recorded version knows, each built-in under the activities that version scheduled it with. Every one starts before any is
        // awaited: they are independent of each other, and one that fails costs only its own section.
        var version = AnalysisCatalog.ParseVersion(context.Version);
        var declared = AnalysisCatalog.Scheduled(profile.Depth, version);
        var byReference = version >= WorkflowVersions.SectionsByReference;
        var reduceModels = new List<ModelUse?>();
        Task<AnalyzerResult<JsonElement>[]> Map(ChunkAnalysis a) => context.FanOutAsync(chunks, width, c =>
            a.LegacyActivityAt(version) is { } legacy
                ? context.CallActivityAsync<AnalyzerResult<JsonElement>>(legacy, new ChunkInput(request, c), Retries.Analyse)
                : byReference
                    ? StoreAsync(context, new AnalyseChunkInput(a.Name, request, c))
                    : context.CallActivityAsync<AnalyzerResult<JsonElement>>(ActivityNames.AnalyseChunk, new AnalyseChunkInput(a.Name, request, c), Retries.Analyse));
        Task<SectionRun<JsonElement>> Declared(ChunkAnalysis a) =>
            SectionRun.GuardAsync(a.Name, a.Reduces ? MapReduceAsync(context, request, a, version, Map(a), reduceModels) : Map(a));
        var running = declared.Select(Declared).ToList();
        var runs = await Task.WhenAll(running);

        // Every call in a fixed order (each analysis in scheduling order, in chunk order; a map-reduce one as one call) so replays and reruns
        // list notes identically.
        var calls = runs.SelectMany(r => r.Results.Select(Of)).ToList();
        var usage = Usage.Sum(calls.Select(c => c.Usage));
        var notes = StageNotes.Collect(calls.Select(c => c.Notes));
        var sections = runs.Select(Status).ToList();
        var shown = Shown(declared, runs);
        // Started together, awaited in catalog order; one that fails costs only its own section, as a failed analysis does.
        var presented = byReference ? await Task.WhenAll(shown.Select(x => PresentAsync(presenting ?? context, request.RunId, x.Analysis, x.Run))) : [];
        var presentFailures = presented.Select(p => p.Failure).OfType<SectionDegradation>().ToList();

        return new AnalysisOutcome(
            byReference ? [] : [.. shown.Select(x => x.Analysis.Present(x.Run is { Failed: false } run ? [.. run.Results.Select(r => r.Value)] : []))],
            usage,
            notes,
            [.. sections.Select(s => s.Degradation).OfType<SectionDegradation>(), .. presentFailures],
            sections.Count(s => s.Ran),
            sections.Count(s => s.Failed) + presentFailures.Count,
            ModelUse.Merge(reduceModels.Concat(calls.Select(c => c.Model))),
            byReference ? [.. presented.Select(p => p.Section).Where(s => s.Artifact is not null || s.JsonProperty is not null)] : null);
    }

    // In catalog order, which is the briefing's. A section the public JSON has always had a property for is there even when the depth
    // skipped it or it failed (then empty, as the property was); any other only when it ran and did not fail.
    private static List<(ChunkAnalysis Analysis, SectionRun<JsonElement>? Run)> Shown(IReadOnlyList<ChunkAnalysis> scheduled, SectionRun<JsonElement>[] runs) =>
        [.. AnalysisCatalog.All
            .Select(a => (Analysis: a, Run: scheduled.Zip(runs).FirstOrDefault(p => p.First == a).Second))
            .Where(x => x.Analysis.JsonProperty is not null || x.Run is { Failed: false })];

    // The chunk's result stays in the store, read back by count; what the stage sums (usage, notes, model) comes back, the value left default.
    private static async Task<AnalyzerResult<JsonElement>> StoreAsync(IWorkflowContext context, AnalyseChunkInput input)
    {
        var r = await context.CallActivityAsync<AnalyzerResult<ArtifactRef>>(ActivityNames.AnalyseChunkToStore, input, Retries.Analyse);
        return new AnalyzerResult<JsonElement>(default, r.Usage, r.Notes, r.Degraded, r.Model);
    }

    // A section whose analysis failed or did not run is shown empty (no artifact); one whose presentation fails too, with why.
    private static async Task<(StoredSection Section, SectionDegradation? Failure)> PresentAsync(
        IWorkflowContext context, string runId, ChunkAnalysis analysis, SectionRun<JsonElement>? run)
    {
        var empty = new StoredSection(analysis.Name, analysis.JsonProperty, null);
        if (run is not { Failed: false })
        {
            return (empty, null);
        }

        try
        {
            var input = new PresentSectionInput(analysis.Name, runId, run.Results.Count, analysis.Reduces ? run.Results[0].Value : null);
            return (await context.CallActivityAsync<StoredSection>(ActivityNames.PresentSection, input, Retries.Local), null);
        }
        catch (ActivityFailedException e)
        {
            return (empty, new SectionDegradation(analysis.Name, $"presenting failed ({e.Message})", Failed: true));
        }
    }

    private static (bool Ran, bool Failed, SectionDegradation? Degradation) Status<T>(SectionRun<T> section) =>
        (section.Ran, section.Failed, section.Degradation());

    // The map fan-out, then one reduce call over every chunk's result; the section is that one result, with the usage, notes and degradation
    // of every call. The models of the map and reduce steps go to models: the merged result can name only one.
    private static async Task<AnalyzerResult<JsonElement>[]> MapReduceAsync(
        IWorkflowContext context, AnalysisRequest request, ChunkAnalysis analysis, int version, Task<AnalyzerResult<JsonElement>[]> mapping, List<ModelUse?> models)
    {
        var parts = await mapping;
        List<JsonElement> values = [.. parts.Select(p => p.Value)];
        var reduced = analysis.LegacyReduceActivityAt(version) is { } legacy
            ? await context.CallActivityAsync<AnalyzerResult<JsonElement>>(legacy, new LegacyReduceInput(request, values), Retries.Analyse)
            : await context.CallActivityAsync<AnalyzerResult<JsonElement>>(ActivityNames.ReduceChunks, version >= WorkflowVersions.SectionsByReference
                ? new ReduceChunksInput(analysis.Name, request, [], parts.Length)
                : new ReduceChunksInput(analysis.Name, request, values), Retries.Analyse);
        models.AddRange(parts.Select(p => p.Model).Append(reduced.Model));
        return
        [
            reduced with
            {
                Usage = Usage.Sum(parts.Select(p => p.Usage)) + reduced.Usage,
                Notes = StageNotes.Collect(parts.Select(p => p.Notes).Append(reduced.Notes)),
                // A result whose chunk results came offline is offline too, even if the reduce step was served.
                Degraded = SectionRun.JoinReasons(parts.Select(p => p.Degraded).Append(reduced.Degraded)),
                Model = null,
            },
        ];
    }

    private static (Usage Usage, IReadOnlyList<string>? Notes, ModelUse? Model) Of<T>(AnalyzerResult<T> result) => (result.Usage, result.Notes, result.Model);
}

/// <summary>What stage 5 found, merged across chunks.</summary>
/// <param name="Sections">Sections of the declared analyses, in catalog order (the summary first): each built-in one, and each added one that
/// ran and did not fail.</param>
/// <param name="Notes">Distinct notes of every analyzer call, in stage order, for the briefing.</param>
/// <param name="Degradations">Sections shown from offline heuristics or failed, in stage order.</param>
/// <param name="SectionsRun">Sections the depth ran.</param>
/// <param name="SectionsFailed">Sections whose activities failed after their retries (nothing shown).</param>
/// <param name="Models">Which model answered each task, merged over chunks.</param>
/// <param name="Stored">From <see cref="WorkflowVersions.SectionsByReference"/>: the sections, in catalog order, as stored by
/// <see cref="PresentSection"/> (<paramref name="Sections"/> is then empty); null for older instances.</param>
public sealed record AnalysisOutcome(
    IReadOnlyList<BriefingSection> Sections,
    Usage Usage,
    IReadOnlyList<string> Notes,
    IReadOnlyList<SectionDegradation> Degradations,
    int SectionsRun,
    int SectionsFailed,
    IReadOnlyList<ModelUse>? Models = null,
    IReadOnlyList<StoredSection>? Stored = null);
