using AutoIntel.Ingestion.Watches;
using AutoIntel.Workflows.Abstractions;
using AutoIntel.Workflows.AutoIntel.Delivery;

namespace AutoIntel.Workflows.AutoIntel.Watch;

/// <summary>
/// One watch, forever: poll the feed, run the /autointel workflow once per new item, wait on a durable timer, continue as new.
/// </summary>
/// <remarks>
/// Each generation is one poll, so the history stays one poll long. An item is analysed once: its run's instance id comes from
/// the watch id and the item's key (<see cref="WatchIds.RunFor"/>), and the seen-set travels in the continue-as-new input.
/// A poll that fails backs off (<see cref="WatchSchedule.Delay"/>) and the channel is told once per failing streak.
/// </remarks>
public sealed class WatchWorkflow : IWorkflow<WatchInput, WatchOutcome>
{
    /// <inheritdoc/>
    public async Task<WatchOutcome> RunAsync(IWorkflowContext context, WatchInput input)
    {
        DateTime polledAt = context.CurrentUtcDateTime;
        context.SetCustomStatus(Status(input, "polling", polledAt, null));
        WatchPoll poll;
        try
        {
            poll = await context.CallActivityAsync<WatchPoll>(ActivityNames.PollWatch, new PollWatchInput(input.Tenant, input.WatchId, input.Url), Retries.Poll);
        }
        catch (ActivityFailedException ex)
        {
            return await BackOffAsync(context, input, polledAt, ex.Failure.Message);
        }

        if (poll.Removed)
        {
            context.SetCustomStatus(Status(input, "removed", polledAt, null));
            return new WatchOutcome("removed");
        }

        if (input.Failures > 0)
        {
            await TellChannelAsync(context, input, "recovered", $"✅ Watch `{input.WatchId}` reads {input.Url} again.");
        }

        IReadOnlyList<WatchItem> analyse = WatchPlan.ToAnalyse(poll.Items, input.Seen, input.Primed);
        context.SetCustomStatus(Status(input, "analysing", polledAt, null) with { RunsStarted = input.RunsStarted + analyse.Count });
        // Side by side: each run is its own instance, bounded per poll by WatchPlan.MaxRunsPerPoll.
        await Task.WhenAll(analyse.Select(item => RunItemAsync(context, input, item)));

        var next = input with
        {
            Seen = WatchPlan.Remember(input.Seen, poll.Items, analyse, input.Primed),
            Primed = true,
            Failures = 0,
            LastError = null,
            RunsStarted = input.RunsStarted + analyse.Count,
        };
        return await WaitThenContinueAsync(context, next, polledAt, "waiting");
    }

    private static async Task RunItemAsync(IWorkflowContext context, WatchInput input, WatchItem item)
    {
        var request = new AnalyzeRequest(
            WatchLinks.ForItem(input.Url, item), input.Depth, input.Tenant, input.Delivery, input.AddedBy, new WatchOrigin(input.WatchId, item.Title));
        try
        {
            await context.CallSubWorkflowAsync<RunResult>(WorkflowNames.AutoIntel, request, WatchIds.RunFor(input.WatchId, item.Key));
        }
        catch (SubWorkflowFailedException)
        {
            // The run has told its channel and keeps its failure in its own status; the watch goes on with the next items.
        }
    }

    private static async Task<WatchOutcome> BackOffAsync(IWorkflowContext context, WatchInput input, DateTime polledAt, string error)
    {
        var next = input with { Failures = input.Failures + 1, LastError = error };
        if (next.Failures == 1)
        {
            TimeSpan retryIn = WatchSchedule.Delay(input.Every, next.Failures);
            await TellChannelAsync(context, input, "failing", $"⚠️ Watch `{input.WatchId}` could not read {input.Url}: {error} Trying again in {WatchIntervals.Format(retryIn)}, then less and less often until it works.");
        }

        return await WaitThenContinueAsync(context, next, polledAt, "backing off");
    }

    private static async Task<WatchOutcome> WaitThenContinueAsync(IWorkflowContext context, WatchInput next, DateTime polledAt, string state)
    {
        DateTime fireAt = polledAt + WatchSchedule.Delay(next.Every, next.Failures);
        context.SetCustomStatus(Status(next, state, polledAt, fireAt));
        await context.CreateTimer(fireAt);
        context.ContinueAsNew(next);
        return new WatchOutcome("continued");
    }

    // Notices are a courtesy: a channel that cannot be told does not stop the watch (its status carries the error).
    private static async Task TellChannelAsync(IWorkflowContext context, WatchInput input, string kind, string text)
    {
        if (input.Delivery is not { } channel)
        {
            return;
        }

        try
        {
            string noticeId = $"{WatchIds.InstanceFor(input.WatchId)}-{kind}-{context.NewGuid():N}";
            await context.CallActivityAsync<bool>(ActivityNames.NotifyWatch, new NotifyWatchInput(noticeId, channel, text), Retries.Deliver);
        }
        catch (ActivityFailedException)
        {
        }
    }

    private static WatchStatus Status(WatchInput input, string state, DateTime polledAt, DateTime? nextPoll) =>
        new(state, polledAt, nextPoll, input.Failures, input.LastError, input.RunsStarted, input.Seen.Count);
}
