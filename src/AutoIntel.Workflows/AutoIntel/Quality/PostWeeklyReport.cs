using System.Globalization;
using AutoIntel.Workflows.Abstractions;

namespace AutoIntel.Workflows.AutoIntel.Quality;

/// <summary>Input of <see cref="PostWeeklyReport"/>: the window the report covers.</summary>
public sealed record PostWeeklyReportInput(DateTime SinceUtc, DateTime UntilUtc);

/// <summary>Builds the report of one window and posts it; false when no report channel is configured.</summary>
public sealed class PostWeeklyReport(RunReportBuilder reports, IReportPublisher publisher) : IActivity<PostWeeklyReportInput, bool>
{
    /// <inheritdoc/>
    public async Task<bool> RunAsync(ActivityContext context, PostWeeklyReportInput input)
    {
        RunReport report = await reports.BuildAsync(input.SinceUtc, input.UntilUtc, context.CancellationToken);
        string key = "weekly-" + input.UntilUtc.ToString("yyyyMMddHH", CultureInfo.InvariantCulture);
        return await publisher.PublishAsync(key, report.ToText(), context.CancellationToken);
    }
}
