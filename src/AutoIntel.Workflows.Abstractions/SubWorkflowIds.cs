namespace AutoIntel.Workflows.Abstractions;

/// <summary>The default instance id of a sub-workflow, shared by both hosts.</summary>
public static class SubWorkflowIds
{
    private const int GuidLength = 32;

    /// <summary>
    /// <c>{parent}.{guid}</c>, with the parent id cut so the result stays within <see cref="InstanceIds.MaxLength"/>. The GUID
    /// comes from the parent's deterministic <see cref="IWorkflowContext.NewGuid"/>, so a replay gets the same id and each
    /// execution after a continue-as-new gets new ones (a plain call counter would restart at 0 and collide).
    /// </summary>
    public static string For(string parentInstanceId, Guid guid)
    {
        var room = InstanceIds.MaxLength - GuidLength - 1;
        var prefix = parentInstanceId.Length > room ? parentInstanceId[..room] : parentInstanceId;
        return $"{prefix}.{guid:N}";
    }
}
