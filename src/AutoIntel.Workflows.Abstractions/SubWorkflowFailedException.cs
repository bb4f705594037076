namespace AutoIntel.Workflows.Abstractions;

/// <summary>Raised in an orchestration when a sub-workflow failed (or was terminated) after all its attempts.</summary>
public sealed class SubWorkflowFailedException : Exception
{
    public SubWorkflowFailedException()
    {
    }

    public SubWorkflowFailedException(string message)
        : base(message)
    {
    }

    public SubWorkflowFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public SubWorkflowFailedException(string workflowName, string instanceId, FailureDetails failure)
        : base(failure.Message)
    {
        WorkflowName = workflowName;
        InstanceId = instanceId;
        Failure = failure;
    }

    /// <summary>The child workflow that failed.</summary>
    public string WorkflowName { get; } = string.Empty;

    /// <summary>The child instance's id.</summary>
    public string InstanceId { get; } = string.Empty;

    /// <summary>Why the child's last attempt failed (the original cause, with its permanence).</summary>
    public FailureDetails Failure { get; } = new(nameof(Exception), string.Empty, false);
}
