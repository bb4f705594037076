using System.Buffers;
using System.Net;
using System.Text.Json;
using AutoIntel.Core.FactCheck;
using AutoIntel.Ingestion.Fetching;
using Microsoft.Extensions.Options;

namespace AutoIntel.Ingestion.EvidenceSources;

/// <summary>GETs one JSON answer from an evidence API through the SSRF-guarded connector, within the time and size limits.</summary>
/// <remarks>Every failure becomes an <see cref="EvidenceUnavailableException"/> with one line for the briefing; messages name the
/// endpoint without its query, so an API key in the query never reaches a note or a log.</remarks>
public sealed class EvidenceHttp(HttpClient httpClient, FetchPolicy policy, IOptions<EvidenceOptions> options, IOptions<FetchOptions> fetchOptions, TimeProvider timeProvider)
{
    private const int MaxReasonChars = 200;
    private readonly EvidenceOptions _options = options.Value;
    private readonly string _userAgent = fetchOptions.Value.UserAgent;

    /// <summary>The parsed JSON body of a 2xx answer to a GET of <paramref name="url"/>.</summary>
    public async Task<JsonDocument> GetJsonAsync(string source, Uri url, IReadOnlyDictionary<string, string>? headers = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        string endpoint = url.GetLeftPart(UriPartial.Path);
        try
        {
            policy.EnsureUrlAllowed(url, endpoint);
        }
        catch (ContentRefusedException ex)
        {
            throw new EvidenceUnavailableException(source, ex.Message, inner: ex);
        }

        using var timeout = new CancellationTokenSource(_options.Timeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("Accept", "application/json");
        // Wikimedia refuses requests without a User-Agent (403); Fetch__UserAgent is where operators add contact details.
        request.Headers.TryAddWithoutValidation("User-Agent", _userAgent);
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        try
        {
            using HttpResponseMessage response = await httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            byte[] body = await ReadBoundedAsync(source, response, linked.Token);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                TimeSpan? wait = RetryAfter(response);
                string detail = ErrorText(body) is { } text ? $": {text}" : string.Empty;
                throw new EvidenceUnavailableException(source, $"rate limited or out of quota (429{detail})", wait);
            }

            if (!response.IsSuccessStatusCode)
            {
                string detail = ErrorText(body) is { } text ? $": {text}" : string.Empty;
                throw new EvidenceUnavailableException(source, $"{endpoint} answered {(int)response.StatusCode} {response.ReasonPhrase}{detail}");
            }

            JsonDocument json = Parse(source, endpoint, body);
            // MediaWiki reports bad parameters as 200 with an "error" object.
            if (ErrorText(json.RootElement) is { } error)
            {
                json.Dispose();
                throw new EvidenceUnavailableException(source, $"{endpoint} answered with an error: {error}");
            }

            return json;
        }
        catch (OperationCanceledException ex) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new EvidenceUnavailableException(source, $"no answer from {endpoint} within {SafeHttpFetcher.DescribeTime(_options.Timeout)}", inner: ex);
        }
        catch (HttpRequestException ex)
        {
            string why = SafeHttpFetcher.FindRefusal(ex) is { } refusal ? refusal.Message : $"could not reach {endpoint} ({ex.HttpRequestError})";
            throw new EvidenceUnavailableException(source, why, inner: ex);
        }
    }

    private async Task<byte[]> ReadBoundedAsync(string source, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentLength > _options.MaxResponseBytes)
        {
            throw TooLarge(source);
        }

        await using Stream stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        byte[] chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > _options.MaxResponseBytes)
                {
                    throw TooLarge(source);
                }

                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return buffer.ToArray();
    }

    private EvidenceUnavailableException TooLarge(string source) =>
        new(source, $"the answer is larger than {SafeHttpFetcher.DescribeBytes(_options.MaxResponseBytes)} (Evidence__MaxResponseBytes)");

    private static JsonDocument Parse(string source, string endpoint, byte[] body)
    {
        try
        {
            return JsonDocument.Parse(body);
        }
        catch (JsonException ex)
        {
            throw new EvidenceUnavailableException(source, $"{endpoint} did not answer with JSON", inner: ex);
        }
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - timeProvider.GetUtcNow() is { Ticks: > 0 } left ? left : TimeSpan.Zero,
        _ => null,
    };

    // The error line of a Google ({error:{code,message,status}}), Brave ({error:{code,detail}}) or MediaWiki ({error:{code,info}}) body.
    private static string? ErrorText(byte[] body)
    {
        try
        {
            using JsonDocument json = JsonDocument.Parse(body);
            return ErrorText(json.RootElement);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? ErrorText(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("error", out JsonElement error) || error.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        string? status = Text(error, "status") ?? Text(error, "code");
        string? message = Text(error, "message") ?? Text(error, "info") ?? Text(error, "detail");
        string line = string.Join(' ', new[] { status, message }.Where(s => !string.IsNullOrWhiteSpace(s)));
        line = string.Join(' ', line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return line.Length == 0 ? null : line.Length <= MaxReasonChars ? line : string.Concat(line.AsSpan(0, MaxReasonChars - 1), "…");
    }

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out JsonElement p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
}
