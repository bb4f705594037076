using AutoIntel.Core.Briefings;
using AutoIntel.Core.Quality;
using AutoIntel.Core.Telemetry;
using AutoIntel.Intelligence.Gateway;
using AutoIntel.Storage;
using Microsoft.Extensions.Logging;

namespace AutoIntel.Workflows.AutoIntel.Quality;

/// <summary>Records a reader's 👍 / 👎 or wrong verdicts on a run, once per user, and teaches the router what changed.</summary>
/// <param name="gateway">Null when no LLM is configured: feedback is still kept (and scored), there is just no router to teach.</param>
public sealed class FeedbackRecorder(FeedbackStore feedback, IArtifactStore store, TimeProvider time, ILogger<FeedbackRecorder> log, LlmGateway? gateway = null)
{
    /// <summary>The run's briefing, or null when the run has none (not finished, or its artifacts are gone).</summary>
    public async Task<Briefing?> LoadBriefingAsync(string runId, CancellationToken cancellationToken = default)
    {
        string path = RunPaths.BriefingJson(runId);
        return await store.ExistsAsync(path, cancellationToken) ? await store.GetJsonAsync<Briefing>(path, cancellationToken) : null;
    }

    /// <summary>Sets the user's vote on the run (a repeat changes nothing; the other vote replaces it).</summary>
    public Task<FeedbackChange> VoteAsync(Briefing briefing, string tenant, string userId, FeedbackVote vote, CancellationToken cancellationToken = default) =>
        ApplyAsync(briefing, tenant, userId, f => f with { Vote = vote }, cancellationToken);

    /// <summary>Sets which of the run's claims the user says have a wrong verdict (ids not in the briefing are ignored; the latest choice replaces earlier ones).</summary>
    public Task<FeedbackChange> MarkWrongClaimsAsync(Briefing briefing, string tenant, string userId, IEnumerable<string> claimIds, CancellationToken cancellationToken = default)
    {
        List<string> known = [.. claimIds.Where(id => briefing.Claims.Any(c => c.Claim.Id == id)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        return ApplyAsync(briefing, tenant, userId, f => f with { WrongClaims = known }, cancellationToken);
    }

    private async Task<FeedbackChange> ApplyAsync(Briefing briefing, string tenant, string userId, Func<RunFeedback, RunFeedback> change, CancellationToken cancellationToken)
    {
        (RunFeedback? before, RunFeedback after) = await feedback.UpdateAsync(
            tenant,
            briefing.RunId,
            userId,
            current => change(current ?? new RunFeedback(briefing.RunId, tenant, userId, null, [], time.GetUtcNow())) with { UpdatedAt = time.GetUtcNow() },
            cancellationToken);
        if (ReferenceEquals(before, after))
        {
            return FeedbackChange.Unchanged;
        }

        await TeachRouterAsync(briefing, before, after, cancellationToken);
        return before is null ? FeedbackChange.Recorded : FeedbackChange.Replaced;
    }

    // Only the difference reaches the learner: a new reward is added, a changed one replaces the old, a withdrawn one is taken back.
    private async Task TeachRouterAsync(Briefing briefing, RunFeedback? before, RunFeedback after, CancellationToken cancellationToken)
    {
        if (gateway is null)
        {
            return;
        }

        var old = FeedbackRewards.For(before, briefing).ToDictionary(r => (r.Task, r.Model));
        var now = FeedbackRewards.For(after, briefing).ToDictionary(r => (r.Task, r.Model));
        try
        {
            foreach (var key in old.Keys.Union(now.Keys).OrderBy(k => k.Task, StringComparer.Ordinal).ThenBy(k => k.Model, StringComparer.Ordinal))
            {
                FeedbackReward? was = old.GetValueOrDefault(key);
                FeedbackReward? isNow = now.GetValueOrDefault(key);
                if (was?.Quality != isNow?.Quality)
                {
                    if (isNow is not null)
                    {
                        RunMetrics.Feedback.Add(1, new("analysis", key.Task), new("reward", isNow.Quality > 0 ? "positive" : "negative"));
                    }

                    await gateway.RecordFeedbackAsync(key.Task, (isNow ?? was)!.PromptTokens, key.Model, isNow?.Quality, was?.Quality, cancellationToken);
                }
            }
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or Azure.RequestFailedException)
        {
            // The feedback itself is stored and scored; only the router misses it.
            log.LogWarning(e, "Feedback on run {RunId} was stored but the router's learning state could not be saved", briefing.RunId);
        }
    }
}
