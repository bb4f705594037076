using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using AutoIntel.Core.Content;
using Microsoft.Extensions.Options;

namespace AutoIntel.Ingestion.Fetching;

/// <summary>Fetches one user-supplied link under the SSRF policy, following redirects by hand, within size, time and type limits.</summary>
public sealed class SafeHttpFetcher(HttpClient httpClient, FetchPolicy policy, IOptions<FetchOptions> options, TimeProvider timeProvider)
{
    private const string Accept = "text/html, application/xhtml+xml, text/markdown, text/plain;q=0.9, text/vtt, application/x-subrip, audio/*;q=0.8";

    private readonly FetchOptions _options = options.Value;

    /// <summary>Fetches <paramref name="url"/>; every refusal throws <see cref="ContentRefusedException"/>, transient network and 5xx failures throw <see cref="HttpRequestException"/>.</summary>
    public async Task<FetchedContent> FetchAsync(Uri url, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        string original = url.IsAbsoluteUri ? url.AbsoluteUri : url.OriginalString;
        using var timeout = new CancellationTokenSource(_options.Timeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);

        Uri current = url;
        string subject = original;
        try
        {
            for (int redirects = 0; ; redirects++)
            {
                policy.EnsureUrlAllowed(current, subject);
                using var request = new HttpRequestMessage(HttpMethod.Get, current);
                request.Headers.TryAddWithoutValidation("User-Agent", _options.UserAgent);
                request.Headers.TryAddWithoutValidation("Accept", Accept);

                using HttpResponseMessage response = await SendAsync(request, subject, linked.Token);
                if (IsRedirect(response.StatusCode))
                {
                    if (redirects >= _options.MaxRedirects)
                    {
                        throw new ContentRefusedException(original, $"more than {_options.MaxRedirects} redirects", "Raise Fetch__MaxRedirects if the site really needs more.");
                    }

                    Uri location = response.Headers.Location
                        ?? throw new ContentRefusedException(subject, $"the server redirected ({(int)response.StatusCode}) without a Location", null);
                    current = location.IsAbsoluteUri ? location : new Uri(current, location);
                    subject = $"{current.AbsoluteUri} (redirected from {original})";
                    continue;
                }

                return await ReadAsync(response, current, subject, linked.Token);
            }
        }
        catch (OperationCanceledException ex) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new ContentRefusedException(original, $"no complete response within {DescribeTime(_options.Timeout)}", "Raise Fetch__Timeout for slow sites.", ex);
        }
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, string subject, CancellationToken cancellationToken)
    {
        try
        {
            return await httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (HttpRequestException ex) when (FindRefusal(ex) is { } refusal)
        {
            // The connector only knows host:port; tell the user which link it was.
            throw refusal.WithSubject(subject);
        }
        catch (HttpRequestException ex) when (ex.HttpRequestError == HttpRequestError.ConfigurationLimitExceeded)
        {
            // The same headers come back on every attempt: not worth retrying.
            throw new ContentRefusedException(subject, $"the server's response headers are larger than the {GuardedConnector.MaxResponseHeadersKiB} KiB limit", null, ex);
        }
    }

    private async Task<FetchedContent> ReadAsync(HttpResponseMessage response, Uri url, string subject, CancellationToken cancellationToken)
    {
        int status = (int)response.StatusCode;
        if (status >= 500 || status is 408 or 429)
        {
            // Worth retrying: the durable retry policy owns that.
            throw new HttpRequestException($"{url.AbsoluteUri} answered {status} {response.ReasonPhrase}.", null, response.StatusCode);
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new ContentRefusedException(subject, $"the server answered {status} {response.ReasonPhrase}", "Check the link.");
        }

        MediaTypeHeaderValue? contentType = response.Content.Headers.ContentType;
        if (contentType?.MediaType is not { Length: > 0 } mediaType)
        {
            throw new ContentRefusedException(subject, "the server sent no Content-Type", null);
        }

        if (ContentTypes.ForMediaType(mediaType, url) is not { } accepted)
        {
            throw new ContentRefusedException(subject, $"content type {mediaType} is not supported (accepted: {ContentTypes.AcceptedSummary})", null);
        }

        // Audio gets its own, larger cap: an hour of podcast is ~60 MB, while a 60 MB web page is a mistake or an attack.
        long maxBytes = _options.MaxBytesFor(accepted.Kind);
        long? declared = response.Content.Headers.ContentLength;
        if (declared > maxBytes)
        {
            throw TooLarge(subject, accepted.Kind);
        }

        await using Stream body = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream((int)Math.Min(declared ?? 64 * 1024, maxBytes));
        byte[] chunk = ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            int read;
            while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                // Counted as it streams: Content-Length may be absent (chunked), wrong, or compressed.
                if (buffer.Length + read > maxBytes)
                {
                    throw TooLarge(subject, accepted.Kind);
                }

                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        // A list ("de, en") says the body is for several audiences, not which language it is in.
        string? language = response.Content.Headers.ContentLanguage is { Count: 1 } languages ? languages.First() : null;
        return new FetchedContent(url, accepted.MediaType, contentType.CharSet?.Trim('"'), accepted.Kind, buffer.ToArray(), language);
    }

    private ContentRefusedException TooLarge(string subject, ContentKind kind) =>
        new(subject, $"the {(kind == ContentKind.Audio ? "audio" : "content")} is larger than the {DescribeBytes(_options.MaxBytesFor(kind))} limit", $"Raise {FetchOptions.SettingFor(kind)} to accept larger content.");

    private static bool IsRedirect(HttpStatusCode status) => status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found
        or HttpStatusCode.SeeOther or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;

    /// <summary>The SSRF refusal inside a connection failure, if that is what it was.</summary>
    internal static ContentRefusedException? FindRefusal(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex is ContentRefusedException refusal)
            {
                return refusal;
            }
        }

        return null;
    }

    /// <summary>A byte count for messages (e.g. "20 MiB", "1500 bytes").</summary>
    internal static string DescribeBytes(long bytes) =>
        bytes % (1024 * 1024) == 0 ? $"{bytes / (1024 * 1024)} MiB" : bytes % 1024 == 0 ? $"{bytes / 1024} KiB" : $"{bytes} bytes";

    /// <summary>A duration for messages (e.g. "30 s", "250 ms").</summary>
    internal static string DescribeTime(TimeSpan time) => time.TotalSeconds >= 1 && time.TotalSeconds == Math.Floor(time.TotalSeconds)
        ? $"{time.TotalSeconds:0} s"
        : $"{time.TotalMilliseconds:0} ms";
}
