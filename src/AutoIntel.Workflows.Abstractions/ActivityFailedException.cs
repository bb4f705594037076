namespace AutoIntel.Workflows.Abstractions;

/// <summary>Raised in an orchestration when an activity failed after all its attempts.</summary>
public sealed class ActivityFailedException : Exception
{
    public ActivityFailedException()
    {
    }

    public ActivityFailedException(string message)
        : base(message)
    {
    }

    public ActivityFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ActivityFailedException(string activityName, FailureDetails failure)
        : base(failure.Message)
    {
        ActivityName = activityName;
        Failure = failure;
    }

    /// <summary>The activity that failed.</summary>
    public string ActivityName { get; } = string.Empty;

    /// <summary>What the last attempt threw.</summary>
    public FailureDetails Failure { get; } = new(nameof(Exception), string.Empty, false);
}
