namespace AutoIntel.Intelligence.Llm;

/// <summary>One endpoint: Azure OpenAI (classic deployments or v1), OpenAI, or a compatible server (Ollama, vLLM, LM Studio).</summary>
public sealed class LlmProviderOptions
{
    /// <summary><c>azure</c>, <c>openai</c> or <c>compatible</c>; only changes defaults and authentication.</summary>
    public string Kind { get; set; } = "openai";

    /// <summary>Base URL: ending in <c>/v1/</c> for the OpenAI API shape (<c>https://res.openai.azure.com/openai/v1/</c>, <c>http://localhost:11434/v1/</c>);
    /// for <c>azure</c>, the resource root (<c>https://res.openai.azure.com/</c>) selects the classic
    /// <c>/openai/deployments/{deployment}/…?api-version=</c> shape through Azure.AI.OpenAI.</summary>
    public string? Endpoint { get; set; }

    /// <summary>api-version of the classic Azure shape (default <see cref="DefaultAzureApiVersion"/>); ignored by <c>/v1/</c> endpoints.</summary>
    public string? ApiVersion { get; set; }

    /// <summary>The latest generally available Azure OpenAI data-plane version that Azure.AI.OpenAI knows.</summary>
    public const string DefaultAzureApiVersion = "2024-10-21";

    /// <summary>Whether this provider uses the classic Azure deployments shape (kind <c>azure</c>, endpoint without <c>/v1</c>).</summary>
    public bool IsAzureDeployments =>
        Kind == "azure" && Uri.TryCreate(Endpoint, UriKind.Absolute, out var uri) && !uri.AbsolutePath.TrimEnd('/').EndsWith("/v1", StringComparison.Ordinal);

    /// <summary>API key; for <c>azure</c> leave empty to use Entra ID (DefaultAzureCredential).</summary>
    public string? ApiKey { get; set; }

    /// <summary>Forces Entra ID authentication even when a key is present.</summary>
    public bool UseEntraId { get; set; }
}
