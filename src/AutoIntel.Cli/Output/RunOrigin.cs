using System.Text.Json;
using AutoIntel.Core.Serialization;
using AutoIntel.Workflows.Abstractions;
using AutoIntel.Workflows.AutoIntel;
using AutoIntel.Workflows.AutoIntel.Watch;

namespace AutoIntel.Cli.Output;

/// <summary>What <c>autointel list</c> shows about where an instance came from: the episode and watch of a run a watch started, the feed of a watch.</summary>
/// <param name="Title">The episode title (runs started by a watch) or the watched feed (watch instances); null otherwise.</param>
/// <param name="Watch">The id of the watch that started the run, or that the instance runs.</param>
public sealed record RunOrigin(string? Title, string? Watch)
{
    private static readonly RunOrigin None = new(null, null);

    /// <summary>Reads it from the instance's input; anything unreadable counts as no origin.</summary>
    public static RunOrigin Of(InstanceStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        try
        {
            return status.WorkflowName switch
            {
                WorkflowNames.AutoIntel when status.Input?.Deserialize<AnalyzeRequest>(AutoIntelJson.Options)?.Watch is { } origin => new(origin.EpisodeTitle, origin.WatchId),
                WorkflowNames.Watch when status.Input?.Deserialize<WatchInput>(AutoIntelJson.Options) is { } watch => new($"watching {watch.Url}", watch.WatchId),
                _ => None,
            };
        }
        catch (JsonException)
        {
            return None;
        }
    }

    /// <summary>The text column: <c>"Episode 7" (watch 1a2b3c4d)</c>, or empty.</summary>
    public override string ToString() => (Title, Watch) switch
    {
        (null, _) => string.Empty,
        (_, null) => Title,
        _ when Title.StartsWith("watching ", StringComparison.Ordinal) => $"{Title} (watch {Watch})",
        _ => $"\"{Title}\" (watch {Watch})",
    };
}
