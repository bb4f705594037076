namespace AutoIntel.Workflows.AutoIntel.Watch;

/// <summary>Why a watch's execution ended: <c>continued</c> (the next poll is a new generation) or <c>removed</c>.</summary>
public sealed record WatchOutcome(string Reason);
