using AutoIntel.Workflows.AutoIntel;

namespace AutoIntel.Cli.Output;

/// <summary>One line per stage change, for logs and redirected output.</summary>
public sealed class PlainProgressSink(TextWriter writer) : IProgressSink
{
    private readonly HashSet<string> _shown = new(StringComparer.Ordinal);
    private string? _lastStage;

    /// <inheritdoc/>
    public void OnProgress(RunProgress progress, int activitiesDone, int activitiesScheduled)
    {
        // Stages are listed in start order, so a stage that started earlier can finish later: track by name.
        foreach (var done in progress.CompletedStages.Where(s => _shown.Add(s.Name)))
        {
            writer.WriteLine($"  done  {done.Name,-11} {done.DurationMs,9:N0} ms  {done.Activities,4} activities");
        }

        if (progress.Stage != _lastStage && progress.Stage != "done")
        {
            writer.WriteLine($"[{progress.StageNumber}/{progress.StageCount}] {progress.Stage}: {progress.Detail}");
        }

        _lastStage = progress.Stage;
        writer.Flush();
    }
}
