using System.Collections.Concurrent;
using System.Text.Json;
using AutoIntel.Core.FactCheck;
using AutoIntel.Core.Serialization;
using AutoIntel.Core.Text;
using AutoIntel.Intelligence.Analyzers;
using AutoIntel.Intelligence.Cache;
using AutoIntel.Intelligence.Offline;
using Microsoft.Extensions.Options;

namespace AutoIntel.Intelligence.EvidenceGathering;

/// <summary>Asks every configured evidence source about one claim, in parallel: cached per claim text, within the run's budget,
/// and leaving a source alone after it answered 429 until its <c>Retry-After</c> has passed.</summary>
/// <remarks>A failing source costs only its own items: the others' evidence is kept and the failure becomes a note.
/// Answers (empty ones too) are cached in the LLM response cache's exact tiers, keyed by tenant, source, language and normalised claim text.</remarks>
public sealed class EvidenceGatherer(IEnumerable<IEvidenceSource> sources, ResponseCache cache, EvidenceBudget budget, IOptions<EvidenceGatheringOptions> options, TimeProvider time)
{
    private const string CacheTask = "evidence";
    // v2: the content's language and key-term queries (with a shorter retry) changed what the wiki is asked.
    private const string CacheTemplate = "evidence/v2";

    private readonly IReadOnlyList<IEvidenceSource> _sources = [.. sources];
    private readonly EvidenceGatheringOptions _options = options.Value;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _coolingUntil = new(StringComparer.Ordinal);

    /// <summary>The run budget the sources' queries are taken from.</summary>
    public EvidenceBudget Budget => budget;

    /// <summary>What the sources know about <paramref name="claim"/>, in source order, each item scored for relevance to the claim.</summary>
    /// <param name="language">The content's language, when known. <see cref="EvidenceGatheringOptions.Language"/>, when set, overrides it;
    /// unknown means <see cref="EvidenceGatheringOptions.DefaultLanguage"/>.</param>
    public async Task<EvidenceGathering> GatherAsync(AnalysisRequest request, Claim claim, string? language, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(claim);
        var lookup = _options.Language ?? LanguageTag.Primary(language) ?? EvidenceGatheringOptions.DefaultLanguage;
        var terms = ClaimSearchTerms.For(claim.Text, lookup);
        var query = new EvidenceQuery(claim.Text, lookup, terms.Keywords, terms.Shorter);
        var answers = await Task.WhenAll(_sources.Select(s => AskAsync(s, request, query, cancellationToken)));

        var items = answers.SelectMany(a => a.Items).Select(e => e with { Relevance = ClaimMatch.Coverage(claim.Text, $"{e.Title} {e.Quote}") }).ToList();
        return new EvidenceGathering(
            items,
            [.. answers.Select(a => a.Problem).OfType<string>()],
            answers.Any(a => a.OverBudget),
            answers.Count(a => a.FromCache));
    }

    private async Task<SourceAnswer> AskAsync(IEvidenceSource source, AnalysisRequest request, EvidenceQuery query, CancellationToken cancellationToken)
    {
        var key = CacheKeys.Base(request.Tenant, CacheTask, CacheTemplate, source.Name, 0, $"{query.Language}\n{ClaimId.Normalize(query.ClaimText)}");
        if (_options.Cache && await cache.GetExactAsync(key, request.Tenant, [source.Name], cancellationToken) is { } hit)
        {
            return new SourceAnswer(JsonSerializer.Deserialize<List<Evidence>>(hit.Payload, AutoIntelJson.Options) ?? [], FromCache: true);
        }

        if (_coolingUntil.TryGetValue(source.Name, out var until) && time.GetUtcNow() < until)
        {
            return SourceAnswer.Failed($"{source.Name}: skipped, rate limited until {until:HH:mm:ss} UTC");
        }

        if (!budget.TryTake(request.RunId, source.CostPerQueryUsd))
        {
            return SourceAnswer.Failed($"{source.Name}: not asked, {budget.ExhaustedReason}") with { OverBudget = true };
        }

        var started = time.GetTimestamp();
        try
        {
            var items = await source.SearchAsync(query, cancellationToken);
            var complete = true;
            if (items.Count == 0 && source.MatchesEveryKeyword && query.ShorterKeywords is { } shorter)
            {
                // Every word must match, so a long claim often finds nothing; one more, shorter query, paid from the same budget.
                complete = budget.TryTake(request.RunId, source.CostPerQueryUsd);
                items = complete ? await source.SearchAsync(query with { Keywords = shorter }, cancellationToken) : items;
            }

            // An answer cut short by the budget is not the source's whole answer: it is not cached.
            if (_options.Cache && complete)
            {
                var payload = JsonSerializer.Serialize(items, AutoIntelJson.Options);
                await cache.SetAsync(
                    new CacheWrite(key, request.Tenant, CacheKeys.Partition(request.Tenant, CacheTask, CacheTemplate), source.Name, source.Name, payload, source.CostPerQueryUsd, time.GetElapsedTime(started).TotalMilliseconds, null),
                    cancellationToken);
            }

            return new SourceAnswer(items);
        }
        catch (EvidenceUnavailableException e)
        {
            if (e.RetryAfter is not null || e.Reason.Contains("(429", StringComparison.Ordinal))
            {
                _coolingUntil[source.Name] = time.GetUtcNow() + (e.RetryAfter ?? _options.DefaultCooldown);
            }

            return SourceAnswer.Failed(e.Message);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // An answer no source anticipated (a malformed field, a bug) costs that source's items, not the claim's check.
            return SourceAnswer.Failed($"{source.Name}: failed ({e.GetType().Name}: {e.Message})");
        }
    }

    private sealed record SourceAnswer(IReadOnlyList<Evidence> Items, string? Problem = null, bool OverBudget = false, bool FromCache = false)
    {
        public static SourceAnswer Failed(string problem) => new([], problem);
    }
}

/// <summary>What the evidence sources returned for one claim.</summary>
/// <param name="Problems">One line per source that could not answer (error, quota, budget), for the briefing's notes.</param>
/// <param name="OverBudget">Some source was not asked because the run's evidence budget was spent.</param>
/// <param name="CacheHits">Sources answered from the cache.</param>
public sealed record EvidenceGathering(IReadOnlyList<Evidence> Items, IReadOnlyList<string> Problems, bool OverBudget, int CacheHits);
