namespace AutoIntel.TestKit;

/// <summary>One chat completion request as <see cref="FakeOpenAiServer"/> received it.</summary>
/// <param name="SchemaName">response_format.json_schema.name, or null.</param>
/// <param name="ResponseFormatType">response_format.type (json_schema, json_object) or null.</param>
/// <param name="Messages">(role, content) in order.</param>
public sealed record FakeChatRequest(
    string Path,
    string Model,
    string? SchemaName,
    string? ResponseFormatType,
    IReadOnlyList<(string Role, string Content)> Messages,
    string? Authorization)
{
    /// <summary>The <c>api-key</c> header (Azure key auth), or null.</summary>
    public string? ApiKey { get; init; }

    /// <summary>The <c>api-version</c> query parameter (Azure's classic shape), or null.</summary>
    public string? ApiVersion { get; init; }

    /// <summary>response_format.json_schema.schema as sent, or null.</summary>
    public System.Text.Json.Nodes.JsonNode? Schema { get; init; }

    /// <summary>The system message.</summary>
    public string System => Messages.FirstOrDefault(m => m.Role is "system" or "developer").Content ?? "";

    /// <summary>The last user message.</summary>
    public string LastUser => Messages.LastOrDefault(m => m.Role == "user").Content ?? "";
}
