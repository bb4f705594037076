using System.ClientModel;
using System.ClientModel.Primitives;
using System.Collections.Concurrent;
using Azure.AI.OpenAI;
using Azure.Core;
using Azure.Identity;
using AutoIntel.Intelligence.Llm;
using AutoIntel.Intelligence.Routing;
using OpenAI;

namespace AutoIntel.Intelligence.Providers;

/// <summary>Creates one <see cref="OpenAIClient"/> per configured provider: an <see cref="AzureOpenAIClient"/> for classic Azure endpoints
/// (deployments and api-version), the OpenAI client for OpenAI, compatible servers and Azure's <c>/openai/v1/</c>.</summary>
public sealed class OpenAiClientFactory
{
    private const string AzureScope = "https://cognitiveservices.azure.com/.default";
    private readonly Dictionary<string, LlmProviderOptions> _providers;
    private readonly TimeSpan _networkTimeout;
    private readonly ConcurrentDictionary<string, OpenAIClient> _clients = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lazy<TokenCredential> _entraCredential;
    private readonly PipelineTransport? _transport;

    /// <param name="options">Providers, or the one-endpoint shortcut.</param>
    /// <param name="entraCredential">Token source for Azure providers without a key; <see cref="DefaultAzureCredential"/> when null
    /// (managed identity in Azure, <c>az login</c> locally).</param>
    /// <param name="transport">HTTP transport for every client (e.g. a proxy or a test certificate); the SDK's default when null.</param>
    public OpenAiClientFactory(LlmOptions options, TokenCredential? entraCredential = null, PipelineTransport? transport = null)
    {
        _transport = transport;
        _entraCredential = new Lazy<TokenCredential>(() => entraCredential ?? new DefaultAzureCredential());
        _providers = ProvidersOf(options);

        // Polly owns the per-attempt timeout; the SDK's network timeout is only a backstop behind it.
        _networkTimeout = options.Resilience.AttemptTimeout > TimeSpan.Zero
            ? options.Resilience.AttemptTimeout + TimeSpan.FromSeconds(5)
            : TimeSpan.FromMinutes(5);
    }

    /// <summary>The client of a provider key.</summary>
    public OpenAIClient For(string provider) => _clients.GetOrAdd(provider, Create);

    private OpenAIClient Create(string key)
    {
        if (!_providers.TryGetValue(key, out var provider))
        {
            throw new InvalidOperationException($"LLM provider '{key}' is not configured (Llm:Providers).");
        }

        if (provider.IsAzureDeployments)
        {
            return CreateAzure(provider);
        }

        var options = new OpenAIClientOptions
        {
            // One owner per retry: the gateway's Polly pipeline retries, so the SDK must not retry underneath it.
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = _networkTimeout,
        };
        if (_transport is not null)
        {
            options.Transport = _transport;
        }

        if (!string.IsNullOrWhiteSpace(provider.Endpoint))
        {
            options.Endpoint = new Uri(provider.Endpoint);
        }

        if (provider.Kind == "azure" && (provider.UseEntraId || string.IsNullOrWhiteSpace(provider.ApiKey)))
        {
#pragma warning disable OPENAI001 // The token-policy constructor is [Experimental]; it is the documented way to use Entra ID with Azure OpenAI v1.
            return new OpenAIClient(new BearerTokenPolicy(_entraCredential.Value, AzureScope), options);
#pragma warning restore OPENAI001
        }

        // Local servers (Ollama, vLLM) ignore the key, but the SDK requires one.
        var apiKey = string.IsNullOrWhiteSpace(provider.ApiKey) ? "unused" : provider.ApiKey;
        return new OpenAIClient(new ApiKeyCredential(apiKey), options);
    }

    // The classic shape: /openai/deployments/{deployment}/…?api-version=…, with the api-key header or an Entra ID bearer token.
    private AzureOpenAIClient CreateAzure(LlmProviderOptions provider)
    {
        var apiVersion = provider.ApiVersion ?? LlmProviderOptions.DefaultAzureApiVersion;
        var version = AzureApiVersions.Parse(apiVersion)
            ?? throw new InvalidOperationException($"Azure OpenAI api-version '{apiVersion}' is not one Azure.AI.OpenAI supports ({string.Join(", ", AzureApiVersions.Supported)}).");
        var options = new AzureOpenAIClientOptions(version)
        {
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = _networkTimeout,
        };
        if (_transport is not null)
        {
            options.Transport = _transport;
        }

        var endpoint = new Uri(provider.Endpoint!);
        return provider.UseEntraId || string.IsNullOrWhiteSpace(provider.ApiKey)
            ? new AzureOpenAIClient(endpoint, _entraCredential.Value, options)
            : new AzureOpenAIClient(endpoint, new ApiKeyCredential(provider.ApiKey), options);
    }

    /// <summary>Every configured endpoint by provider name: <c>Llm:Providers</c> plus the one-endpoint shortcut (<c>Llm:Endpoint</c>) as <see cref="ModelCatalog.DefaultProvider"/>.</summary>
    public static Dictionary<string, LlmProviderOptions> ProvidersOf(LlmOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var providers = new Dictionary<string, LlmProviderOptions>(options.Providers, StringComparer.OrdinalIgnoreCase);
        if (!string.IsNullOrWhiteSpace(options.Endpoint))
        {
            var azure = options.Endpoint.Contains(".openai.azure.com", StringComparison.OrdinalIgnoreCase)
                || options.Endpoint.Contains(".cognitiveservices.azure.com", StringComparison.OrdinalIgnoreCase);
            providers[ModelCatalog.DefaultProvider] = new LlmProviderOptions
            {
                Kind = azure ? "azure" : string.IsNullOrWhiteSpace(options.ApiKey) ? "compatible" : "openai",
                Endpoint = options.Endpoint,
                ApiKey = options.ApiKey,
                ApiVersion = options.ApiVersion,
            };
        }

        return providers;
    }
}
