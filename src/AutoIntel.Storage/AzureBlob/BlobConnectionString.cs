namespace AutoIntel.Storage.AzureBlob;

/// <summary>The parts of an Azure Storage connection string that Blob Shared Key access needs.</summary>
/// <param name="BlobEndpoint">The blob service root, e.g. <c>https://acct.blob.core.windows.net/</c> or Azurite's <c>http://127.0.0.1:10000/devstoreaccount1/</c>.</param>
public sealed record BlobConnectionString(Uri BlobEndpoint, string AccountName, byte[] AccountKey)
{
    /// <summary>Azurite's (and the old storage emulator's) well-known account.</summary>
    public const string DevelopmentAccountName = "devstoreaccount1";

    private static readonly string[] RequiredSettings = ["AccountName", "AccountKey"];

    // Published in the Azurite README and the Azure docs; it protects nothing but a local emulator.
    private const string DevelopmentAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    /// <summary>Parses <paramref name="value"/>; throws <see cref="FormatException"/> naming the problem (never echoing the key).</summary>
    public static BlobConnectionString Parse(string value) =>
        TryParse(value, out BlobConnectionString? parsed, out string? error) ? parsed : throw new FormatException(error);

    /// <summary>Parses <c>UseDevelopmentStorage=true</c>, or <c>AccountName</c> + <c>AccountKey</c> with <c>BlobEndpoint</c> or
    /// <c>DefaultEndpointsProtocol</c>/<c>EndpointSuffix</c>; <paramref name="error"/> says what is wrong otherwise.</summary>
    public static bool TryParse(string? value, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out BlobConnectionString? parsed, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? error)
    {
        parsed = null;
        error = null;
        if (string.IsNullOrWhiteSpace(value))
        {
            error = "the connection string is empty";
            return false;
        }

        var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string[] parts = value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        for (int i = 0; i < parts.Length; i++)
        {
            // Split at the first '=' only: base64 keys end in '='. The text is not echoed: it might be a key.
            string part = parts[i];
            int equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                error = $"setting {i + 1} is not of the form Name=value";
                return false;
            }

            settings[part[..equals].Trim()] = part[(equals + 1)..].Trim();
        }

        if (settings.TryGetValue("UseDevelopmentStorage", out string? development) && bool.TryParse(development, out bool useDevelopment) && useDevelopment)
        {
            parsed = new BlobConnectionString(new Uri($"http://127.0.0.1:10000/{DevelopmentAccountName}/"), DevelopmentAccountName, Convert.FromBase64String(DevelopmentAccountKey));
            return true;
        }

        if (settings.ContainsKey("SharedAccessSignature"))
        {
            error = "SharedAccessSignature connection strings are not supported; use AccountName + AccountKey, or Storage:BlobServiceUri with Entra ID";
            return false;
        }

        var missing = RequiredSettings.Where(k => !settings.TryGetValue(k, out string? v) || v.Length == 0).ToList();
        if (missing.Count > 0)
        {
            error = $"missing {string.Join(" and ", missing)} (or use UseDevelopmentStorage=true for Azurite)";
            return false;
        }

        string account = settings["AccountName"];
        byte[] key;
        try
        {
            key = Convert.FromBase64String(settings["AccountKey"]);
        }
        catch (FormatException)
        {
            error = $"AccountKey of account '{account}' is not base64 (copy key1 or key2 from the storage account's access keys)";
            return false;
        }

        string endpoint = settings.TryGetValue("BlobEndpoint", out string? explicitEndpoint) && explicitEndpoint.Length > 0
            ? explicitEndpoint
            : $"{settings.GetValueOrDefault("DefaultEndpointsProtocol", "https")}://{account}.blob.{settings.GetValueOrDefault("EndpointSuffix", "core.windows.net")}";
        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out Uri? uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            error = $"blob endpoint '{endpoint}' is not an absolute http(s) URI";
            return false;
        }

        parsed = new BlobConnectionString(WithTrailingSlash(uri), account, key);
        return true;
    }

    /// <summary>Adds the '/' that lets relative container paths resolve under an endpoint with a path (Azurite's <c>/devstoreaccount1</c>).</summary>
    internal static Uri WithTrailingSlash(Uri uri) => uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");

    /// <inheritdoc />
    public override string ToString() => $"BlobConnectionString {{ BlobEndpoint = {BlobEndpoint}, AccountName = {AccountName} }}";
}
