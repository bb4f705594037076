namespace AutoIntel.TestKit;

/// <summary>What <see cref="FakeOpenAiServer"/> answers to one chat request.</summary>
/// <param name="Content">Assistant message content (the JSON answer) for 200 replies.</param>
/// <param name="RawBody">A body sent verbatim instead of a well-formed completion (malformed JSON tests).</param>
public sealed record FakeReply(
    int Status = 200,
    string? Content = null,
    string? RawBody = null,
    IReadOnlyDictionary<string, string>? Headers = null,
    TimeSpan Delay = default,
    int PromptTokens = 120,
    int CompletionTokens = 40)
{
    /// <summary>A 200 completion whose content is the given JSON.</summary>
    public static FakeReply Json(string content) => new(Content: content);

    /// <summary>An OpenAI-style error body with a status and optional headers.</summary>
    public static FakeReply Error(int status, string message, IReadOnlyDictionary<string, string>? headers = null) =>
        new(status, RawBody: new System.Text.Json.Nodes.JsonObject
        {
            ["error"] = new System.Text.Json.Nodes.JsonObject
            {
                ["message"] = message,
                ["type"] = status switch { 429 => "rate_limit_exceeded", 400 => "invalid_request_error", _ => "server_error" },
                ["param"] = null,
                ["code"] = null,
            },
        }.ToJsonString(), Headers: headers);

    /// <summary>A 429 with Retry-After in seconds.</summary>
    public static FakeReply RateLimited(string retryAfterSeconds) =>
        Error(429, "Rate limit reached", new Dictionary<string, string> { ["Retry-After"] = retryAfterSeconds });

    /// <summary>A 200 whose body is not valid JSON.</summary>
    public static FakeReply Malformed() => new(RawBody: "{\"id\": \"chatcmpl-1\", \"choices\": [ {\"message\": ");
}
