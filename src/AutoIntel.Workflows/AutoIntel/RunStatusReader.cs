using System.Text.Json;
using AutoIntel.Core.Serialization;
using AutoIntel.Workflows.Abstractions;

namespace AutoIntel.Workflows.AutoIntel;

/// <summary>Reads a run's <see cref="RunProgress"/> and <see cref="RunResult"/> out of its status, tolerating other shapes.</summary>
/// <remarks>Status pages and metrics show what they can: another workflow's (or an older) payload reads as null instead of failing the page.</remarks>
public static class RunStatusReader
{
    /// <summary>The run's progress (custom status), or null.</summary>
    public static RunProgress? Progress(InstanceStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        return Read<RunProgress>(status.CustomStatus);
    }

    /// <summary>The run's result (output of a completed run), or null.</summary>
    public static RunResult? Result(InstanceStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        return Read<RunResult>(status.Output);
    }

    private static T? Read<T>(JsonElement? json)
        where T : class
    {
        if (json is not { ValueKind: JsonValueKind.Object } element)
        {
            return null;
        }

        try
        {
            return element.Deserialize<T>(AutoIntelJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
