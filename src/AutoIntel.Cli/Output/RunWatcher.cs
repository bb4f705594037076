using System.Text.Json;
using AutoIntel.Core.Serialization;
using AutoIntel.Workflows.Abstractions;
using AutoIntel.Workflows.AutoIntel;

namespace AutoIntel.Cli.Output;

/// <summary>Follows an instance until it ends, feeding its custom status to a progress sink.</summary>
public static class RunWatcher
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(150);

    /// <summary>Waits for the instance to end and returns its final status.</summary>
    public static async Task<InstanceStatus> WatchAsync(IWorkflowClient client, Task<InstanceStatus> completion, string instanceId, IProgressSink sink, CancellationToken cancellationToken)
    {
        string? last = null;
        while (true)
        {
            var finished = await Task.WhenAny(completion, Task.Delay(PollInterval, cancellationToken)) == completion;
            cancellationToken.ThrowIfCancellationRequested();
            var status = finished ? await completion : await client.GetStatusAsync(instanceId, cancellationToken);
            if (status is not null)
            {
                Show(status, sink, ref last);
            }

            if (finished)
            {
                return status!;
            }
        }
    }

    /// <summary>Reads the run's progress record from a status, if it has one.</summary>
    public static RunProgress? ProgressOf(InstanceStatus status) =>
        status.CustomStatus is { ValueKind: JsonValueKind.Object } element ? element.Deserialize<RunProgress>(AutoIntelJson.Options) : null;

    private static void Show(InstanceStatus status, IProgressSink sink, ref string? last)
    {
        var progress = ProgressOf(status);
        if (progress is null)
        {
            return;
        }

        var done = status.Activities.Count(a => a.Status is ActivityRunState.Completed or ActivityRunState.Failed);
        var key = $"{progress.Stage}|{progress.Detail}|{progress.CompletedStages.Count}|{done}";
        if (key != last)
        {
            sink.OnProgress(progress, done, status.Activities.Count);
            last = key;
        }
    }
}
