using System.Globalization;
using System.Text;
using AutoIntel.Workflows.Abstractions;
using AutoIntel.Workflows.AutoIntel;

namespace AutoIntel.Discord.Interactions;

/// <summary>Renders a run's status as a short Discord message (stage, progress, completed stages, failure).</summary>
public static class RunStatusText
{
    /// <summary>Describes a run for <c>/autointel-status</c>.</summary>
    public static string Describe(InstanceStatus status)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Run `{status.InstanceId}`: **{status.RuntimeStatus.ToString().ToLowerInvariant()}**");
        RunProgress? progress = RunStatusReader.Progress(status);
        if (progress is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $"\nStage {progress.StageNumber}/{progress.StageCount}: **{progress.Stage}**");
            if (!string.IsNullOrWhiteSpace(progress.Detail))
            {
                text.Append(" — ").Append(progress.Detail);
            }

            text.Append(CultureInfo.InvariantCulture, $" (updated <t:{new DateTimeOffset(DateTime.SpecifyKind(progress.UpdatedAtUtc, DateTimeKind.Utc)).ToUnixTimeSeconds()}:R>)");
            if (progress.CompletedStages.Count > 0)
            {
                text.Append("\nDone: ").AppendJoin(", ", progress.CompletedStages.Select(s => $"{s.Name} {FormatDuration(s.DurationMs)}"));
            }
        }
        else if (!status.IsTerminal)
        {
            text.Append("\nWaiting to start.");
        }

        if (status.Failure is not null)
        {
            text.Append("\nFailed: ").Append(status.Failure.Message);
        }

        return text.Length > 1900 ? text.ToString(0, 1900) + "…" : text.ToString();
    }

    /// <summary>Formats milliseconds as a short human duration.</summary>
    public static string FormatDuration(double milliseconds) => milliseconds switch
    {
        < 1000 => $"{milliseconds:0} ms",
        < 60_000 => $"{milliseconds / 1000:0.0} s",
        _ => $"{milliseconds / 60_000:0.0} min",
    };
}
