namespace AutoIntel.Workflows.AutoIntel.Quality;

/// <summary>Names of the weekly report's orchestration and activity, shared by both hosts.</summary>
public static class QualityNames
{
    /// <summary>The eternal orchestration that posts the weekly report.</summary>
    public const string WeeklyReport = "WeeklyReportWorkflow";

    /// <summary>Its one activity.</summary>
    public const string PostWeeklyReport = nameof(Quality.PostWeeklyReport);

    /// <summary>The one instance of <see cref="WeeklyReport"/>: a fixed id, so starting it again is a no-op.</summary>
    public const string WeeklyReportInstanceId = "autointel-weekly-report";
}
