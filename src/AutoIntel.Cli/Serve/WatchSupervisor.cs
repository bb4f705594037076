using AutoIntel.Ingestion.Watches;
using AutoIntel.Workflows.AutoIntel;
using AutoIntel.Workflows.AutoIntel.Watch;
using AutoIntel.Workflows.Runtime;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AutoIntel.Cli.Serve;

/// <summary>Keeps one running orchestration per stored watch while <c>serve</c> runs, so watches added or removed by other processes take effect.</summary>
/// <remarks>
/// The watch store in the data folder is the list; <c>autointel watch add|remove</c> in another process only edits it. Every
/// <see cref="SweepInterval"/> this starts the orchestration of each new watch (the start is idempotent by instance id),
/// resumes one that nobody runs, and terminates those it runs whose record is gone. The polling itself runs on durable
/// timers inside each watch's orchestration, not here.
/// </remarks>
public sealed class WatchSupervisor(WatchStore watches, LocalWorkflowRuntime runtime, TimeProvider time, ILogger<WatchSupervisor> log) : BackgroundService
{
    /// <summary>How often the store is compared with what runs.</summary>
    public static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(2);

    private readonly HashSet<string> _supervised = new(StringComparer.Ordinal);

    /// <summary>One comparison of the store with the runtime; returns the instance ids of the watches that run here afterwards.</summary>
    public async Task<IReadOnlyCollection<string>> SweepAsync(CancellationToken cancellationToken)
    {
        var stored = new HashSet<string>(StringComparer.Ordinal);
        foreach (WatchRecord record in await watches.ListAsync(null, cancellationToken))
        {
            string id = WatchIds.InstanceFor(record.Id);
            stored.Add(id);
            if ((await runtime.StartAsync(WorkflowNames.Watch, WatchInputs.From(record), id, cancellationToken)).Created)
            {
                log.LogInformation("Started watch {WatchId} ({Url})", record.Id, record.Url);
            }
            else if (!await runtime.IsBeingRunAsync(id, cancellationToken))
            {
                await TryResumeAsync(id, cancellationToken);
            }

            _supervised.Add(id);
        }

        foreach (string id in _supervised.Where(id => !stored.Contains(id)).ToList())
        {
            // Removed elsewhere: stop it now rather than at its next poll (which would end it too).
            if (await runtime.GetStatusAsync(id, cancellationToken) is { IsTerminal: false })
            {
                await runtime.TerminateAsync(id, "watch removed", cancellationToken);
            }

            _supervised.Remove(id);
        }

        return [.. _supervised];
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(SweepInterval, time);
        do
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Watch sweep failed; trying again in {Interval}", SweepInterval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task TryResumeAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            if (await runtime.ResumeAsync(id, cancellationToken))
            {
                log.LogInformation("Resumed watch {InstanceId}", id);
            }
        }
        catch (InstanceLockedException)
        {
            // Another serve on the same folder runs it.
        }
    }
}
