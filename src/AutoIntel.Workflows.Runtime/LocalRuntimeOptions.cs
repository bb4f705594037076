using AutoIntel.Workflows.Abstractions;

namespace AutoIntel.Workflows.Runtime;

/// <summary>Settings of the <see cref="LocalWorkflowRuntime"/>.</summary>
public sealed class LocalRuntimeOptions
{
    /// <summary>How many activity attempts run at once across all instances; 1 runs them strictly one after another.</summary>
    public int MaxConcurrentActivities { get; set; } = 16;

    /// <summary>The retry policy for calls that pass none.</summary>
    public RetryPolicy DefaultRetry { get; set; } = RetryPolicy.None;

    /// <summary>Fsync every group commit (survives power loss); off, a flush to the OS already survives a killed process.</summary>
    public bool FlushToDisk { get; set; }
}
