using AutoIntel.Ingestion.Watches;
using AutoIntel.Workflows.Abstractions;

namespace AutoIntel.Workflows.AutoIntel.Watch;

/// <summary>Reads a watch's record and its feed's usable items.</summary>
public sealed class PollWatch(WatchPoller poller) : IActivity<PollWatchInput, WatchPoll>
{
    /// <inheritdoc/>
    public Task<WatchPoll> RunAsync(ActivityContext context, PollWatchInput input) =>
        poller.PollAsync(input.Tenant, input.WatchId, input.Url, context.CancellationToken);
}

/// <summary>Input of <see cref="PollWatch"/>.</summary>
public sealed record PollWatchInput(string Tenant, string WatchId, string Url);
