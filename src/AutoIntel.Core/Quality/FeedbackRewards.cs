using AutoIntel.Core.Briefings;
using AutoIntel.Core.FactCheck;
using AutoIntel.Core.Runs;

namespace AutoIntel.Core.Quality;

/// <summary>Turns a reader's feedback into rewards for the models that produced the run's analyses.</summary>
/// <remarks>
/// 👍 rewards every model the briefing records with 1, 👎 with 0. A claim marked wrong rewards the model that gave that verdict with 0
/// on claim verification, whatever the vote says. One reward per task and model, however many chunks or claims it answered, so one
/// click weighs the same on a long video as on a short article.
/// </remarks>
public static class FeedbackRewards
{
    /// <summary>The router's task type of claim verification (the same string as the gateway's <c>TaskTypes.ClaimVerification</c>).</summary>
    public const string ClaimVerificationTask = "claim_verification";

    /// <summary>The rewards of <paramref name="feedback"/> on <paramref name="briefing"/>; empty without a vote or a model to reward.</summary>
    public static IReadOnlyList<FeedbackReward> For(RunFeedback? feedback, Briefing briefing)
    {
        if (feedback is null)
        {
            return [];
        }

        IReadOnlyList<ModelUse> models = briefing.Models ?? [];
        var rewards = new Dictionary<(string Task, string Model), FeedbackReward>();
        if (feedback.Vote is FeedbackVote vote)
        {
            foreach (ModelUse use in models.Where(u => u.Model is not null))
            {
                rewards[(use.Task, use.Model!)] = new FeedbackReward(use.Task, use.Model!, use.PromptTokens, vote == FeedbackVote.Up ? 1 : 0);
            }
        }

        foreach (ClaimVerdict verdict in briefing.Claims.Where(c => feedback.WrongClaims.Contains(c.Claim.Id, StringComparer.Ordinal)))
        {
            // Only a verdict a model gave teaches the router; offline and remembered verdicts have no model to blame.
            if (models.FirstOrDefault(u => u.Task == ClaimVerificationTask && u.Model == verdict.Method) is { } use)
            {
                rewards[(use.Task, use.Model!)] = new FeedbackReward(use.Task, use.Model!, use.PromptTokens, 0);
            }
        }

        return [.. rewards.Values.OrderBy(r => r.Task, StringComparer.Ordinal).ThenBy(r => r.Model, StringComparer.Ordinal)];
    }
}
