using System.ClientModel;
using System.Globalization;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace AutoIntel.Intelligence.Providers;

/// <summary>Classifies provider failures and reads their Retry-After hints.</summary>
public static class LlmErrors
{
    /// <summary>Whether retrying the same model may help (429, 408, 5xx, network errors, timeouts, malformed bodies).</summary>
    public static bool IsTransient(Exception exception) => exception switch
    {
        ClientResultException c => c.Status is 0 or 408 or 409 or 429 or >= 500,
        TimeoutRejectedException or HttpRequestException or IOException or LlmCallException => true,
        BrokenCircuitException => false,
        _ => false,
    };

    /// <summary>Whether the provider asked us to slow down (429).</summary>
    public static bool IsRateLimit(Exception exception) => exception is ClientResultException { Status: 429 };

    /// <summary>Whether the model cannot serve anyone as configured (401, 403, 404): not retried, but counted by the circuit breaker
    /// so a misconfigured model is skipped after a couple of fast failures.</summary>
    public static bool IsConfigurationError(Exception exception) => exception is ClientResultException { Status: 401 or 403 or 404 };

    /// <summary>Whether the call failed at the provider (any HTTP error, network, timeout, malformed body, open circuit),
    /// so the next model in the chain should be tried; anything else is a bug and propagates.</summary>
    public static bool IsModelFailure(Exception exception) =>
        exception is ClientResultException or BrokenCircuitException || IsTransient(exception);

    /// <summary>A short reason for logs, notes and fallbacks, e.g. <c>HTTP 429</c> or <c>timeout</c>; configuration errors say what to check,
    /// because they reach the briefing as the reason a step ran offline.</summary>
    public static string Describe(Exception exception) => exception switch
    {
        ClientResultException { Status: 401 } => "HTTP 401: the provider refused the credentials; check the API key (or, for Entra ID, the sign-in)",
        ClientResultException { Status: 403 } => "HTTP 403: the credentials lack access; for Azure OpenAI grant 'Cognitive Services OpenAI User'",
        ClientResultException { Status: 404 } => "HTTP 404: no such model or deployment at this endpoint; check Deployment/Model, and that the endpoint ends in /v1/ or is an Azure resource root",
        ClientResultException c when c.Status > 0 => $"HTTP {c.Status}",
        ClientResultException => "network error",
        TimeoutRejectedException => "timeout",
        BrokenCircuitException => "circuit open",
        LlmCallException l => l.Message,
        _ => exception.GetType().Name,
    };

    /// <summary>The wait a 429/503 asked for (<c>retry-after-ms</c>, then <c>Retry-After</c> seconds or date), if any.</summary>
    public static TimeSpan? RetryAfter(Exception exception, DateTimeOffset now)
    {
        if (exception is not ClientResultException c || c.GetRawResponse() is not { } response)
        {
            return null;
        }

        if (response.Headers.TryGetValue("retry-after-ms", out var ms)
            && double.TryParse(ms, NumberStyles.Float, CultureInfo.InvariantCulture, out var millis) && millis >= 0)
        {
            return TimeSpan.FromMilliseconds(millis);
        }

        return response.Headers.TryGetValue("Retry-After", out var value) ? Core.Http.RetryAfter.Parse(value, now) : null;
    }
}
