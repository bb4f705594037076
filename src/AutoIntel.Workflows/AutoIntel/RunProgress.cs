namespace AutoIntel.Workflows.AutoIntel;

/// <summary>The custom status of a run: which stage it is in and how far along.</summary>
/// <param name="Stage">Stage name (<c>acquire</c>, <c>transcribe</c>, <c>segment</c>, <c>analyse</c>, <c>fact-check</c>, <c>remember</c>, <c>brief</c>, <c>deliver</c>, <c>done</c>).</param>
/// <param name="StageNumber">1-based index among the stages this run executes.</param>
/// <param name="StageCount">How many stages this run executes.</param>
/// <param name="Detail">A short human line (e.g. "12 chunks", "verifying 25 claims").</param>
/// <param name="CompletedStages">Stages done so far with their timings.</param>
public sealed record RunProgress(string Stage, int StageNumber, int StageCount, string Detail, DateTime UpdatedAtUtc, IReadOnlyList<Core.Runs.StageTiming> CompletedStages);
