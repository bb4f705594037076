namespace AutoIntel.Workflows.AutoIntel.Quality;

/// <summary>The weekly report's state between executions: when the next post is due (it covers the seven days before).</summary>
public sealed record WeeklyReportInput(DateTime NextPostUtc);
