namespace AutoIntel.Intelligence.Llm;

/// <summary>One OpenAI-compatible endpoint: Azure OpenAI v1, OpenAI, or a compatible server (Ollama, vLLM, LM Studio).</summary>
public sealed class LlmProviderOptions
{
    /// <summary><c>azure</c>, <c>openai</c> or <c>compatible</c>; only changes defaults and authentication.</summary>
    public string Kind { get; set; } = "openai";

    /// <summary>Base URL ending in <c>/v1/</c>, e.g. <c>https://res.openai.azure.com/openai/v1/</c> or <c>http://localhost:11434/v1/</c>.</summary>
    public string? Endpoint { get; set; }

    /// <summary>API key; for <c>azure</c> leave empty to use Entra ID (DefaultAzureCredential).</summary>
    public string? ApiKey { get; set; }

    /// <summary>Forces Entra ID authentication even when a key is present.</summary>
    public bool UseEntraId { get; set; }
}
