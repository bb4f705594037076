using AutoIntel.Core.Runs;

namespace AutoIntel.Intelligence.Routing;

/// <summary>What <c>autointel models explain</c> prints: the candidates, their scores, the filtered models and why the winner won.</summary>
public sealed record ModelExplanation(
    string Task,
    int PromptTokens,
    int OutputTokens,
    Depth Depth,
    decimal BudgetUsd,
    double QualityFloor,
    string? Winner,
    IReadOnlyList<CandidateScore> Candidates,
    IReadOnlyList<FilteredCandidate> Filtered,
    string Reason);
