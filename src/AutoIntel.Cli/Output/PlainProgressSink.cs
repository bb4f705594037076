using AutoIntel.Workflows.AutoIntel;

namespace AutoIntel.Cli.Output;

/// <summary>One line per stage change, for logs and redirected output.</summary>
public sealed class PlainProgressSink(TextWriter writer) : IProgressSink
{
    private int _completedShown;
    private string? _lastStage;

    /// <inheritdoc/>
    public void OnProgress(RunProgress progress, int activitiesDone, int activitiesScheduled)
    {
        for (; _completedShown < progress.CompletedStages.Count; _completedShown++)
        {
            var done = progress.CompletedStages[_completedShown];
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
