using System.Text.Json;
using AutoIntel.Core.Runs;
using AutoIntel.Core.Serialization;
using AutoIntel.Core.Telemetry;
using AutoIntel.Core.Text;
using AutoIntel.Discord.Commands;
using AutoIntel.Discord.Rest;
using AutoIntel.Ingestion.Watches;
using AutoIntel.Memory.Recall;
using AutoIntel.Workflows.Abstractions;
using AutoIntel.Workflows.AutoIntel;
using AutoIntel.Workflows.AutoIntel.Delivery;
using AutoIntel.Workflows.AutoIntel.Quality;
using Microsoft.Extensions.Logging;

namespace AutoIntel.Discord.Interactions;

/// <summary>The interactions endpoint, host-agnostic: verifies, parses and answers one request; the local server and the Functions trigger both call it.</summary>
public sealed class InteractionHandler(
    Ed25519Verifier verifier,
    SourceLinkValidator links,
    IWorkflowClient workflows,
    ILogger<InteractionHandler> log,
    IMemoryRecall? memory = null,
    WatchStore? watches = null,
    FeedbackRecorder? feedback = null)
{
    /// <summary>Largest body accepted; Discord's interaction payloads are a few kilobytes.</summary>
    public const int MaxBodyBytes = 256 * 1024;

    /// <summary>Message flag that makes a reply visible only to the invoking user.</summary>
    public const int EphemeralFlag = 64;

    private const int PongType = 1;
    private const int MessageType = 4;
    private const int DeferredMessageType = 5;

    private static readonly string PongBody = Serialize(new InteractionCallback(PongType));
    private static readonly string DeferredBody = Serialize(new InteractionCallback(DeferredMessageType));

    /// <summary>Handles one POST read from an HTTP request body; every host calls this, so the size limit is enforced in one place.</summary>
    /// <param name="contentLength">The declared Content-Length, if any: a larger one is refused before reading.</param>
    public async Task<InteractionResponse> HandleAsync(InteractionHeaders headers, Stream body, long? contentLength, CancellationToken cancellationToken = default)
    {
        if (contentLength > MaxBodyBytes)
        {
            return Error(400, "request body too large");
        }

        byte[]? bytes = await BoundedBody.ReadAsync(body, MaxBodyBytes, cancellationToken);
        return bytes is null ? Error(400, "request body too large") : await HandleAsync(headers, bytes, cancellationToken);
    }

    /// <summary>Handles one POST: 400 for oversized or malformed bodies, 401 for bad signatures, else 200 with the interaction response.</summary>
    public async Task<InteractionResponse> HandleAsync(InteractionHeaders headers, ReadOnlyMemory<byte> rawBody, CancellationToken cancellationToken = default)
    {
        if (rawBody.Length > MaxBodyBytes)
        {
            return Error(400, "request body too large");
        }

        SignatureCheck check = verifier.Verify(headers.Signature, headers.Timestamp, rawBody.Span);
        if (check != SignatureCheck.Valid)
        {
            log.LogInformation("Refused interaction request: {SignatureCheck}", check);
            return Error(401, "invalid request signature");
        }

        Interaction? interaction;
        try
        {
            interaction = JsonSerializer.Deserialize<Interaction>(rawBody.Span, DiscordJson.Options);
        }
        catch (JsonException)
        {
            return Error(400, "malformed JSON");
        }

        if (interaction is null)
        {
            return Error(400, "malformed JSON");
        }

        return interaction.Type switch
        {
            InteractionType.Ping => new InteractionResponse(200, PongBody),
            InteractionType.ApplicationCommand => await HandleCommandAsync(interaction, cancellationToken),
            InteractionType.MessageComponent => await HandleComponentAsync(interaction, cancellationToken),
            _ => Ephemeral("AutoIntel only understands its slash commands: `/autointel` and `/autointel-status`."),
        };
    }

    private async Task<InteractionResponse> HandleCommandAsync(Interaction interaction, CancellationToken cancellationToken)
    {
        if (interaction.Id is null || interaction.ApplicationId is null || interaction.Token is null || interaction.Data is null)
        {
            return Error(400, "interaction lacks id, application_id, token or data");
        }

        if (RefuseIds(interaction) is { } refused)
        {
            return refused;
        }

        log.LogInformation("Interaction {InteractionId}: /{Command} in guild {GuildId} channel {ChannelId}", interaction.Id, ControlCharacters.StripToLine(interaction.Data.Name ?? string.Empty), interaction.GuildId, interaction.ChannelId);
        try
        {
            return interaction.Data.Name switch
            {
                CommandDefinitions.AnalyzeCommand => await StartAnalysisAsync(interaction, interaction.Data, cancellationToken),
                CommandDefinitions.StatusCommand => await DescribeRunAsync(interaction, interaction.Data, cancellationToken),
                CommandDefinitions.RecallCommand => Ephemeral(await RecallAnswer.AnswerAsync(memory, Tenant(interaction), StringOption(interaction.Data, CommandDefinitions.QueryOption), log, cancellationToken)),
                CommandDefinitions.WatchCommand => Ephemeral(await WatchAnswer.AnswerAsync(watches, workflows, links, interaction, Tenant(interaction), log, cancellationToken)),
                _ => Ephemeral($"I don't know the command `/{ControlCharacters.StripToLine(interaction.Data.Name ?? string.Empty)}`. Try `/autointel url:<link>` or `/autointel-status id:<run id>`."),
            };
        }
        catch (OptionException e)
        {
            return Ephemeral(e.Message);
        }
    }

    private async Task<InteractionResponse> HandleComponentAsync(Interaction interaction, CancellationToken cancellationToken)
    {
        if (interaction.Id is null || interaction.ApplicationId is null || interaction.Data is null || interaction.InvokerId is null)
        {
            return Error(400, "interaction lacks id, application_id, data or user");
        }

        if (RefuseIds(interaction) is { } refused)
        {
            return refused;
        }

        return await FeedbackInteractions.HandleAsync(feedback, workflows, interaction, interaction.InvokerId, log, cancellationToken);
    }

    private async Task<InteractionResponse> StartAnalysisAsync(Interaction interaction, InteractionData data, CancellationToken cancellationToken)
    {
        string? url = StringOption(data, CommandDefinitions.UrlOption)?.Trim();
        string? depthText = StringOption(data, CommandDefinitions.DepthOption);
        string? attachmentId = StringOption(data, CommandDefinitions.FileOption);

        if (!DepthOption.TryParse(depthText, out Depth depth))
        {
            return Ephemeral(DepthOption.Problem);
        }

        string source;
        if (!string.IsNullOrEmpty(url) && attachmentId is not null)
        {
            return Ephemeral("Give me either a link or a file, not both.");
        }
        else if (attachmentId is not null)
        {
            DiscordAttachment? file = null;
            if (data.Resolved?.Attachments?.TryGetValue(attachmentId, out file) != true || file?.Url is null)
            {
                return Ephemeral("I couldn't find the attached file. Please attach it again.");
            }

            source = file.Url;
        }
        else if (!string.IsNullOrEmpty(url))
        {
            if (links.Validate(url) is string problem)
            {
                return Ephemeral(problem);
            }

            source = url;
        }
        else
        {
            return Ephemeral("Give me something to analyse: `/autointel url:<link>` or attach a file with `file:`.");
        }

        if (interaction.ChannelId is null)
        {
            return Ephemeral("I can only post results in a channel or DM; this interaction has no channel.");
        }

        string tenant = Tenant(interaction);
        var request = new AnalyzeRequest(
            source,
            depth,
            tenant,
            new DeliveryTarget(interaction.ApplicationId!, interaction.Token!, interaction.ChannelId, interaction.GuildId),
            interaction.InvokerId,
            TraceParent: RunTrace.NewTraceParent());
        string instanceId = WorkflowNames.InstanceIdForInteraction(interaction.Id!);
        try
        {
            // The start only records the request; everything slow happens inside the run.
            StartResult started = await workflows.StartAsync(WorkflowNames.AutoIntel, request, instanceId, cancellationToken);
            log.LogInformation("Run {InstanceId} {Outcome} ({Depth}, tenant {Tenant})", started.InstanceId, started.Created ? "started" : "already existed", depth, tenant);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogError(e, "Could not start run {InstanceId}", instanceId);
            return Ephemeral("Sorry, I couldn't start the analysis right now. Please try again in a minute.");
        }

        return new InteractionResponse(200, DeferredBody);
    }

    private async Task<InteractionResponse> DescribeRunAsync(Interaction interaction, InteractionData data, CancellationToken cancellationToken)
    {
        string? id = StringOption(data, CommandDefinitions.IdOption)?.Trim().Trim('`');
        if (!InstanceIds.IsValid(id))
        {
            return Ephemeral("Give me a run id, like `discord-1234567890`.");
        }

        InstanceStatus? status = await workflows.GetStatusAsync(id, cancellationToken);
        if (status is null && !id.StartsWith("discord-", StringComparison.Ordinal))
        {
            status = await workflows.GetStatusAsync(WorkflowNames.InstanceIdForInteraction(id), cancellationToken);
        }

        // Runs of another server are none of this one's business: answer as if they did not exist.
        if (status is null || ReadTenant(status) is string owner && owner != Tenant(interaction))
        {
            return Ephemeral($"I can't find a run with id `{id}`.");
        }

        return Ephemeral(RunStatusText.Describe(status));
    }

    // The ids become instance ids, paths and log values: anything but a snowflake is refused before any of them sees it.
    private InteractionResponse? RefuseIds(Interaction interaction)
    {
        if (NotSnowflake(interaction) is not { } field)
        {
            return null;
        }

        log.LogWarning("Refused a signed interaction: its {Field} is not a Discord snowflake", field);
        return Error(400, $"interaction {field} is not a Discord snowflake");
    }

    // The first id field that is present but not a snowflake (application, guild and channel ids are optional in some interactions).
    private static string? NotSnowflake(Interaction interaction) =>
        !Snowflake.IsValid(interaction.Id) ? "id"
        : !Snowflake.IsValid(interaction.ApplicationId) ? "application_id"
        : interaction.GuildId is not null && !Snowflake.IsValid(interaction.GuildId) ? "guild_id"
        : interaction.ChannelId is not null && !Snowflake.IsValid(interaction.ChannelId) ? "channel_id"
        : interaction.InvokerId is not null && !Snowflake.IsValid(interaction.InvokerId) ? "user id"
        : null;

    /// <summary>The tenant of an interaction: its guild, or <c>dm-{user}</c> outside guilds.</summary>
    internal static string Tenant(Interaction interaction) => interaction.GuildId ?? $"dm-{interaction.InvokerId ?? "unknown"}";

    /// <summary>The tenant a run was started for, or null when its input is not an /autointel request.</summary>
    internal static string? ReadTenant(InstanceStatus status)
    {
        try
        {
            return status.Input?.Deserialize<AnalyzeRequest>(AutoIntelJson.Options)?.Tenant;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? StringOption(InteractionData data, string name)
    {
        InteractionOption? option = data.Options?.FirstOrDefault(o => o.Name == name);
        if (option?.Value is not JsonElement value)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw new OptionException($"The `{name}` option has the wrong type; please pick it from the command menu.");
    }

    /// <summary>A type-4 answer only the invoking user sees, optionally with components.</summary>
    internal static InteractionResponse Ephemeral(string content, IReadOnlyList<MessageComponent>? components = null) => Respond(MessageType, content, components);

    /// <summary>An ephemeral answer of the given callback type (4 message, 7 update the message the component is on).</summary>
    internal static InteractionResponse Respond(int type, string content, IReadOnlyList<MessageComponent>? components) =>
        new(200, Serialize(new InteractionCallback(type, new InteractionCallbackData(content, EphemeralFlag, AllowedMentions.None, components))));

    private static InteractionResponse Error(int status, string message) =>
        new(status, JsonSerializer.Serialize(new { error = message }, DiscordJson.Options));

    private static string Serialize(InteractionCallback callback) => JsonSerializer.Serialize(callback, DiscordJson.Options);

    private sealed class OptionException(string message) : Exception(message);
}
