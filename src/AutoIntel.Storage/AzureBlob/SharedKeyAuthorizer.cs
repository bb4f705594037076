using System.Security.Cryptography;
using System.Text;

namespace AutoIntel.Storage.AzureBlob;

/// <summary>Signs requests with the account key: the Blob service "Shared Key" scheme, for x-ms-version 2015-02-21 and later.</summary>
internal sealed class SharedKeyAuthorizer : IBlobAuthorizer
{
    // The standard headers of the string-to-sign, in order, after the verb (Content-Length is special-cased: empty when zero).
    private static readonly string[] ContentHeaders = ["Content-Encoding", "Content-Language"];
    private static readonly string[] TrailingHeaders = ["Content-MD5", "Content-Type", "Date", "If-Modified-Since", "If-Match", "If-None-Match", "If-Unmodified-Since", "Range"];

    private readonly byte[] _key;

    public SharedKeyAuthorizer(string accountName, byte[] key)
    {
        AccountName = accountName;
        _key = key;
    }

    public string AccountName { get; }

    public string RefusedHint => $"check Storage:ConnectionString: AccountKey must be a current key (key1 or key2) of account '{AccountName}', and the clock must be within 15 minutes of UTC";

    public void Dispose()
    {
    }

    public ValueTask AuthorizeAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        string signature = Convert.ToBase64String(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(StringToSign(request, AccountName))));
        request.Headers.TryAddWithoutValidation("Authorization", $"SharedKey {AccountName}:{signature}");
        return ValueTask.CompletedTask;
    }

    /// <summary>The string the service signs for <paramref name="request"/> (see "Authorize with Shared Key" in the Azure Storage REST docs).</summary>
    public static string StringToSign(HttpRequestMessage request, string accountName)
    {
        var text = new StringBuilder();
        text.Append(request.Method.Method.ToUpperInvariant()).Append('\n');
        foreach (string name in ContentHeaders)
        {
            text.Append(Header(request, name)).Append('\n');
        }

        // Since 2015-02-21 a zero length is signed as the empty string.
        long? length = request.Content?.Headers.ContentLength;
        text.Append(length is > 0 ? length.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) : string.Empty).Append('\n');
        foreach (string name in TrailingHeaders)
        {
            text.Append(Header(request, name)).Append('\n');
        }

        AppendCanonicalizedHeaders(text, request);
        AppendCanonicalizedResource(text, request.RequestUri!, accountName);
        return text.ToString();
    }

    private static string Header(HttpRequestMessage request, string name)
    {
        if (request.Headers.TryGetValues(name, out IEnumerable<string>? values)
            || (request.Content is not null && request.Content.Headers.TryGetValues(name, out values)))
        {
            return string.Join(',', values);
        }

        return string.Empty;
    }

    private static void AppendCanonicalizedHeaders(StringBuilder text, HttpRequestMessage request)
    {
        IEnumerable<KeyValuePair<string, IEnumerable<string>>> all = request.Content is null ? request.Headers : request.Headers.Concat(request.Content.Headers);
        var msHeaders = all
            .Where(h => h.Key.StartsWith("x-ms-", StringComparison.OrdinalIgnoreCase))
            .Select(h => (Name: h.Key.ToLowerInvariant(), Value: string.Join(',', h.Value.Select(Unfold))))
            .OrderBy(h => h.Name, StringComparer.Ordinal);
        foreach ((string name, string value) in msHeaders)
        {
            text.Append(name).Append(':').Append(value).Append('\n');
        }
    }

    // Canonical values: trimmed, with runs of whitespace (outside quotes, which our values never use) folded to one space.
    private static string Unfold(string value) => string.Join(' ', value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static void AppendCanonicalizedResource(StringBuilder text, Uri uri, string accountName)
    {
        // The encoded path as sent; for path-style endpoints (Azurite) it already starts with the account name, which then appears twice.
        text.Append('/').Append(accountName).Append(uri.AbsolutePath);
        string query = uri.Query.TrimStart('?');
        if (query.Length == 0)
        {
            return;
        }

        var parameters = query.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair =>
            {
                int equals = pair.IndexOf('=', StringComparison.Ordinal);
                string name = equals < 0 ? pair : pair[..equals];
                string value = equals < 0 ? string.Empty : pair[(equals + 1)..];
                return (Name: Uri.UnescapeDataString(name).ToLowerInvariant(), Value: Uri.UnescapeDataString(value));
            })
            .GroupBy(p => p.Name, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal);
        foreach (var parameter in parameters)
        {
            text.Append('\n').Append(parameter.Key).Append(':').Append(string.Join(',', parameter.Select(p => p.Value).Order(StringComparer.Ordinal)));
        }
    }
}
