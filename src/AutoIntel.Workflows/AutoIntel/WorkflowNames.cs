namespace AutoIntel.Workflows.AutoIntel;

/// <summary>Registered orchestration names and instance-id conventions shared by both hosts.</summary>
public static class WorkflowNames
{
    /// <summary>The /autointel orchestration.</summary>
    public const string AutoIntel = "AutoIntelWorkflow";

    /// <summary>The eternal orchestration of one watch (poll, run new items, wait, continue as new).</summary>
    public const string Watch = "WatchWorkflow";

    /// <summary>The instance id of the run started by a Discord interaction: a redelivery maps to the same id.</summary>
    public static string InstanceIdForInteraction(string interactionId) => $"discord-{interactionId}";
}
