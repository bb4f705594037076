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

/// <summary>Delivers a run to Discord as the bot (or through a webhook), so nothing after stage 1 depends on the 15-minute interaction token.</summary>
/// <remarks>
/// Every message has a <see cref="MessageKey"/>; posted ids are remembered in <c>runs/{runId}/delivery.json</c>, so a retried
/// activity skips or edits. What happens when Discord accepted a message but the answer was lost depends on the
/// <see cref="IRunChannel"/>: as the bot, the message is found again (exactly once); through a webhook it is posted again (at least once).
/// </remarks>
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
        try
        {
            (IRunChannel channel, string? webhookId, bool inThisChannel) = await ChooseChannelAsync(target, cancellationToken);
            state.WebhookId = webhookId;
            // A run a watch started has no interaction to answer (its token is empty).
            if (!state.ReplyEdited && target.InteractionToken.Length > 0)
            {
                await TryEditReplyAsync(target, $"{(inThisChannel ? StartedText : StartedElsewhereText)} Run id: `{runId}`", cancellationToken);
                state.ReplyEdited = true;
                await SaveAsync(runId, state, cancellationToken);
            }

            var progressKey = new MessageKey(runId, "progress", 0);
            bool known = state.Messages.ContainsKey(progressKey.ToString());
            string text = $"⏳ **AutoIntel** run `{runId}` started.";
            string progressId;
            try
            {
                progressId = await PostOnceAsync(channel, state, progressKey, new MessagePayload(text), null, cancellationToken);
            }
            catch (DiscordApiException e) when (webhookId is null && BotCannotPost(e) is string problem)
            {
                throw new ConfigurationProblemException(problem);
            }

            if (!known)
            {
                state.ProgressText = text;
                state.ProgressEditedAt = time.GetUtcNow();
                await SaveAsync(runId, state, cancellationToken);
            }

            return new DeliveryHandle(runId, target.ChannelId, webhookId, progressId);
        }
        catch (ConfigurationProblemException problem)
        {
            // Tell the user in the channel (while the token still works), and fail the run with the same words for its status.
            await TryEditReplyAsync(target, "⚠️ " + problem.Message, cancellationToken);
            throw new PermanentFailureException(problem.Message);
        }
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

        await EditProgressAsync(await ChannelOfAsync(handle, cancellationToken), handle, state, text, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<DeliveryReceipt> DeliverAsync(DeliveryHandle handle, Briefing briefing, ArtifactRef markdownReport, CancellationToken cancellationToken = default)
    {
        DeliveryState state = await LoadAsync(handle.RunId, cancellationToken);
        IRunChannel channel = await ChannelOfAsync(handle, cancellationToken);
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

        // Feedback buttons ride on the last message, under everything they judge.
        if (channel.CarriesComponents && FeedbackComponents.Buttons(handle.RunId, briefing.Claims.Count > 0) is { } buttons)
        {
            messages[^1] = messages[^1] with { Payload = messages[^1].Payload with { Components = [buttons] } };
        }

        var ids = new List<string>();
        for (int i = 0; i < messages.Count; i++)
        {
            ids.Add(await PostOnceAsync(channel, state, new MessageKey(handle.RunId, "briefing", i), messages[i].Payload, messages[i].Files, cancellationToken));
        }

        if (handle.ProgressMessageId is not null)
        {
            await EditProgressAsync(channel, handle, state, $"✅ **AutoIntel** run `{handle.RunId}` finished — briefing below.", cancellationToken);
        }

        log.LogInformation("Delivered run {RunId}: {Count} messages", handle.RunId, ids.Count);
        return new DeliveryReceipt(ids);
    }

    /// <inheritdoc />
    public async Task ReportFailureAsync(DeliveryHandle handle, string message, CancellationToken cancellationToken = default)
    {
        DeliveryState state = await LoadAsync(handle.RunId, cancellationToken);
        IRunChannel channel = await ChannelOfAsync(handle, cancellationToken);
        string text = $"❌ **AutoIntel** run `{handle.RunId}` failed: {message}";
        if (handle.ProgressMessageId is not null)
        {
            await EditProgressAsync(channel, handle, state, text, cancellationToken);
            return;
        }

        await PostOnceAsync(channel, state, new MessageKey(handle.RunId, "failure", 0), new MessagePayload(text), null, cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>Kept like a run's messages (under <c>runs/{noticeId}/</c>), so a retried activity does not post twice.</remarks>
    public async Task PostNoticeAsync(string noticeId, DeliveryTarget target, string text, CancellationToken cancellationToken = default)
    {
        DeliveryState state = await LoadAsync(noticeId, cancellationToken);
        (IRunChannel channel, _, _) = await ChooseChannelAsync(target, cancellationToken);
        await PostOnceAsync(channel, state, new MessageKey(noticeId, "notice", 0), new MessagePayload(text), null, cancellationToken);
    }

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

        // A status line, not content: shortening it (MessageKey.Mark) hides nothing the briefing does not show in full.
        return text.ToString();
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

    // Posts the message of a key unless it is known to be posted; saved after each message, so a retry skips what is done.
    private async Task<string> PostOnceAsync(IRunChannel channel, DeliveryState state, MessageKey key, MessagePayload payload, IReadOnlyList<FileUpload>? files, CancellationToken cancellationToken)
    {
        if (state.Messages.TryGetValue(key.ToString(), out string? posted))
        {
            return posted;
        }

        DateTimeOffset? earlierAttempt = state.Attempts.TryGetValue(key.ToString(), out DateTimeOffset at) ? at : null;
        if (earlierAttempt is null && channel.FindsEarlierAttempts)
        {
            // Saved before posting: if the answer is lost, the retry knows to look for this message first.
            state.Attempts[key.ToString()] = time.GetUtcNow();
            await SaveAsync(key.RunId, state, cancellationToken);
        }

        DiscordMessage message = await channel.PostAsync(key, payload with { Content = key.Mark(payload.Content, EmbedLimits.Content) }, files, earlierAttempt, cancellationToken);
        state.Messages[key.ToString()] = message.Id;
        state.Attempts.Remove(key.ToString());
        await SaveAsync(key.RunId, state, cancellationToken);
        return message.Id;
    }

    private async Task EditProgressAsync(IRunChannel channel, DeliveryHandle handle, DeliveryState state, string text, CancellationToken cancellationToken)
    {
        var key = new MessageKey(handle.RunId, "progress", 0);
        try
        {
            // The marker stays on every edit, so a restart can still find the message.
            await channel.EditAsync(handle.ProgressMessageId!, new MessagePayload(key.Mark(text, EmbedLimits.Content)), cancellationToken);
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

    // Returns the channel, the webhook id (null when posting as the bot) and whether results appear in the interaction's own channel.
    private async Task<(IRunChannel Channel, string? WebhookId, bool InThisChannel)> ChooseChannelAsync(DeliveryTarget target, CancellationToken cancellationToken)
    {
        DiscordOptions o = options.Value;
        if (target.WebhookUrl is not null)
        {
            return WebhookCredentials.TryParse(target.WebhookUrl, out WebhookCredentials? given)
                ? (new WebhookChannel(rest, await RememberAsync(given, cancellationToken)), given.Id, true)
                : throw new ConfigurationProblemException("The webhook URL given for this run is not a Discord webhook URL.");
        }

        if (o.HasBotToken && target.GuildId is not null)
        {
            return (new BotChannel(rest, target.ChannelId, log), null, true);
        }

        if (WebhookCredentials.TryParse(o.DefaultWebhookUrl, out WebhookCredentials? fallback))
        {
            return (new WebhookChannel(rest, await RememberAsync(fallback, cancellationToken)), fallback.Id, false);
        }

        throw new ConfigurationProblemException(target.GuildId is null && o.HasBotToken
            ? "Results can't be posted in DMs with only a bot token. Run /autointel in a server channel (or the operator can set Discord__DefaultWebhookUrl)."
            : "AutoIntel has no way to post results: the operator must set Discord__BotToken (recommended) or Discord__DefaultWebhookUrl, then run the command again.");
    }

    // The first post as the bot is where missing permissions or a refused token show.
    private static string? BotCannotPost(DiscordApiException e) => e switch
    {
        { Status: HttpStatusCode.Unauthorized } => "The bot token was refused by Discord. The operator must set a valid Discord__BotToken (Developer Portal → Bot → Reset Token).",
        { Status: HttpStatusCode.Forbidden } or { Code: DiscordErrorCodes.MissingPermissions or DiscordErrorCodes.MissingAccess } =>
            "AutoIntel can't post in this channel. Ask a server admin to give the AutoIntel role **View Channel**, **Send Messages**, "
            + "**Read Message History**, **Embed Links** and **Attach Files** here, then run the command again.",
        _ => null,
    };

    private async Task<WebhookCredentials> RememberAsync(WebhookCredentials webhook, CancellationToken cancellationToken)
    {
        await webhooks.SaveAsync(webhook, cancellationToken);
        return webhook;
    }

    private async Task<IRunChannel> ChannelOfAsync(DeliveryHandle handle, CancellationToken cancellationToken)
    {
        if (handle.WebhookId is null)
        {
            return new BotChannel(rest, handle.ChannelId, log);
        }

        if (await webhooks.ByIdAsync(handle.WebhookId, cancellationToken) is WebhookCredentials known)
        {
            return new WebhookChannel(rest, known);
        }

        return WebhookCredentials.TryParse(options.Value.DefaultWebhookUrl, out WebhookCredentials? fallback) && fallback.Id == handle.WebhookId
            ? new WebhookChannel(rest, fallback)
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
