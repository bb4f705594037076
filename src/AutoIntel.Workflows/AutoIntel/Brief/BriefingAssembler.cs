using AutoIntel.Core.Briefings;
using AutoIntel.Core.Content;
using AutoIntel.Core.FactCheck;
using AutoIntel.Core.Runs;
using AutoIntel.Intelligence.Analyses;
using AutoIntel.Workflows.AutoIntel.Analyse;
using AutoIntel.Workflows.AutoIntel.FactCheck;

namespace AutoIntel.Workflows.AutoIntel.Brief;

/// <summary>Integrates the stage outcomes into one briefing, with plain-language notes on what the run could not do.</summary>
public static class BriefingAssembler
{
    /// <summary>Builds the briefing (pure: safe inside the orchestration).</summary>
    public static Briefing Assemble(
        string runId,
        AnalyzeRequest request,
        string title,
        DateTime createdAtUtc,
        AnalysisOutcome analysis,
        FactCheckOutcome factCheck,
        MemoryReport memory,
        IReadOnlyList<StageTiming> stages,
        VideoInfo? video = null)
    {
        var profile = DepthProfile.For(request.Depth);
        return new Briefing(
            runId,
            title,
            request.Source,
            request.Depth,
            createdAtUtc,
            factCheck.Verdicts,
            memory,
            analysis.Usage + factCheck.Usage,
            stages,
            Notes(profile, analysis, factCheck, memory),
            video,
            [.. analysis.Degradations, .. factCheck.Degradations],
            analysis.Sections,
            ModelUse.Merge([.. analysis.Models ?? [], .. factCheck.Models ?? []]));
    }

    /// <summary>Fails the run when every section it ran failed outright: there is nothing to brief. One that still stands,
    /// even from offline heuristics, is worth posting.</summary>
    /// <exception cref="AnalysesFailedException">Every analysis failed; the message names each with its reason.</exception>
    public static void ThrowIfEveryAnalysisFailed(AnalysisOutcome analysis, FactCheckOutcome factCheck)
    {
        if (analysis.SectionsFailed + factCheck.SectionsFailed < analysis.SectionsRun + factCheck.SectionsRun)
        {
            return;
        }

        var reasons = analysis.Degradations.Concat(factCheck.Degradations).Select(d => $"{d.Section}: {d.Reason}");
        throw new AnalysesFailedException($"Every analysis failed ({string.Join("; ", reasons)}).");
    }

    private static List<string> Notes(DepthProfile profile, AnalysisOutcome analysis, FactCheckOutcome factCheck, MemoryReport memory)
    {
        var notes = new List<string>();
        var offline = factCheck.Verdicts.Count(v => v.Method == "offline" && v.Verdict == Verdict.Unverified);
        if (offline > 0)
        {
            // With an LLM configured, offline verdicts mean the gateway declined (budget, outage); its own note says why.
            var llmDeclined = factCheck.Notes.Any(n => n.StartsWith("claim_verification: answered by", StringComparison.Ordinal));
            notes.Add(llmDeclined
                ? $"{offline} claim(s) are unverified offline: the LLM could not be used for them (see the note on claim_verification)."
                : $"{offline} claim(s) are unverified offline: no LLM endpoint is configured and memory held no verdict for them. Set Llm__Endpoint to check claims against evidence.");
        }

        if (memory.PriorVerdictsReused > 0)
        {
            notes.Add($"{memory.PriorVerdictsReused} verdict(s) came from the community's memory of earlier runs.");
        }

        var checkedCount = factCheck.Verdicts.Count(v => v.WasChecked);
        if (factCheck.ClaimsFound > checkedCount)
        {
            notes.Add($"Checked the {checkedCount} most check-worthy of {factCheck.ClaimsFound} claims (depth {profile.Depth.ToString().ToLowerInvariant()}); the other {factCheck.ClaimsFound - checkedCount} are listed as not checked at this depth, and a deeper run checks more.");
        }

        if (memory.DuplicateOf is not null)
        {
            notes.Add($"This content is nearly the same as an earlier run of {memory.DuplicateOf} (similarity {memory.DuplicateSimilarity:0.00}).");
        }

        List<string> skipped = [.. AnalysisCatalog.All.Where(a => a.MinDepth > profile.Depth).Select(a => a.Name.Replace('_', ' '))];
        if (skipped.Count > 0)
        {
            notes.Add($"Not run at this depth: {string.Join(", ", skipped)}.");
        }

        // What the analyzers said about how they worked (budget degradation, offline fallback, ignored instructions), once each.
        notes.AddRange(StageNotes.Collect([analysis.Notes, factCheck.Notes]).Where(n => !notes.Contains(n, StringComparer.Ordinal)));
        return notes;
    }
}
