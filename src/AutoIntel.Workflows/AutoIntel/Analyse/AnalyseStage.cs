using System.Text.Json;
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
    public static async Task<AnalysisOutcome> RunAsync(IWorkflowContext context, AnalysisRequest request, IReadOnlyList<ChunkRef> chunks, DepthProfile profile)
    {
        var width = profile.AnalysisParallelism;
        // Declared analyses in scheduling order (built-ins first, the summary first of all, as before the catalog); an instance runs only those
        // its recorded version knows, each built-in under the activities that version scheduled it with. Every one starts before any is
        // awaited: they are independent of each other, and one that fails costs only its own section.
        var version = AnalysisCatalog.ParseVersion(context.Version);
        var declared = AnalysisCatalog.Scheduled(profile.Depth, version);
        var reduceModels = new List<ModelUse?>();
        Task<AnalyzerResult<JsonElement>[]> Map(ChunkAnalysis a) => context.FanOutAsync(chunks, width, c =>
            a.LegacyActivityAt(version) is { } legacy
                ? context.CallActivityAsync<AnalyzerResult<JsonElement>>(legacy, new ChunkInput(request, c), Retries.Analyse)
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

        return new AnalysisOutcome(
            Sections(declared, runs),
            usage,
            notes,
            [.. sections.Select(s => s.Degradation).OfType<SectionDegradation>()],
            sections.Count(s => s.Ran),
            sections.Count(s => s.Failed),
            ModelUse.Merge(reduceModels.Concat(calls.Select(c => c.Model))));
    }

    // In catalog order, which is the briefing's. A section the public JSON has always had a property for is there even when the depth
    // skipped it or it failed (then empty, as the property was); any other only when it ran and did not fail.
    private static List<BriefingSection> Sections(IReadOnlyList<ChunkAnalysis> scheduled, SectionRun<JsonElement>[] runs) =>
        [.. AnalysisCatalog.All
            .Select(a => (Analysis: a, Run: scheduled.Zip(runs).FirstOrDefault(p => p.First == a).Second))
            .Where(x => x.Analysis.JsonProperty is not null || x.Run is { Failed: false })
            .Select(x => x.Analysis.Present(x.Run is { Failed: false } run ? [.. run.Results.Select(r => r.Value)] : []))];

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
            : await context.CallActivityAsync<AnalyzerResult<JsonElement>>(ActivityNames.ReduceChunks, new ReduceChunksInput(analysis.Name, request, values), Retries.Analyse);
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
public sealed record AnalysisOutcome(
    IReadOnlyList<BriefingSection> Sections,
    Usage Usage,
    IReadOnlyList<string> Notes,
    IReadOnlyList<SectionDegradation> Degradations,
    int SectionsRun,
    int SectionsFailed,
    IReadOnlyList<ModelUse>? Models = null);
