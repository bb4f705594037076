namespace AutoIntel.Core.Runs;

/// <summary>Which model answered one analysis task in a run, how often, and on prompts of what size.</summary>
/// <param name="Task">The router's task type (<c>fallacies</c>, <c>claim_verification</c>, …).</param>
/// <param name="Model">The model whose validated answer was used; null for answers no model gave in a valid form (offline heuristics stood in).</param>
/// <param name="PromptTokens">The largest prompt among those answers: it picks the router's complexity bucket when feedback is learned.</param>
/// <param name="Answers">How many answers (chunks, claims) this entry covers.</param>
public sealed record ModelUse(string Task, string? Model, int PromptTokens, int Answers)
{
    /// <summary>Merges entries of the same task and model; ordered by task then model, so replays and reruns list them identically.</summary>
    public static IReadOnlyList<ModelUse> Merge(IEnumerable<ModelUse?> uses) =>
        [.. uses.OfType<ModelUse>()
            .GroupBy(u => (u.Task, u.Model))
            .Select(g => new ModelUse(g.Key.Task, g.Key.Model, g.Max(u => u.PromptTokens), g.Sum(u => u.Answers)))
            .OrderBy(u => u.Task, StringComparer.Ordinal)
            .ThenBy(u => u.Model ?? string.Empty, StringComparer.Ordinal)];
}
