using System.Text.Json;
using AutoIntel.Core.Runs;
using AutoIntel.Discord.Commands;
using AutoIntel.Ingestion.Watches;
using AutoIntel.Workflows.Abstractions;
using AutoIntel.Workflows.AutoIntel;
using AutoIntel.Workflows.AutoIntel.Watch;
using Microsoft.Extensions.Logging;

namespace AutoIntel.Discord.Interactions;

/// <summary>The text of a <c>/autointel-watch add|list|remove</c> answer, for the invoking guild's watches only.</summary>
/// <remarks>
/// Answered at once (type 4, ephemeral): each subcommand is a few small store reads and writes plus, for add and remove, one
/// orchestration start or termination, which only records the request.
/// </remarks>
internal static class WatchAnswer
{
    private const int MaxContent = 2000;

    public static async Task<string> AnswerAsync(WatchStore? watches, IWorkflowClient workflows, SourceLinkValidator links, Interaction interaction, string tenant, ILogger log, CancellationToken cancellationToken)
    {
        if (watches is null)
        {
            return "Watches are not available on this host.";
        }

        InteractionOption? sub = interaction.Data?.Options is [var first, ..] ? first : null;
        try
        {
            return sub?.Name switch
            {
                CommandDefinitions.WatchAdd => await AddAsync(watches, workflows, links, interaction, tenant, sub.Options, log, cancellationToken),
                CommandDefinitions.WatchList => await ListAsync(watches, workflows, tenant, cancellationToken),
                CommandDefinitions.WatchRemove => await RemoveAsync(watches, workflows, tenant, Option(sub.Options, CommandDefinitions.IdOption), log, cancellationToken),
                _ => "Use `/autointel-watch add url:<feed or channel>`, `/autointel-watch list` or `/autointel-watch remove id:<watch id>`.",
            };
        }
        catch (WatchProblemException e)
        {
            return e.Message;
        }
    }

    private static async Task<string> AddAsync(WatchStore watches, IWorkflowClient workflows, SourceLinkValidator links, Interaction interaction, string tenant, IReadOnlyList<InteractionOption>? options, ILogger log, CancellationToken cancellationToken)
    {
        string? url = Option(options, CommandDefinitions.UrlOption)?.Trim();
        if (string.IsNullOrEmpty(url))
        {
            return "Give me a feed or video channel to watch: `/autointel-watch add url:<feed or channel link>`.";
        }

        if (links.Validate(url) is string problem)
        {
            return problem;
        }

        if (!DepthOption.TryParse(Option(options, CommandDefinitions.DepthOption), out Depth depth))
        {
            return DepthOption.Problem;
        }

        TimeSpan every = WatchIntervals.Default;
        if (Option(options, CommandDefinitions.EveryOption) is { } everyText && !WatchIntervals.TryParse(everyText, out every, out string? badEvery))
        {
            return badEvery!;
        }

        if (interaction.ChannelId is null)
        {
            return "I can only post results in a channel; this interaction has no channel.";
        }

        WatchRecord record = await watches.AddAsync(tenant, url, depth, every, interaction.InvokerId, (interaction.ApplicationId!, interaction.ChannelId, interaction.GuildId), cancellationToken);
        try
        {
            await workflows.StartAsync(WorkflowNames.Watch, WatchInputs.From(record), WatchIds.InstanceFor(record.Id), cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Without its orchestration a watch would sit in the list doing nothing: take it back and say so.
            log.LogError(e, "Could not start watch {WatchId}", record.Id);
            await watches.RemoveAsync(tenant, record.Id, cancellationToken);
            return "Sorry, I couldn't start the watch right now. Please try again in a minute.";
        }

        log.LogInformation("Watch {WatchId} added in tenant {Tenant} (every {Every}, {Depth})", record.Id, tenant, every, depth);
        return $"👀 Watching {record.Url} every {WatchIntervals.Format(every)} (depth {depth.ToString().ToLowerInvariant()}), watch id `{record.Id}`. "
            + "I'm briefing its newest episode now, and every new one after it, in this channel.";
    }

    private static async Task<string> ListAsync(WatchStore watches, IWorkflowClient workflows, string tenant, CancellationToken cancellationToken)
    {
        IReadOnlyList<WatchRecord> records = await watches.ListAsync(tenant, cancellationToken);
        if (records.Count == 0)
        {
            return "No watches here. Add one with `/autointel-watch add url:<feed or channel link>`.";
        }

        var lines = new List<string>();
        foreach (WatchRecord record in records)
        {
            lines.Add("• " + WatchView.Of(record, await workflows.GetStatusAsync(WatchIds.InstanceFor(record.Id), cancellationToken)).Describe());
        }

        string text = string.Join('\n', lines);
        return text.Length <= MaxContent ? text : text[..(MaxContent - 1)] + "…";
    }

    private static async Task<string> RemoveAsync(WatchStore watches, IWorkflowClient workflows, string tenant, string? id, ILogger log, CancellationToken cancellationToken)
    {
        id = id?.Trim().Trim('`');
        // Another guild's watch is answered like a missing one.
        if (!WatchIds.IsValid(id) || await watches.RemoveAsync(tenant, id, cancellationToken) is not { } removed)
        {
            return $"I can't find a watch with id `{id}` here. `/autointel-watch list` shows them.";
        }

        try
        {
            await workflows.TerminateAsync(WatchIds.InstanceFor(removed.Id), "watch removed", cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The record is gone, so the watch ends at its next poll anyway.
            log.LogWarning(e, "Watch {WatchId} removed; its orchestration ends at its next poll", removed.Id);
        }

        return $"Stopped watching {removed.Url} (watch `{removed.Id}`). Runs already started finish.";
    }

    private static string? Option(IReadOnlyList<InteractionOption>? options, string name) =>
        options?.FirstOrDefault(o => o.Name == name)?.Value is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;
}
