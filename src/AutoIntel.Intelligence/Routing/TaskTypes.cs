namespace AutoIntel.Intelligence.Routing;

/// <summary>The task types the router, quality priors, cache partitions and bandit arms are keyed by.</summary>
public static class TaskTypes
{
    public const string Summary = "summary";
    public const string ArgumentAnalysis = "argument_analysis";
    public const string Fallacies = "fallacies";
    public const string Tone = "tone";
    public const string Perspective = "perspective";
    public const string Entities = "entities";
    public const string ClaimExtraction = "claim_extraction";
    public const string ClaimVerification = "claim_verification";
    public const string Briefing = "briefing";

    /// <summary>The task types of the built-in steps, in pipeline order.</summary>
    public static IReadOnlyList<string> BuiltIn { get; } =
        [Summary, ArgumentAnalysis, Fallacies, Tone, Perspective, Entities, ClaimExtraction, ClaimVerification, Briefing];

    /// <summary>Every task type: the built-in ones, then each added analysis (<see cref="Analyses.AnalysisCatalog"/>; built-in analyses are declared there too).</summary>
    public static IReadOnlyList<string> All => [.. BuiltIn, .. Analyses.AnalysisCatalog.All.Select(a => a.TaskType).Where(t => !BuiltIn.Contains(t, StringComparer.Ordinal))];
}
