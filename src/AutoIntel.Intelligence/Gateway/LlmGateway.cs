using System.Globalization;
using System.Text.Json;
using AutoIntel.Core.Runs;
using AutoIntel.Core.Text;
using AutoIntel.Intelligence.Analyzers;
using AutoIntel.Intelligence.Budgets;
using AutoIntel.Intelligence.Cache;
using AutoIntel.Intelligence.Llm;
using AutoIntel.Intelligence.Prompts;
using AutoIntel.Intelligence.Providers;
using AutoIntel.Intelligence.Routing;
using Microsoft.Extensions.Logging;

namespace AutoIntel.Intelligence.Gateway;

/// <summary>Every LLM call goes through here: guard the content, check budgets, route, consult the cache, call with resilience, validate, fall back, learn.</summary>
/// <remarks>Disposing flushes what the router learned and this process's analytics, so a CLI run leaves them for the next.</remarks>
public sealed class LlmGateway : IAsyncDisposable, IDisposable
{
    private readonly ModelRouter _router;
    private readonly ILlmClient _client;
    private readonly ModelResilience _resilience;
    private readonly ResponseCache _cache;
    private readonly BudgetLedger _budgets;
    private readonly BanditLearner _learner;
    private readonly GatewayAnalytics _analytics;
    private readonly RunJournal _journal;
    private readonly LlmOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<LlmGateway> _logger;
    private readonly SingleFlight<ChainOutcome> _singleFlight = new();
    private readonly HashSet<string> _semanticExcluded;
    private readonly GatewayStatsStore? _statsStore;

    public LlmGateway(
        ModelRouter router,
        ILlmClient client,
        ModelResilience resilience,
        ResponseCache cache,
        BudgetLedger budgets,
        BanditLearner learner,
        GatewayAnalytics analytics,
        RunJournal journal,
        LlmOptions options,
        TimeProvider time,
        ILogger<LlmGateway> logger,
        GatewayStatsStore? statsStore = null)
    {
        _statsStore = statsStore;
        _router = router;
        _client = client;
        _resilience = resilience;
        _cache = cache;
        _budgets = budgets;
        _learner = learner;
        _analytics = analytics;
        _journal = journal;
        _options = options;
        _time = time;
        _logger = logger;
        _semanticExcluded = new HashSet<string>(options.Cache.SemanticExcludedTasks ?? [TaskTypes.ClaimVerification], StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Runs one structured task for a run; returns an unserved result (never throws) when budgets or models rule the LLM out.</summary>
    /// <exception cref="StructuredOutputException">Every model tried returned invalid output twice.</exception>
    public async Task<GatewayResult<T>> ExecuteAsync<T>(AnalysisRequest request, StructuredTask<T> task, TaskInput input, CancellationToken cancellationToken = default)
    {
        await _learner.LoadAsync(cancellationToken);
        using var span = LlmTelemetry.StartTask(task.TaskType, request.RunId);
        var notes = new List<string>();
        var (user, removed) = ContentGuard.BuildUserMessage(task.Instructions, input.Sections);
        foreach (var r in removed)
        {
            Note(request, notes, $"Ignored instruction-like text inside the content ({task.TaskType}): \"{Shorten(r)}\"");
        }

        var system = $"You are AutoIntel's careful analyst. {ContentGuard.Rules}";
        // No model is chosen yet: the default (cl100k_base) count is never below o200k_base's for English, so estimates stay on the safe side.
        var promptTokens = TokenCounter.Default.CountChat([system, user]);
        await _budgets.RefreshAsync(request.Tenant, cancellationToken);
        var remaining = _budgets.RemainingForCall(request.RunId, request.Tenant);
        if (remaining <= 0)
        {
            return Unserved<T>(request, notes, "budget exhausted");
        }

        var decision = _router.Decide(new RoutingRequest(task.TaskType, promptTokens, task.ExpectedOutputTokens, request.Depth, remaining));
        if (decision.Filtered.Any(f => f.Reason.StartsWith("est. $", StringComparison.Ordinal)))
        {
            _analytics.BudgetDegradation();
            Note(request, notes, "Budget caps ruled out the more expensive models for some steps; cheaper models were used.");
        }

        if (decision.Winner is not { } winner)
        {
            return Unserved<T>(request, notes, decision.Filtered.Any(f => f.Reason.StartsWith("est. $", StringComparison.Ordinal)) ? "budget exhausted" : "no usable model", decision);
        }

        _analytics.Decision(winner.Model.Id);
        LlmTelemetry.Routed(span, task.TaskType, winner.Model.Id);
        var baseKey = CacheKeys.Base(request.Tenant, task.TaskType, task.Template, task.SchemaJson, task.Temperature, user);
        var partition = CacheKeys.Partition(request.Tenant, task.TaskType, task.Template);
        var families = decision.Ranked.Select(c => c.Model.Family).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        float[]? vector = null;
        if (_options.Cache.Enabled)
        {
            var hit = await _cache.GetExactAsync(baseKey, request.Tenant, families, cancellationToken);
            if (hit is null && _options.Cache.SemanticEnabled && !_semanticExcluded.Contains(task.TaskType))
            {
                vector = await _cache.EmbedAsync(user, cancellationToken);
                hit = await _cache.GetSemanticAsync(request.Tenant, partition, vector, families, cancellationToken);
            }

            if (hit is not null && TryParse(task, input, hit.Payload, out var cached, out _, request, notes))
            {
                _analytics.CacheHit(hit);
                LlmTelemetry.CacheLookup(span, hit);
                var usage = new Usage(0, 0, 0, 0m, 1, hit.CostUsd);
                _journal.Add(request.RunId, usage);
                return new GatewayResult<T>(true, cached, usage, hit.Model, hit.Tier, null, decision, notes, promptTokens);
            }

            _analytics.CacheMiss();
            LlmTelemetry.CacheLookup(span, null);
        }

        var call = new ChatCall(system, [new ChatTurn(false, user)], task.SchemaName, task.SchemaJson, task.Temperature, task.ExpectedOutputTokens * 2);
        var (outcome, shared) = await _singleFlight.RunAsync(
            baseKey,
            () => CallChainAsync(request, task, input, decision, call, baseKey, partition, vector, cancellationToken));
        if (shared)
        {
            _analytics.SharedInFlight();
        }

        if (outcome.Payload is null)
        {
            if (outcome.InvalidDetail is not null)
            {
                throw new StructuredOutputException($"{task.TaskType}: no model produced valid output ({outcome.InvalidDetail}).");
            }

            return Unserved<T>(request, notes, $"no usable model ({outcome.FailureDetail})", decision);
        }

        foreach (var note in outcome.Notes)
        {
            Note(request, notes, note);
        }

        if (!TryParse(task, input, outcome.Payload, out var value, out var error, request, notes))
        {
            throw new StructuredOutputException($"{task.TaskType}: output failed validation ({error}).");
        }

        // A caller that shared someone else's call pays nothing and is counted like a cache hit.
        var result = shared ? new Usage(0, 0, 0, 0m, 1, outcome.Usage.Usd) : outcome.Usage;
        _journal.Add(request.RunId, result);
        return new GatewayResult<T>(true, value, result, outcome.Model, null, null, decision, notes, promptTokens);
    }

    /// <summary>Feeds explicit quality feedback (0..1) about a model's answer back into the router, and persists what it learned.</summary>
    /// <param name="replacing">The quality this reader gave before, if any: it is taken back, so changing 👍 to 👎 counts once, not twice.
    /// With <paramref name="quality"/> null, the earlier feedback is only taken back.</param>
    /// <returns>False when the model is not in the catalog (any more): nothing is learned.</returns>
    public async Task<bool> RecordFeedbackAsync(string task, int promptTokens, string modelId, double? quality, double? replacing = null, CancellationToken cancellationToken = default)
    {
        if (_router.Catalog.Find(modelId) is not { } model)
        {
            return false;
        }

        // Loaded first, so saving below never overwrites state this process has not read.
        await _learner.LoadAsync(cancellationToken);
        _learner.Revise(task, BanditLearner.BucketFor(promptTokens), model.Id, model.QualityFor(task), replacing, quality);
        await _learner.SaveAsync(cancellationToken);
        return true;
    }

    /// <summary>Persists what the router has learned and this process's analytics.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        // Only with something new: a gateway that never ran has not loaded the learner and must not overwrite its state.
        if (_learner.PendingChanges > 0)
        {
            await _learner.SaveAsync(cancellationToken);
        }

        if (_statsStore is not null)
        {
            await _statsStore.SaveAsync(_analytics.Snapshot(), cancellationToken);
        }
    }

    /// <summary>Flushes (see <see cref="FlushAsync"/>).</summary>
    public async ValueTask DisposeAsync() => await FlushAsync();

    /// <summary>Flushes, blocking: a container disposed synchronously is shutting down, and losing the analytics is worse than waiting.</summary>
    public void Dispose() => FlushAsync().GetAwaiter().GetResult();

    private async Task<ChainOutcome> CallChainAsync<T>(
        AnalysisRequest request, StructuredTask<T> task, TaskInput input, RoutingDecision decision, ChatCall firstCall,
        string baseKey, string partition, float[]? vector, CancellationToken cancellationToken)
    {
        var usage = Usage.None;
        var failures = new List<string>();
        var invalid = new List<string>();
        var tried = 0;
        foreach (var candidate in decision.Ranked)
        {
            if (tried > _options.Routing.MaxFallbacks)
            {
                break;
            }

            var model = candidate.Model;
            if (_resilience.IsOpen(model.Id))
            {
                failures.Add($"{model.Id}: circuit open");
                continue;
            }

            if (candidate.EstimatedUsd > _budgets.RemainingForCall(request.RunId, request.Tenant))
            {
                failures.Add($"{model.Id}: over budget");
                continue;
            }

            tried++;
            var call = firstCall;
            for (var attempt = 0; attempt < 2; attempt++)
            {
                var started = _time.GetTimestamp();
                using var chatSpan = LlmTelemetry.StartChat(task.TaskType, model.Id, attempt + 1);
                ChatOutcome answer;
                try
                {
                    answer = await _resilience.ExecuteAsync(model.Id, ct => new ValueTask<ChatOutcome>(_client.CompleteAsync(model, call, ct)), cancellationToken);
                }
                catch (Exception e) when (!cancellationToken.IsCancellationRequested && LlmErrors.IsModelFailure(e))
                {
                    var latency = _time.GetElapsedTime(started).TotalMilliseconds;
                    _analytics.Call(model.Id, failed: true, invalid: false, 0m, latency);
                    LlmTelemetry.Failed(chatSpan, task.TaskType, model.Id, LlmErrors.Describe(e), latency / 1000);
                    _learner.Observe(task.TaskType, decision.Bucket, model.Id, candidate.QualityPrior, false, 0);
                    _analytics.Fallback(model.Id);
                    failures.Add($"{model.Id}: {LlmErrors.Describe(e)}");
                    _logger.LogWarning("LLM call to {Model} for {Task} failed ({Reason}); falling back", model.Id, task.TaskType, LlmErrors.Describe(e));
                    break;
                }

                var elapsedMs = _time.GetElapsedTime(started).TotalMilliseconds;
                // Providers that omit usage (some local servers) are charged by the model family's own tokenizer.
                var inTokens = answer.InputTokens > 0 ? answer.InputTokens : model.Counter().CountChat([call.System, .. call.Turns.Select(t => t.Text)]);
                var outTokens = answer.OutputTokens > 0 ? answer.OutputTokens : model.Counter().Count(answer.Content);
                var cost = model.Cost(inTokens, outTokens);
                usage += new Usage(1, inTokens, outTokens, cost, 0);
                await _budgets.RecordAsync(request.RunId, request.Tenant, cost, cancellationToken);

                var valid = TryParse(task, input, answer.Content, out _, out var error);
                LlmTelemetry.Answered(chatSpan, task.TaskType, model.Id, inTokens, outTokens, cost, elapsedMs / 1000, valid);
                if (valid)
                {
                    _analytics.Call(model.Id, failed: false, invalid: false, cost, elapsedMs);
                    _learner.Observe(task.TaskType, decision.Bucket, model.Id, candidate.QualityPrior, true, elapsedMs);
                    await SaveLearningIfDueAsync(cancellationToken);
                    if (_options.Cache.Enabled)
                    {
                        var semanticVector = _options.Cache.SemanticEnabled && !_semanticExcluded.Contains(task.TaskType)
                            ? vector ?? await _cache.EmbedAsync(firstCall.Turns[0].Text, cancellationToken)
                            : null;
                        await _cache.SetAsync(
                            new CacheWrite(baseKey, request.Tenant, partition, model.Family, model.Id, answer.Content, cost, elapsedMs, semanticVector),
                            cancellationToken);
                    }

                    IReadOnlyList<string> chainNotes = failures.Count + invalid.Count > 0
                        ? [$"{task.TaskType}: answered by {model.Id} after {string.Join("; ", failures.Concat(invalid))}."]
                        : [];
                    return new ChainOutcome(answer.Content, model.Id, usage, null, null, chainNotes);
                }

                _analytics.Call(model.Id, failed: false, invalid: true, cost, elapsedMs);
                _learner.Observe(task.TaskType, decision.Bucket, model.Id, candidate.QualityPrior, false, elapsedMs);
                if (attempt == 0)
                {
                    // One repair turn: show the model its answer and the validation error.
                    call = call with
                    {
                        Turns =
                        [
                            .. call.Turns,
                            new ChatTurn(true, answer.Content),
                            new ChatTurn(false, $"That reply was invalid: {error} Reply again with only JSON that matches the schema."),
                        ],
                    };
                    continue;
                }

                invalid.Add($"{model.Id}: {error}");
                _analytics.Fallback(model.Id);
            }
        }

        return new ChainOutcome(
            null,
            null,
            usage,
            failures.Count > 0 ? string.Join("; ", failures) : "no candidate tried",
            invalid.Count > 0 ? string.Join("; ", invalid) : null,
            []);
    }

    // With a request, instructions the model reports having ignored become notes (only for the answer actually used).
    private bool TryParse<T>(StructuredTask<T> task, TaskInput input, string payload, out T value, out string error, AnalysisRequest? request = null, List<string>? notes = null)
    {
        try
        {
            using var doc = JsonDocument.Parse(payload);
            value = task.Parse(doc.RootElement, input);
            if (request is not null && notes is not null)
            {
                foreach (var ignored in AnalysisTasks.IgnoredInstructions(doc.RootElement))
                {
                    Note(request, notes, $"The model reported and ignored an instruction inside the content ({task.TaskType}): \"{Shorten(ignored)}\"");
                }
            }

            error = "";
            return true;
        }
        catch (Exception e) when (e is JsonException or OutputValidationException or InvalidOperationException or KeyNotFoundException or FormatException)
        {
            value = default!;
            error = e is JsonException ? "the reply is not valid JSON." : e.Message;
            return false;
        }
    }

    private async Task SaveLearningIfDueAsync(CancellationToken cancellationToken)
    {
        if (_learner.PendingChanges >= 20)
        {
            await _learner.SaveAsync(cancellationToken);
        }
    }

    private GatewayResult<T> Unserved<T>(AnalysisRequest request, List<string> notes, string reason, RoutingDecision? decision = null)
    {
        _analytics.OfflineFallback();
        _logger.LogInformation("LLM path declined for run {RunId}: {Reason}", request.RunId, reason);
        return new GatewayResult<T>(false, default, Usage.None, null, null, reason, decision, notes);
    }

    // Notes go to the call's result (which the workflow carries into the briefing) and to the run journal (for hosts that read it).
    private void Note(AnalysisRequest request, List<string> notes, string note)
    {
        if (!notes.Contains(note, StringComparer.Ordinal))
        {
            notes.Add(note);
        }

        _journal.Note(request.RunId, note);
    }

    private static string Shorten(string s) => s.Length <= 120 ? s : string.Create(CultureInfo.InvariantCulture, $"{s[..120]}…");

    private sealed record ChainOutcome(string? Payload, string? Model, Usage Usage, string? FailureDetail, string? InvalidDetail, IReadOnlyList<string> Notes);
}
