using System.Net;

namespace AutoIntel.Discord.Rest;

/// <summary>Discord answered with an error; carries the HTTP status and Discord's JSON error code and message.</summary>
public sealed class DiscordApiException : Exception
{
    public DiscordApiException()
    {
    }

    public DiscordApiException(string message)
        : base(message)
    {
    }

    public DiscordApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public DiscordApiException(HttpStatusCode status, int code, string discordMessage, string route, string? errors = null)
        : base($"Discord {(int)status} on {route}: {discordMessage} (code {code}){(errors is null ? string.Empty : $" {errors}")}")
    {
        Status = status;
        Code = code;
        DiscordMessage = discordMessage;
        Route = route;
        Errors = errors;
    }

    /// <summary>The HTTP status.</summary>
    public HttpStatusCode Status { get; }

    /// <summary>Discord's JSON error code (0 when the body had none).</summary>
    public int Code { get; }

    /// <summary>Discord's error message.</summary>
    public string DiscordMessage { get; } = string.Empty;

    /// <summary>The route with secrets (tokens) masked.</summary>
    public string Route { get; } = string.Empty;

    /// <summary>The raw <c>errors</c> object for form-body errors, if any.</summary>
    public string? Errors { get; }

    /// <summary>Whether the interaction token (or webhook token) is no longer valid.</summary>
    public bool IsInvalidToken => Code is DiscordErrorCodes.InvalidWebhookToken or DiscordErrorCodes.UnknownWebhook;
}
