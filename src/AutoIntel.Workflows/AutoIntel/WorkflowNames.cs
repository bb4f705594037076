namespace AutoIntel.Workflows.AutoIntel;

/// <summary>Registered orchestration names and instance-id conventions shared by both hosts.</summary>
public static class WorkflowNames
{
    /// <summary>The /autointel orchestration.</summary>
    public const string AutoIntel = "AutoIntelWorkflow";

    /// <summary>The instance id of the run started by a Discord interaction: a redelivery maps to the same id.</summary>
    public static string InstanceIdForInteraction(string interactionId) => $"discord-{interactionId}";
}
