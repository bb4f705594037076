namespace AutoIntel.Intelligence.Providers;

/// <summary>A chat request: trusted system text, the conversation so far, and the JSON schema the answer must match.</summary>
public sealed record ChatCall(string System, IReadOnlyList<ChatTurn> Turns, string SchemaName, string SchemaJson, double Temperature, int MaxOutputTokens);

/// <summary>One message of the conversation after the system prompt.</summary>
public sealed record ChatTurn(bool FromAssistant, string Text);

/// <summary>What a chat completion returned and what the provider says it used.</summary>
public sealed record ChatOutcome(string Content, int InputTokens, int OutputTokens, string FinishReason);
