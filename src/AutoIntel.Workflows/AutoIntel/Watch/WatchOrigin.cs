namespace AutoIntel.Workflows.AutoIntel.Watch;

/// <summary>Marks a run started by a watch: which watch, and the episode it was started for (shown by <c>autointel list</c>).</summary>
public sealed record WatchOrigin(string WatchId, string EpisodeTitle);
