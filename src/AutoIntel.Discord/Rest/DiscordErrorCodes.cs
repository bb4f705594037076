namespace AutoIntel.Discord.Rest;

/// <summary>Discord JSON error codes AutoIntel reacts to.</summary>
public static class DiscordErrorCodes
{
    /// <summary>Unknown Channel.</summary>
    public const int UnknownChannel = 10003;

    /// <summary>Unknown Message.</summary>
    public const int UnknownMessage = 10008;

    /// <summary>Unknown Webhook (deleted, or an interaction token past its 15 minutes).</summary>
    public const int UnknownWebhook = 10015;

    /// <summary>Maximum number of webhooks reached (15 per channel).</summary>
    public const int MaxWebhooksReached = 30007;

    /// <summary>Missing Access (the bot cannot see the channel).</summary>
    public const int MissingAccess = 50001;

    /// <summary>Missing Permissions (e.g. Send Messages).</summary>
    public const int MissingPermissions = 50013;

    /// <summary>Invalid Webhook Token (an expired interaction token answers this).</summary>
    public const int InvalidWebhookToken = 50027;

    /// <summary>Invalid Form Body (a limit was exceeded).</summary>
    public const int InvalidFormBody = 50035;
}
