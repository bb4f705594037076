using System.Text.Json;
using AutoIntel.Core.Analysis;
using AutoIntel.Core.Briefings;
using AutoIntel.Core.Runs;
using AutoIntel.Intelligence.Analyses;
using AutoIntel.Intelligence.Analyzers;
using AutoIntel.Workflows.Abstractions;
using AutoIntel.Workflows.AutoIntel.Segment;

namespace AutoIntel.Workflows.AutoIntel.Analyse;

/// <summary>Stage 5: every analysis the depth asks for, fanned out over the chunks; the summary is map-reduce.</summary>
/// <remarks>Declared analyses (<see cref="AnalysisCatalog"/>) run through <see cref="AnalyseChunk"/>; an instance started before a
/// built-in one's <see cref="ChunkAnalysis.DeclaredSince"/> schedules it under its legacy activity name instead, with the input it had,
/// so its history replays.</remarks>
public static class AnalyseStage
{
    /// <summary>Runs the analyses in parallel and merges them in chunk order.</summary>
    public static async Task<AnalysisOutcome> RunAsync(IWorkflowContext context, AnalysisRequest request, IReadOnlyList<ChunkRef> chunks, DepthProfile profile)
    {
        var width = profile.AnalysisParallelism;
        // Start every analysis before awaiting any: they are independent of each other, and one that fails costs only its own section.
        var summaryModels = new List<ModelUse?>();
        var summary = SectionRun.GuardAsync(Section(AnalysisKind.Summary), SummarizeAsync(context, request, chunks, width, summaryModels));
        // Declared analyses in scheduling order (built-ins first, as before the catalog); an instance runs only those its recorded version knows,
        // each built-in under the activity that version scheduled it with.
        var version = AnalysisCatalog.ParseVersion(context.Version);
        var declared = AnalysisCatalog.Scheduled(profile.Depth, version);
        Task<SectionRun<JsonElement>> Declared(ChunkAnalysis a) => SectionRun.GuardAsync(a.Name, context.FanOutAsync(chunks, width, c =>
            a.LegacyActivityAt(version) is { } legacy
                ? context.CallActivityAsync<AnalyzerResult<JsonElement>>(legacy, new ChunkInput(request, c), Retries.Analyse)
                : context.CallActivityAsync<AnalyzerResult<JsonElement>>(ActivityNames.AnalyseChunk, new AnalyseChunkInput(a.Name, request, c), Retries.Analyse)));
        var declaredRunning = declared.Select(Declared).ToList();
        await summary;
        var declaredRuns = await Task.WhenAll(declaredRunning);

        // Every call in a fixed order (summary, then each analysis in chunk order) so replays and reruns list notes identically.
        var calls = (await summary).Results.Select(Of)
            .Concat(declaredRuns.SelectMany(r => r.Results.Select(Of)))
            .ToList();
        var usage = Usage.Sum(calls.Select(c => c.Usage));
        var notes = StageNotes.Collect(calls.Select(c => c.Notes));
        (bool Ran, bool Failed, SectionDegradation? Degradation)[] sections =
        [
            Status(await summary),
            .. declaredRuns.Select(Status),
        ];

        return new AnalysisOutcome(
            (await summary).Results is [var reduced] ? reduced.Value : new Summary("", []),
            Sections(declared, declaredRuns),
            usage,
            notes,
            [.. sections.Select(s => s.Degradation).OfType<SectionDegradation>()],
            sections.Count(s => s.Ran),
            sections.Count(s => s.Failed),
            ModelUse.Merge(summaryModels.Concat(calls.Select(c => c.Model))));
    }

    /// <summary>The briefing section name of an analysis not yet declared (<c>summary</c>, <c>entities</c>).</summary>
    public static string Section(AnalysisKind kind) => kind.ToString().ToLowerInvariant();

    // In catalog order, which is the briefing's. A section the public JSON has always had a property for is there even when the depth
    // skipped it or it failed (then empty, as the property was); any other only when it ran and did not fail.
    private static List<BriefingSection> Sections(IReadOnlyList<ChunkAnalysis> scheduled, SectionRun<JsonElement>[] runs) =>
        [.. AnalysisCatalog.All
            .Select(a => (Analysis: a, Run: scheduled.Zip(runs).FirstOrDefault(p => p.First == a).Second))
            .Where(x => x.Analysis.JsonProperty is not null || x.Run is { Failed: false })
            .Select(x => x.Analysis.Present(x.Run is { Failed: false } run ? [.. run.Results.Select(r => r.Value)] : []))];

    private static (bool Ran, bool Failed, SectionDegradation? Degradation) Status<T>(SectionRun<T> section) =>
        (section.Ran, section.Failed, section.Degradation());

    // The models of the map and reduce steps go to models: the merged summary result can name only one.
    private static async Task<AnalyzerResult<Summary>[]> SummarizeAsync(IWorkflowContext context, AnalysisRequest request, IReadOnlyList<ChunkRef> chunks, int width, List<ModelUse?> models)
    {
        var parts = await context.FanOutAsync(chunks, width, c =>
            context.CallActivityAsync<AnalyzerResult<ChunkSummary>>(ActivityNames.SummarizeChunk, new ChunkInput(request, c), Retries.Analyse));
        var reduced = await context.CallActivityAsync<AnalyzerResult<Summary>>(
            ActivityNames.ReduceSummary, new ReduceSummaryInput(request, [.. parts.Select(p => p.Value)]), Retries.Analyse);
        models.AddRange(parts.Select(p => p.Model).Append(reduced.Model));
        return
        [
            reduced with
            {
                Usage = Usage.Sum(parts.Select(p => p.Usage)) + reduced.Usage,
                Notes = StageNotes.Collect(parts.Select(p => p.Notes).Append(reduced.Notes)),
                // A summary whose chunk points came offline is offline too, even if the reduce step was served.
                Degraded = SectionRun.JoinReasons(parts.Select(p => p.Degraded).Append(reduced.Degraded)),
                Model = null,
            },
        ];
    }

    private static (Usage Usage, IReadOnlyList<string>? Notes, ModelUse? Model) Of<T>(AnalyzerResult<T> result) => (result.Usage, result.Notes, result.Model);
}

/// <summary>What stage 5 found, merged across chunks.</summary>
/// <param name="Sections">Sections of the declared analyses, in catalog order: each built-in one, and each added one that ran and did not fail.</param>
/// <param name="Notes">Distinct notes of every analyzer call, in stage order, for the briefing.</param>
/// <param name="Degradations">Sections shown from offline heuristics or failed, in stage order.</param>
/// <param name="SectionsRun">Sections the depth ran.</param>
/// <param name="SectionsFailed">Sections whose activities failed after their retries (nothing shown).</param>
/// <param name="Models">Which model answered each task, merged over chunks.</param>
public sealed record AnalysisOutcome(
    Summary Summary,
    IReadOnlyList<BriefingSection> Sections,
    Usage Usage,
    IReadOnlyList<string> Notes,
    IReadOnlyList<SectionDegradation> Degradations,
    int SectionsRun,
    int SectionsFailed,
    IReadOnlyList<ModelUse>? Models = null);
