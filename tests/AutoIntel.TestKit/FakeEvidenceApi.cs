using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace AutoIntel.TestKit;

/// <summary>What the evidence-API fakes share: a loopback server, a log of requests, and scripted failures served before normal answers.</summary>
public abstract class FakeEvidenceApi : IAsyncDisposable
{
    private readonly ConcurrentQueue<FakeApiFailure> _failures = new();
    private readonly ConcurrentQueue<IReadOnlyDictionary<string, string>> _requests = new();
    private LoopbackHttpServer _http = null!;

    /// <summary>The server's root, e.g. <c>http://127.0.0.1:49152/</c>.</summary>
    public Uri BaseAddress => _http.BaseAddress;

    /// <summary>Query parameters (and the path as <c>$path</c>, selected headers as <c>$header:name</c>) of every request, in arrival order.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, string>> Requests => [.. _requests];

    /// <summary>Queues failures answered (in order) before any normal answer.</summary>
    public void Fail(params FakeApiFailure[] failures)
    {
        foreach (var f in failures)
        {
            _failures.Enqueue(f);
        }
    }

    /// <summary>Stops the server.</summary>
    public ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return _http.DisposeAsync();
    }

    /// <summary>Starts <paramref name="api"/> on a free loopback port.</summary>
    protected static async Task<T> StartAsync<T>(T api)
        where T : FakeEvidenceApi
    {
        api._http = await LoopbackHttpServer.StartAsync(app => app.Run(api.ServeAsync));
        return api;
    }

    /// <summary>Answers one request that no scripted failure took.</summary>
    protected abstract Task HandleAsync(HttpContext context, IReadOnlyDictionary<string, string> query);

    /// <summary>Headers recorded with each request as <c>$header:name</c>.</summary>
    protected virtual IEnumerable<string> RecordedHeaders => [];

    /// <summary>Writes a JSON body with a status.</summary>
    protected static Task WriteJsonAsync(HttpContext context, int status, string json, IReadOnlyDictionary<string, string>? headers = null)
    {
        context.Response.StatusCode = status;
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            context.Response.Headers[name] = value;
        }

        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(json);
    }

    /// <summary>Lowercase words of a text, highlighting tags and punctuation removed: the fakes' stand-in for a search engine's matching.</summary>
    protected static string[] Words(string text) =>
        text.ToLowerInvariant().Replace("<strong>", " ", StringComparison.Ordinal).Replace("</strong>", " ", StringComparison.Ordinal)
            .Split([' ', ',', '.', ';', ':', '!', '?', '"', '\'', '(', ')'], StringSplitOptions.RemoveEmptyEntries);

    private async Task ServeAsync(HttpContext context)
    {
        var query = context.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);
        query["$path"] = context.Request.Path.Value ?? string.Empty;
        foreach (var header in RecordedHeaders)
        {
            if (context.Request.Headers.TryGetValue(header, out var value))
            {
                query["$header:" + header] = value.ToString();
            }
        }

        _requests.Enqueue(query);
        if (_failures.TryDequeue(out var failure))
        {
            context.Response.StatusCode = failure.Status;
            foreach (var (name, value) in failure.Headers ?? new Dictionary<string, string>())
            {
                context.Response.Headers[name] = value;
            }

            context.Response.ContentType = failure.ContentType;
            await context.Response.WriteAsync(failure.Body);
            return;
        }

        await HandleAsync(context, query);
    }
}

/// <summary>One scripted failure of a <see cref="FakeEvidenceApi"/>.</summary>
public sealed record FakeApiFailure(int Status, string Body, string ContentType = "application/json; charset=utf-8", IReadOnlyDictionary<string, string>? Headers = null)
{
    /// <summary>Google's JSON error body (<c>{"error":{"code","message","status"}}</c>), as every googleapis.com API returns it.</summary>
    public static FakeApiFailure Google(int code, string status, string message, string? retryAfterSeconds = null) =>
        new(code, System.Text.Json.JsonSerializer.Serialize(new { error = new { code, message, status } }), Headers: RetryAfter(retryAfterSeconds));

    /// <summary>A plain-text 429, as Wikimedia's edge and SearXNG's limiter answer it.</summary>
    public static FakeApiFailure TooManyRequests(string? retryAfterSeconds = null) =>
        new(429, "Too Many Requests", "text/plain", RetryAfter(retryAfterSeconds));

    private static Dictionary<string, string>? RetryAfter(string? seconds) =>
        seconds is null ? null : new Dictionary<string, string> { ["Retry-After"] = seconds };
}
