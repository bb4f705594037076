using AutoIntel.Workflows.AutoIntel;

namespace AutoIntel.Cli.Output;

/// <summary>Shows a run's progress as it changes.</summary>
public interface IProgressSink
{
    /// <summary>Called when the stage, detail or completed stages change.</summary>
    void OnProgress(RunProgress progress, int activitiesDone, int activitiesScheduled);
}
