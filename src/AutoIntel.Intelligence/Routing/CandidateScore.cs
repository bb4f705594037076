namespace AutoIntel.Intelligence.Routing;

/// <summary>One eligible model's estimates and score in a decision.</summary>
/// <param name="QualityPrior">The catalog prior for the task.</param>
/// <param name="LearnedQuality">Posterior mean (or Thompson sample when exploring) of the bandit arm.</param>
/// <param name="CostScore">0..1, log-scaled: the cheapest eligible model scores 1.</param>
/// <param name="LatencyScore">0..1: fastest eligible over this model's latency.</param>
/// <param name="QualityScore">0..1: learned quality between the floor and the best eligible.</param>
public sealed record CandidateScore(
    CatalogModel Model,
    decimal EstimatedUsd,
    double EstimatedLatencyMs,
    double QualityPrior,
    double LearnedQuality,
    double CostScore,
    double LatencyScore,
    double QualityScore,
    double Score);

/// <summary>A model a hard constraint removed from a decision, and which one.</summary>
public sealed record FilteredCandidate(string Model, string Reason);
