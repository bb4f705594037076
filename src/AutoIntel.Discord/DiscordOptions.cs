namespace AutoIntel.Discord;

/// <summary>Discord settings bound from the configuration section <c>Discord</c> (env: <c>Discord__PublicKey</c>, …).</summary>
public sealed class DiscordOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Discord";

    /// <summary>Discord's REST base address, API v10.</summary>
    public const string DefaultApiBaseUrl = "https://discord.com/api/v10";

    /// <summary>The application's Ed25519 public key as 64 hex characters (Developer Portal, General Information).</summary>
    public string? PublicKey { get; set; }

    /// <summary>The application (client) id, a snowflake.</summary>
    public string? ApplicationId { get; set; }

    /// <summary>The bot token, used to post results in the interaction's channel and to register commands; never logged.</summary>
    public string? BotToken { get; set; }

    /// <summary>The REST base address; tests point it at a fake server.</summary>
    public string ApiBaseUrl { get; set; } = DefaultApiBaseUrl;

    /// <summary>A webhook URL to post results through when no bot token is set (or in DMs).</summary>
    public string? DefaultWebhookUrl { get; set; }

    /// <summary>The channel (snowflake) the weekly report is posted in as the bot; unset: no weekly report.</summary>
    public string? ReportChannelId { get; set; }

    /// <summary>The shortest time between two edits of a run's progress message.</summary>
    public TimeSpan ProgressEditInterval { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Whether a bot token is configured.</summary>
    public bool HasBotToken => !string.IsNullOrWhiteSpace(BotToken);
}
