using AutoIntel.Core.Briefings;
using AutoIntel.Core.Runs;

namespace AutoIntel.Core.Quality;

/// <summary>Computes per-analysis quality scores from briefings (valid output, evidence) and reader feedback.</summary>
public static class QualityScorer
{
    /// <summary>One entry per task that has answers or feedback, ordered by task.</summary>
    /// <param name="briefings">The runs to score (those without recorded models contribute nothing).</param>
    /// <param name="feedback">Feedback on any run; feedback on runs not in <paramref name="briefings"/> is ignored.</param>
    public static IReadOnlyList<AnalysisQuality> Score(IEnumerable<Briefing> briefings, IEnumerable<RunFeedback> feedback)
    {
        var byRun = briefings.GroupBy(b => b.RunId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        List<ModelUse> uses = [.. byRun.Values.SelectMany(b => b.Models ?? [])];
        List<FeedbackReward> rewards = [.. feedback.Where(f => byRun.ContainsKey(f.RunId)).SelectMany(f => FeedbackRewards.For(f, byRun[f.RunId]))];

        var tasks = uses.Select(u => u.Task).Concat(rewards.Select(r => r.Task)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        return [.. tasks.Select(task =>
        {
            int answers = uses.Where(u => u.Task == task).Sum(u => u.Answers);
            double? valid = answers == 0 ? null : (double)uses.Where(u => u.Task == task && u.Model is not null).Sum(u => u.Answers) / answers;
            double? evidence = task == FeedbackRewards.ClaimVerificationTask ? EvidenceCoverage(byRun.Values) : null;
            var taskRewards = rewards.Where(r => r.Task == task).ToList();
            double? reward = taskRewards.Count == 0 ? null : taskRewards.Average(r => r.Quality);
            double[] known = [.. new[] { valid, evidence, reward }.OfType<double>()];
            return new AnalysisQuality(task, answers, valid, evidence, reward, taskRewards.Count, known.Length == 0 ? 0 : known.Average());
        })];
    }

    // Verdicts a model gave, with at least one piece of evidence; null when no model gave a verdict.
    private static double? EvidenceCoverage(IEnumerable<Briefing> briefings)
    {
        var verdicts = briefings
            .SelectMany(b => b.Claims.Where(c => (b.Models ?? []).Any(u => u.Task == FeedbackRewards.ClaimVerificationTask && u.Model == c.Method)))
            .ToList();
        return verdicts.Count == 0 ? null : (double)verdicts.Count(v => v.Evidence.Count > 0) / verdicts.Count;
    }
}
