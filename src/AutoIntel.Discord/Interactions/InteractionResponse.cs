namespace AutoIntel.Discord.Interactions;

/// <summary>What the endpoint answers: an HTTP status code and a JSON body.</summary>
public sealed record InteractionResponse(int StatusCode, string Body)
{
    /// <summary>The content type of every body.</summary>
    public const string ContentType = "application/json";
}
