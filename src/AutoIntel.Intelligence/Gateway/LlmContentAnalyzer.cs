using AutoIntel.Core.Analysis;
using AutoIntel.Core.FactCheck;
using AutoIntel.Core.Runs;
using AutoIntel.Core.Text;
using AutoIntel.Intelligence.Analyzers;
using AutoIntel.Intelligence.Prompts;

namespace AutoIntel.Intelligence.Gateway;

/// <summary>The analyses of stages 5 and 6 through the LLM gateway, falling back to the offline analyzer when budgets or models rule the LLM out.</summary>
/// <remarks>A fallback result carries <see cref="AnalyzerResult{T}.Degraded"/> so the briefing marks that section; invalid model output
/// (after the repair turn and every fallback model) degrades the same way instead of failing the activity, because retrying the same
/// prompt would only pay for the same invalid answers again.</remarks>
public sealed class LlmContentAnalyzer : IContentAnalyzer
{
    private readonly LlmGateway _gateway;
    private readonly IContentAnalyzer _fallback;
    private readonly RunJournal _journal;

    public LlmContentAnalyzer(LlmGateway gateway, IContentAnalyzer fallback, RunJournal journal)
    {
        _gateway = gateway;
        _fallback = fallback;
        _journal = journal;
    }

    /// <inheritdoc />
    public string Name => "llm";

    /// <inheritdoc />
    public Task<AnalyzerResult<T>> AnalyseChunkAsync<T>(Analyses.ChunkAnalysis<T> analysis, AnalysisRequest request, Chunk chunk, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        return RunAsync(request, analysis.Prompt, Of(chunk), f => f.AnalyseChunkAsync(analysis, request, chunk, cancellationToken), cancellationToken);
    }

    /// <inheritdoc />
    public Task<AnalyzerResult<T>> ReduceAsync<TPart, T>(Analyses.MapReduceAnalysis<TPart, T> analysis, AnalysisRequest request, IReadOnlyList<TPart> parts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        return RunAsync(request, analysis.ReducePrompt, analysis.ReduceInput(parts), f => f.ReduceAsync(analysis, request, parts, cancellationToken), cancellationToken);
    }

    /// <inheritdoc />
    public Task<AnalyzerResult<IReadOnlyList<Claim>>> ExtractClaimsAsync(AnalysisRequest request, Chunk chunk, CancellationToken cancellationToken = default) =>
        RunAsync(request, AnalysisTasks.ClaimExtraction, Of(chunk), f => f.ExtractClaimsAsync(request, chunk, cancellationToken), cancellationToken);

    /// <inheritdoc />
    /// <remarks>The model sees each evidence item under its id and must cite the ones its verdict rests on; a decided verdict that cites
    /// nothing, or an id it was not given, is set aside as unverified with the reason. Without any evidence the model is not asked.</remarks>
    public async Task<AnalyzerResult<ClaimVerdict>> VerifyClaimAsync(AnalysisRequest request, Claim claim, IReadOnlyList<Evidence> evidence, CancellationToken cancellationToken = default)
    {
        if (evidence.Count == 0)
        {
            return AnalyzerResult.Free(new ClaimVerdict(claim, Verdict.Unverified, 0, NoEvidenceRationale, [], NoEvidenceMethod));
        }

        evidence = EvidenceIds.Number(evidence);
        var sections = new List<DataSection> { new("claim", claim.Text) };
        sections.AddRange(evidence.Select(e => new DataSection($"evidence {e.Id} from {Describe(e)}", e.Rating is { } rating ? $"Rated \u201C{rating}\u201D: {e.Quote}" : e.Quote)));
        var result = await TryExecuteAsync(request, AnalysisTasks.ClaimVerification, new TaskInput(sections, null, claim.ChunkIndex), cancellationToken);
        if (result.Served)
        {
            var verdict = Cited(claim, result.Value!, evidence, result.Model!);
            return new AnalyzerResult<ClaimVerdict>(verdict, result.Usage, NotesOf(result), Model: UseOf(AnalysisTasks.ClaimVerification.TaskType, result));
        }

        var offline = await Fallback(request, AnalysisTasks.ClaimVerification.TaskType, result.UnservedReason, result.Notes, () => _fallback.VerifyClaimAsync(request, claim, evidence, cancellationToken));
        // The reader sees on the claim itself why the model did not decide it.
        return offline with { Value = offline.Value with { Rationale = $"Not verified by the model ({result.UnservedReason}). {offline.Value.Rationale}" } };
    }

    /// <summary>The <see cref="ClaimVerdict.Method"/> of a claim no evidence was found for (the model was not asked).</summary>
    public const string NoEvidenceMethod = "no evidence";

    /// <summary>The rationale of a claim no evidence was found for.</summary>
    public const string NoEvidenceRationale = "Unverified: no evidence was found for this claim, so the model was not asked to judge it.";

    // The verdict keeps only the evidence it cites; a decided verdict without a valid citation is not a verdict we can show.
    private static ClaimVerdict Cited(Claim claim, VerificationAnswer answer, IReadOnlyList<Evidence> evidence, string model)
    {
        var byId = evidence.ToDictionary(e => e.Id!, StringComparer.OrdinalIgnoreCase);
        var unknown = answer.Citations.Where(c => !byId.ContainsKey(c)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var cited = answer.Citations.Where(byId.ContainsKey).Select(c => byId[c]).Distinct().ToList();
        if (answer.Verdict == Verdict.Unverified)
        {
            return new ClaimVerdict(claim, Verdict.Unverified, answer.Confidence, answer.Rationale, cited.Count > 0 ? cited : evidence, model);
        }

        string? problem = unknown.Count > 0
            ? $"it cited evidence it was not given ({string.Join(", ", unknown)})"
            : cited.Count == 0 ? "it cited no evidence" : null;
        return problem is null
            ? new ClaimVerdict(claim, answer.Verdict, answer.Confidence, answer.Rationale, cited, model)
            : new ClaimVerdict(claim, Verdict.Unverified, 0, $"Unverified: the model's verdict ({answer.Verdict.ToString().ToLowerInvariant()}) was set aside because {problem}. Its rationale: {answer.Rationale}", evidence, model);
    }

    private static string Describe(Evidence e) =>
        string.Join(", ", new[] { e.Source, e.Publisher, e.Title, e.Date }.Where(s => !string.IsNullOrWhiteSpace(s)).Distinct(StringComparer.Ordinal));

    /// <summary>The briefing's overview paragraph from the summary and verdicts; the offline path returns the summary text.</summary>
    public async Task<AnalyzerResult<string>> WriteOverviewAsync(AnalysisRequest request, string title, Summary summary, IReadOnlyList<ClaimVerdict> verdicts, CancellationToken cancellationToken = default)
    {
        var sections = new List<DataSection>
        {
            new("title", title),
            new("summary", summary.Text),
            new("verdicts", string.Join('\n', verdicts.Select(v => $"- {v.Verdict.ToString().ToLowerInvariant()} ({v.Confidence:0.00}): {v.Claim.Text}"))),
        };
        var result = await TryExecuteAsync(request, AnalysisTasks.Briefing, new TaskInput(sections), cancellationToken);
        if (result.Served)
        {
            return new AnalyzerResult<string>(result.Value!, result.Usage, NotesOf(result));
        }

        var note = $"briefing: used the offline overview ({result.UnservedReason}).";
        _journal.Note(request.RunId, note);
        return new AnalyzerResult<string>(summary.Text, Usage.None, [.. result.Notes, note]);
    }

    // A chunk that opens mid-turn is given its speaker's label, so every word in the data sits under a label.
    private static TaskInput Of(Chunk chunk)
    {
        var text = SpeakerTurns.WithOpeningLabel(chunk);
        return new([new DataSection($"chunk {chunk.Index + 1}", text)], text, chunk.Index, SpeakerTurns.Read(text, chunk.Speakers));
    }

    private async Task<AnalyzerResult<T>> RunAsync<T>(
        AnalysisRequest request, StructuredTask<T> task, TaskInput input, Func<IContentAnalyzer, Task<AnalyzerResult<T>>> offline, CancellationToken cancellationToken)
    {
        var result = await TryExecuteAsync(request, task, input, cancellationToken);
        return result.Served
            ? new AnalyzerResult<T>(result.Value!, result.Usage, NotesOf(result), Model: UseOf(task.TaskType, result))
            : await Fallback(request, task.TaskType, result.UnservedReason, result.Notes, () => offline(_fallback));
    }

    private static ModelUse UseOf<T>(string task, GatewayResult<T> result) => new(task, result.Model, result.PromptTokens, 1);

    // Invalid output from every model is not transient: it becomes an unserved result, so the section degrades to offline heuristics.
    private async Task<GatewayResult<T>> TryExecuteAsync<T>(AnalysisRequest request, StructuredTask<T> task, TaskInput input, CancellationToken cancellationToken)
    {
        try
        {
            return await _gateway.ExecuteAsync(request, task, input, cancellationToken);
        }
        catch (StructuredOutputException e)
        {
            _journal.Note(request.RunId, e.Message);
            return new GatewayResult<T>(false, default, Usage.None, null, null, InvalidOutputReason, null, [e.Message]);
        }
    }

    /// <summary>The degradation reason when every model's output failed validation.</summary>
    public const string InvalidOutputReason = "model output invalid";

    private static IReadOnlyList<string>? NotesOf<T>(GatewayResult<T> result) => result.Notes.Count > 0 ? result.Notes : null;

    private async Task<AnalyzerResult<T>> Fallback<T>(
        AnalysisRequest request, string task, string? reason, IReadOnlyList<string> gatewayNotes, Func<Task<AnalyzerResult<T>>> offline)
    {
        var note = $"{task}: answered by the {_fallback.Name} analyzer ({reason}).";
        _journal.Note(request.RunId, note);
        var answer = await offline();
        // Invalid output from every model counts against the task's valid-output rate; a budget or outage fallback does not.
        var invalid = reason == InvalidOutputReason ? new ModelUse(task, null, 0, 1) : null;
        return answer with { Notes = [.. gatewayNotes, .. answer.Notes ?? [], note], Degraded = reason, Model = invalid };
    }
}
