using AutoIntel.Workflows.Abstractions;
using Microsoft.Extensions.Logging;

namespace AutoIntel.Workflows.AutoIntel.Quality;

/// <summary>Eternal orchestration: sleep on a durable timer until the next post, post the week's report, continue as new for the week after.</summary>
/// <remarks>Continue-as-new keeps each execution's history to one timer and one activity, however many weeks it runs.</remarks>
public sealed class WeeklyReportWorkflow : IWorkflow<WeeklyReportInput, bool>
{
    /// <summary>How far apart posts are, and how much each covers.</summary>
    public static readonly TimeSpan Week = TimeSpan.FromDays(7);

    /// <inheritdoc/>
    public async Task<bool> RunAsync(IWorkflowContext context, WeeklyReportInput input)
    {
        await context.CreateTimer(input.NextPostUtc);
        bool posted;
        try
        {
            posted = await context.CallActivityAsync<bool>(QualityNames.PostWeeklyReport, new PostWeeklyReportInput(input.NextPostUtc - Week, input.NextPostUtc), Retries.Deliver);
        }
        catch (ActivityFailedException e)
        {
            // One missed week (Discord down past every retry) must not end the schedule.
            context.CreateReplaySafeLogger(nameof(WeeklyReportWorkflow)).LogWarning("Weekly report for {Until:u} was not posted: {Reason}", input.NextPostUtc, e.Message);
            posted = false;
        }

        context.ContinueAsNew(new WeeklyReportInput(input.NextPostUtc + Week));
        return posted;
    }

    /// <summary>When the first post is due after <paramref name="nowUtc"/>: the next Monday at 09:00 UTC.</summary>
    public static DateTime FirstPostAfter(DateTime nowUtc)
    {
        DateTime monday = nowUtc.Date.AddDays(((int)DayOfWeek.Monday - (int)nowUtc.DayOfWeek + 7) % 7).AddHours(9);
        return monday > nowUtc ? monday : monday + Week;
    }

    /// <summary>Starts the schedule unless it runs already (fixed instance id); both hosts call this when a report channel is configured.</summary>
    public static Task<StartResult> EnsureStartedAsync(IWorkflowClient client, DateTime nowUtc, CancellationToken cancellationToken = default) =>
        client.StartAsync(QualityNames.WeeklyReport, new WeeklyReportInput(FirstPostAfter(nowUtc)), QualityNames.WeeklyReportInstanceId, cancellationToken);
}
