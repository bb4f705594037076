using System.Net;
using System.Text;
using System.Text.Json;
using AutoIntel.Core;
using AutoIntel.Core.Briefings;
using AutoIntel.Core.Serialization;
using AutoIntel.Discord.Rest;
using AutoIntel.Storage;
using AutoIntel.Workflows.AutoIntel;
using AutoIntel.Workflows.AutoIntel.Delivery;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AutoIntel.Discord.Delivery;

/// <summary>Delivers a run to Discord through a channel webhook, so nothing after stage 1 depends on the 15-minute interaction token.</summary>
/// <remarks>Every posted message has an idempotency key remembered in <c>runs/{runId}/delivery.json</c>; a retried activity skips or edits.</remarks>
public sealed class DiscordRunDelivery(
    DiscordRestClient rest,
    IArtifactStore store,
    WebhookCredentialStore webhooks,
    IOptions<DiscordOptions> options,
    TimeProvider time,
    ILogger<DiscordRunDelivery> log) : IRunDelivery
{
    /// <summary>The text the deferred reply is edited to once the run has started.</summary>
    public const string StartedText = "Started — results will be posted in this channel.";

    /// <summary>The same, when results go to the operator's default webhook (which may post elsewhere).</summary>
    public const string StartedElsewhereText = "Started — results will be posted through this server's configured AutoIntel webhook.";

    /// <inheritdoc />
    public async Task<DeliveryHandle> PrepareAsync(string runId, DeliveryTarget target, CancellationToken cancellationToken = default)
    {
        DeliveryState state = await LoadAsync(runId, cancellationToken);
        WebhookCredentials webhook;
        bool inThisChannel;
        try
        {
            (webhook, inThisChannel) = await EnsureWebhookAsync(target, cancellationToken);
        }
        catch (ConfigurationProblemException problem)
        {
            // Tell the user in the channel (while the token still works), and fail the run with the same words for its status.
            await TryEditReplyAsync(target, "⚠️ " + problem.Message, cancellationToken);
            throw new PermanentFailureException(problem.Message);
        }

        state.WebhookId = webhook.Id;
        if (!state.ReplyEdited)
        {
            await TryEditReplyAsync(target, $"{(inThisChannel ? StartedText : StartedElsewhereText)} Run id: `{runId}`", cancellationToken);
            state.ReplyEdited = true;
            await SaveAsync(runId, state, cancellationToken);
        }

        string progressKey = Key(runId, "progress", 0);
        if (!state.Messages.TryGetValue(progressKey, out string? progressId))
        {
            string text = $"⏳ **AutoIntel** run `{runId}` started.";
            DiscordMessage posted = await PostAsync(webhook, new MessagePayload(text), null, target.ChannelId, cancellationToken);
            progressId = posted.Id;
            state.Messages[progressKey] = progressId;
            state.ProgressText = text;
            state.ProgressEditedAt = time.GetUtcNow();
            await SaveAsync(runId, state, cancellationToken);
        }

        return new DeliveryHandle(runId, target.ChannelId, webhook.Id, progressId);
    }

    /// <inheritdoc />
    public async Task ReportProgressAsync(DeliveryHandle handle, RunProgress progress, CancellationToken cancellationToken = default)
    {
        if (handle.ProgressMessageId is null)
        {
            return;
        }

        DeliveryState state = await LoadAsync(handle.RunId, cancellationToken);
        string text = ProgressText(handle.RunId, progress);
        DateTimeOffset now = time.GetUtcNow();
        bool tooSoon = state.ProgressEditedAt is DateTimeOffset last && now - last < options.Value.ProgressEditInterval;
        if (text == state.ProgressText || tooSoon)
        {
            return;
        }

        await EditProgressAsync(handle, state, text, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<DeliveryReceipt> DeliverAsync(DeliveryHandle handle, Briefing briefing, ArtifactRef markdownReport, CancellationToken cancellationToken = default)
    {
        DeliveryState state = await LoadAsync(handle.RunId, cancellationToken);
        WebhookCredentials webhook = await ResolveAsync(handle, cancellationToken);
        byte[] report = await store.GetAsync(markdownReport.Path, cancellationToken);

        var messages = BriefingEmbedBuilder.Build(briefing)
            .Select(m => (Payload: new MessagePayload(m.Content, m.Embeds), Files: (IReadOnlyList<FileUpload>?)null))
            .ToList();
        IReadOnlyList<FileUpload> reportFiles = ReportFiles(handle.RunId, report);
        foreach (FileUpload[] batch in reportFiles.Chunk(EmbedLimits.FilesPerMessage))
        {
            // The report rides on the last briefing message; more parts than fit get messages of their own.
            if (messages[^1].Files is null)
            {
                messages[^1] = messages[^1] with { Files = batch };
            }
            else
            {
                messages.Add((new MessagePayload("📎 Full report (continued)"), batch));
            }
        }

        var ids = new List<string>();
        for (int i = 0; i < messages.Count; i++)
        {
            string key = Key(handle.RunId, "briefing", i);
            if (state.Messages.TryGetValue(key, out string? existing))
            {
                ids.Add(existing);
                continue;
            }

            DiscordMessage posted = await PostAsync(webhook, messages[i].Payload, messages[i].Files, handle.ChannelId, cancellationToken);
            state.Messages[key] = posted.Id;
            ids.Add(posted.Id);

            // Saved after each message, so a crash re-posts at most the message in flight.
            await SaveAsync(handle.RunId, state, cancellationToken);
        }

        if (handle.ProgressMessageId is not null)
        {
            await EditProgressAsync(handle, state, $"✅ **AutoIntel** run `{handle.RunId}` finished — briefing below.", cancellationToken);
        }

        log.LogInformation("Delivered run {RunId}: {Count} messages", handle.RunId, ids.Count);
        return new DeliveryReceipt(ids);
    }

    /// <inheritdoc />
    public async Task ReportFailureAsync(DeliveryHandle handle, string message, CancellationToken cancellationToken = default)
    {
        DeliveryState state = await LoadAsync(handle.RunId, cancellationToken);
        string text = $"❌ **AutoIntel** run `{handle.RunId}` failed: {message}";
        text = text.Length <= EmbedLimits.Content ? text : text[..(EmbedLimits.Content - 1)] + "…";
        if (handle.ProgressMessageId is not null)
        {
            await EditProgressAsync(handle, state, text, cancellationToken);
            return;
        }

        string key = Key(handle.RunId, "failure", 0);
        if (!state.Messages.ContainsKey(key))
        {
            DiscordMessage posted = await PostAsync(await ResolveAsync(handle, cancellationToken), new MessagePayload(text), null, handle.ChannelId, cancellationToken);
            state.Messages[key] = posted.Id;
            await SaveAsync(handle.RunId, state, cancellationToken);
        }
    }

    /// <summary>The idempotency key of one message of a run.</summary>
    public static string Key(string runId, string purpose, int index) => $"{runId}/{purpose}/{index}";

    /// <summary>Where a run's delivery state is stored.</summary>
    public static string StatePath(string runId) => $"runs/{runId}/delivery.json";

    private static string ProgressText(string runId, RunProgress progress)
    {
        var text = new StringBuilder($"⏳ **AutoIntel** run `{runId}` — stage {progress.StageNumber}/{progress.StageCount}: **{progress.Stage}**");
        if (!string.IsNullOrWhiteSpace(progress.Detail))
        {
            text.Append(" — ").Append(progress.Detail);
        }

        if (progress.CompletedStages.Count > 0)
        {
            text.Append('\n').AppendJoin(" · ", progress.CompletedStages.Select(s => $"✓ {s.Name} {Interactions.RunStatusText.FormatDuration(s.DurationMs)}"));
        }

        // A status line, not content: shortening it hides nothing the briefing does not show in full.
        return text.Length <= EmbedLimits.Content ? text.ToString() : text.ToString(0, EmbedLimits.Content - 1) + "…";
    }

    private static IReadOnlyList<FileUpload> ReportFiles(string runId, byte[] report)
    {
        string name = $"autointel-{SafeFileName(runId)}";
        if (report.Length <= EmbedLimits.FileBytes)
        {
            return [new FileUpload($"{name}.md", report, "text/markdown")];
        }

        return [.. report.Chunk(EmbedLimits.FileBytes).Select((part, i) => new FileUpload($"{name}.part{i + 1}.md", part, "text/markdown"))];
    }

    private static string SafeFileName(string value) => new([.. value.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-')]);

    private async Task EditProgressAsync(DeliveryHandle handle, DeliveryState state, string text, CancellationToken cancellationToken)
    {
        WebhookCredentials webhook = await ResolveAsync(handle, cancellationToken);
        try
        {
            await rest.EditWebhookMessageAsync(webhook, handle.ProgressMessageId!, new MessagePayload(text), null, cancellationToken);
        }
        catch (DiscordApiException e) when (e.Code == DiscordErrorCodes.UnknownMessage)
        {
            // Someone deleted the progress message; progress is a courtesy, the run goes on.
            log.LogInformation("Progress message of run {RunId} is gone; not editing it", handle.RunId);
        }

        state.ProgressText = text;
        state.ProgressEditedAt = time.GetUtcNow();
        await SaveAsync(handle.RunId, state, cancellationToken);
    }

    private async Task<DiscordMessage> PostAsync(WebhookCredentials webhook, MessagePayload payload, IReadOnlyList<FileUpload>? files, string channelId, CancellationToken cancellationToken)
    {
        try
        {
            return await rest.ExecuteWebhookAsync(webhook, payload, files, cancellationToken);
        }
        catch (DiscordApiException e) when (e.Code is DiscordErrorCodes.UnknownWebhook or DiscordErrorCodes.InvalidWebhookToken)
        {
            await webhooks.ForgetChannelAsync(channelId, cancellationToken);
            throw new PermanentFailureException("The AutoIntel webhook of this channel was deleted or its token is invalid. Run the command again and a new webhook will be created.");
        }
    }

    // Returns the webhook and whether it posts into the interaction's own channel.
    private async Task<(WebhookCredentials Webhook, bool InThisChannel)> EnsureWebhookAsync(DeliveryTarget target, CancellationToken cancellationToken)
    {
        DiscordOptions o = options.Value;
        if (target.WebhookUrl is not null)
        {
            return WebhookCredentials.TryParse(target.WebhookUrl, out WebhookCredentials? given)
                ? (await RememberAsync(given, null, cancellationToken), true)
                : throw new ConfigurationProblemException("The webhook URL given for this run is not a Discord webhook URL.");
        }

        if (o.HasBotToken && target.GuildId is not null)
        {
            if (await webhooks.ForChannelAsync(target.ChannelId, cancellationToken) is WebhookCredentials known)
            {
                return (known, true);
            }

            try
            {
                DiscordWebhook created = await rest.GetOrCreateChannelWebhookAsync(target.ChannelId, cancellationToken);
                return (await RememberAsync(new WebhookCredentials(created.Id, created.Token!), target.ChannelId, cancellationToken), true);
            }
            catch (DiscordApiException e) when (e.Code is DiscordErrorCodes.MissingPermissions or DiscordErrorCodes.MissingAccess || e.Status == HttpStatusCode.Forbidden)
            {
                throw new ConfigurationProblemException(
                    "AutoIntel needs the **Manage Webhooks** permission in this channel to post results. "
                    + "Ask a server admin to give the AutoIntel role Manage Webhooks (plus Send Messages, Embed Links and Attach Files) here, then run the command again.");
            }
            catch (DiscordApiException e) when (e.Code == DiscordErrorCodes.MaxWebhooksReached)
            {
                throw new ConfigurationProblemException("This channel already has the maximum number of webhooks (15). Delete an unused one in Channel Settings → Integrations, then run the command again.");
            }
            catch (DiscordApiException e) when (e.Status == HttpStatusCode.Unauthorized)
            {
                throw new ConfigurationProblemException("The bot token was refused by Discord. The operator must set a valid Discord__BotToken (Developer Portal → Bot → Reset Token).");
            }
        }

        if (WebhookCredentials.TryParse(o.DefaultWebhookUrl, out WebhookCredentials? fallback))
        {
            return (await RememberAsync(fallback, null, cancellationToken), false);
        }

        throw new ConfigurationProblemException(target.GuildId is null && o.HasBotToken
            ? "Results can't be posted in DMs: channel webhooks exist only in server channels. Run /autointel in a server channel (or the operator can set Discord__DefaultWebhookUrl)."
            : "AutoIntel has no way to post results: the operator must set Discord__BotToken (recommended; the bot needs Manage Webhooks) or Discord__DefaultWebhookUrl, then run the command again.");
    }

    private async Task<WebhookCredentials> RememberAsync(WebhookCredentials webhook, string? channelId, CancellationToken cancellationToken)
    {
        await webhooks.SaveAsync(webhook, channelId, cancellationToken);
        return webhook;
    }

    private async Task<WebhookCredentials> ResolveAsync(DeliveryHandle handle, CancellationToken cancellationToken)
    {
        if (await webhooks.ByIdAsync(handle.WebhookId, cancellationToken) is WebhookCredentials known)
        {
            return known;
        }

        return WebhookCredentials.TryParse(options.Value.DefaultWebhookUrl, out WebhookCredentials? fallback) && fallback.Id == handle.WebhookId
            ? fallback
            : throw new PermanentFailureException("The credentials of this run's webhook are gone from storage; run the command again.");
    }

    private async Task TryEditReplyAsync(DeliveryTarget target, string text, CancellationToken cancellationToken)
    {
        try
        {
            await rest.EditOriginalInteractionResponseAsync(target.ApplicationId, target.InteractionToken, new MessagePayload(text), cancellationToken);
        }
        catch (DiscordApiException e) when (e.IsInvalidToken || e.Status is HttpStatusCode.Unauthorized or HttpStatusCode.NotFound)
        {
            // The 15-minute token expired (or the reply was dismissed): results still go through the webhook.
            log.LogInformation("Interaction reply could not be edited ({Code}); continuing through the webhook", e.Code);
        }
    }

    private async Task<DeliveryState> LoadAsync(string runId, CancellationToken cancellationToken)
    {
        string path = StatePath(runId);
        return await store.ExistsAsync(path, cancellationToken)
            ? JsonSerializer.Deserialize<DeliveryState>(await store.GetAsync(path, cancellationToken), AutoIntelJson.Options) ?? new DeliveryState()
            : new DeliveryState();
    }

    private async Task SaveAsync(string runId, DeliveryState state, CancellationToken cancellationToken) =>
        await store.PutAsync(StatePath(runId), JsonSerializer.SerializeToUtf8Bytes(state, AutoIntelJson.Options), "application/json", cancellationToken);

    private sealed class ConfigurationProblemException(string message) : Exception(message);
}
