using System.Net;
using System.Net.Http.Headers;
using AutoIntel.Intelligence.Llm;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace AutoIntel.Intelligence.Providers;

/// <summary>Healthy when no LLM is configured (offline analyzers) or every configured endpoint answers <c>GET …/models</c>.</summary>
/// <remarks>
/// One request per endpoint, no retry: a probe says how things are now. Any HTTP answer means the endpoint is reachable;
/// 401/403 means it refuses our key (unhealthy: every call would fail). An Azure endpoint without a key (Entra ID) is only
/// checked for reachability: getting a token here would make the probe depend on the identity setup as well.
/// </remarks>
public sealed class LlmEndpointHealthCheck(IOptions<LlmOptions> options, HttpClient? http = null) : IHealthCheck
{
    /// <summary>How long one endpoint may take to answer.</summary>
    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(5);

    // One client for every probe: health checks are built per request, and a client per probe would leak sockets.
    private static readonly HttpClient SharedHttp = new() { Timeout = ProbeTimeout };

    private readonly HttpClient _http = http ?? SharedHttp;

    /// <inheritdoc/>
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!options.Value.IsConfigured)
        {
            return HealthCheckResult.Healthy("not configured: offline analyzers answer");
        }

        var problems = new List<string>();
        var fine = new List<string>();
        foreach ((string name, LlmProviderOptions provider) in OpenAiClientFactory.ProvidersOf(options.Value).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            string? problem = await ProbeAsync(provider, cancellationToken);
            (problem is null ? fine : problems).Add(problem is null ? name : $"{name}: {problem}");
        }

        return problems.Count == 0
            ? HealthCheckResult.Healthy($"reachable: {string.Join(", ", fine)}")
            : HealthCheckResult.Unhealthy(string.Join("; ", problems));
    }

    private async Task<string?> ProbeAsync(LlmProviderOptions provider, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(provider.Endpoint, UriKind.Absolute, out Uri? endpoint))
        {
            return $"endpoint '{provider.Endpoint}' is not an absolute URL";
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(endpoint.AbsoluteUri.TrimEnd('/') + "/models"));
        if (!string.IsNullOrWhiteSpace(provider.ApiKey))
        {
            if (provider.Kind == "azure")
            {
                request.Headers.Add("api-key", provider.ApiKey);
            }
            else
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", provider.ApiKey);
            }
        }

        try
        {
            using HttpResponseMessage response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            return response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
                ? $"{endpoint.Authority} refuses the key (HTTP {(int)response.StatusCode})"
                : null;
        }
        catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return $"{endpoint.Authority} unreachable ({(e is TaskCanceledException ? $"no answer within {_http.Timeout.TotalSeconds:0} s" : e.Message)})";
        }
    }
}
