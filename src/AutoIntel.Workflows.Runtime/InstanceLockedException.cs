namespace AutoIntel.Workflows.Runtime;

/// <summary>The instance's history is held by another runner (another process, or another runtime in this one).</summary>
public sealed class InstanceLockedException : Exception
{
    public InstanceLockedException()
    {
    }

    public InstanceLockedException(string message)
        : base(message)
    {
    }

    public InstanceLockedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the standard message for <paramref name="instanceId"/>.</summary>
    public static InstanceLockedException For(string instanceId, Exception? inner = null) =>
        inner is null
            ? new($"instance {instanceId} is being run by another process")
            : new($"instance {instanceId} is being run by another process", inner);
}
