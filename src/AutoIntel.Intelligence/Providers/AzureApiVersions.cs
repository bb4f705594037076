using Azure.AI.OpenAI;

namespace AutoIntel.Intelligence.Providers;

/// <summary>Maps the api-version strings of the Azure OpenAI REST reference (<c>2024-10-21</c>, <c>2025-04-01-preview</c>) to the SDK's service versions.</summary>
public static class AzureApiVersions
{
    /// <summary>Every api-version the pinned Azure.AI.OpenAI can send, in the REST reference's spelling.</summary>
    public static IReadOnlyList<string> Supported { get; } =
        [.. Enum.GetNames<AzureOpenAIClientOptions.ServiceVersion>().Select(n => n[1..].Replace('_', '-').ToLowerInvariant())];

    /// <summary>The service version of an api-version string, or null when the SDK does not know it.</summary>
    public static AzureOpenAIClientOptions.ServiceVersion? Parse(string apiVersion) =>
        Enum.TryParse<AzureOpenAIClientOptions.ServiceVersion>("V" + apiVersion.Trim().Replace('-', '_'), ignoreCase: true, out var version)
            && Enum.IsDefined(version)
            ? version
            : null;
}
