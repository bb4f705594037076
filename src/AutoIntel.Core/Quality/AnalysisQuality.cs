namespace AutoIntel.Core.Quality;

/// <summary>How well one analysis (a router task type) is doing over a set of runs.</summary>
/// <param name="Answers">Answers (chunks, claims) the runs needed from this analysis's models.</param>
/// <param name="ValidOutputRate">Share of those answers a model gave in a valid form (the rest fell back to offline heuristics); null without answers.</param>
/// <param name="EvidenceCoverage">Claim verification only: share of model verdicts backed by at least one piece of evidence; null otherwise.</param>
/// <param name="Feedback">Mean reader reward (👍 = 1, 👎 or a verdict marked wrong = 0); null without feedback.</param>
/// <param name="FeedbackCount">Rewards behind <paramref name="Feedback"/> (one per reader, run and model).</param>
/// <param name="Score">The mean of the components that are known: the one number to watch.</param>
public sealed record AnalysisQuality(string Task, int Answers, double? ValidOutputRate, double? EvidenceCoverage, double? Feedback, int FeedbackCount, double Score);
