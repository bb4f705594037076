using System.Diagnostics.CodeAnalysis;
using Azure.Storage.Blobs;

namespace AutoIntel.Storage.AzureBlob;

/// <summary>Turns <c>Storage:ConnectionString</c> into a Shared Key <see cref="BlobServiceClient"/>, refusing what the store does not accept.</summary>
internal static class BlobConnectionString
{
    /// <summary>Parses <paramref name="value"/> with the SDK (no request is sent); <paramref name="error"/> says what is wrong and never
    /// echoes the value, which holds a key.</summary>
    public static bool TryCreateClient(
        string? value, BlobClientOptions? options, [NotNullWhen(true)] out BlobServiceClient? client, [NotNullWhen(false)] out string? error)
    {
        client = null;
        error = null;
        BlobServiceClient parsed;
        try
        {
            parsed = new BlobServiceClient(value?.Trim(), options);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)
        {
            // The SDK's messages ("No valid combination of account information found.") never quote the input.
            error = $"not a valid Azure Storage connection string ({ex.Message.TrimEnd('.')}); expected AccountName=…;AccountKey=… "
                + "(key1 or key2 of the account, base64) with EndpointSuffix=… or BlobEndpoint=…, or UseDevelopmentStorage=true for Azurite";
            return false;
        }

        if (!parsed.CanGenerateAccountSasUri)
        {
            // No account key: a SharedAccessSignature connection string, whose token would sit in every URI and error.
            error = "SharedAccessSignature connection strings are not supported; use AccountName + AccountKey, or Storage:BlobServiceUri with Entra ID";
            return false;
        }

        if (parsed.Uri.Scheme != Uri.UriSchemeHttps && parsed.Uri.Scheme != Uri.UriSchemeHttp)
        {
            error = $"blob endpoint '{parsed.Uri.GetLeftPart(UriPartial.Authority)}' is not an http(s) URI";
            return false;
        }

        client = parsed;
        return true;
    }
}
