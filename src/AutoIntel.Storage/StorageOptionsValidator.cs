using AutoIntel.Storage.AzureBlob;
using Microsoft.Extensions.Options;

namespace AutoIntel.Storage;

/// <summary>Rejects a bad <c>Storage</c> section at startup with every problem listed.</summary>
public sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        var errors = new List<string>();
        bool blob = string.Equals(options.Kind, StorageOptions.AzureBlobKind, StringComparison.OrdinalIgnoreCase);
        if (!blob && !string.Equals(options.Kind, StorageOptions.FilesKind, StringComparison.OrdinalIgnoreCase))
        {
            errors.Add($"Storage:Kind must be '{StorageOptions.FilesKind}' or '{StorageOptions.AzureBlobKind}' (was '{options.Kind}').");
        }

        if (blob)
        {
            ValidateBlob(options, errors);
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void ValidateBlob(StorageOptions options, List<string> errors)
    {
        bool hasConnectionString = !string.IsNullOrWhiteSpace(options.ConnectionString);
        bool hasServiceUri = !string.IsNullOrWhiteSpace(options.BlobServiceUri);
        if (hasConnectionString && hasServiceUri)
        {
            errors.Add("Storage: set either ConnectionString (Shared Key) or BlobServiceUri (Entra ID), not both.");
        }
        else if (!hasConnectionString && !hasServiceUri)
        {
            errors.Add("Storage:Kind is azureblob, so Storage:ConnectionString (e.g. UseDevelopmentStorage=true for Azurite) or Storage:BlobServiceUri "
                + "(e.g. https://<account>.blob.core.windows.net/, signed in with Entra ID) is required.");
        }

        if (hasConnectionString && !BlobConnectionString.TryCreateClient(options.ConnectionString, options: null, out _, out string? error))
        {
            errors.Add($"Storage:ConnectionString: {error}.");
        }

        if (hasServiceUri && !hasConnectionString)
        {
            if (!Uri.TryCreate(options.BlobServiceUri, UriKind.Absolute, out Uri? uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            {
                errors.Add($"Storage:BlobServiceUri must be an absolute URI such as https://<account>.blob.core.windows.net/ (was '{options.BlobServiceUri}').");
            }
            else if (uri.Query.Length > 1 || uri.UserInfo.Length > 0)
            {
                // A pasted SAS URL carries its signature in the query; it would be echoed here and in every error of the store
                // (which puts the service URI in its messages), so only the part without it is shown.
                errors.Add($"Storage:BlobServiceUri must be the bare service endpoint, without a SAS token, query or user info (was '{WithoutSecrets(uri)}'); "
                    + "sign in with Entra ID, or use Storage:ConnectionString with an account key.");
            }
            else if (uri.Scheme != Uri.UriSchemeHttps)
            {
                // Azure Storage (and Azurite) refuse bearer tokens over plain HTTP; say so at start rather than on every call.
                errors.Add($"Storage:BlobServiceUri must be https to sign in with Entra ID (was '{options.BlobServiceUri}'); for Azurite over http use Storage:ConnectionString=UseDevelopmentStorage=true.");
            }
        }

        if (!IsValidContainerName(options.Container))
        {
            errors.Add($"Storage:Container '{options.Container}' is not a valid container name: 3-63 characters, lowercase letters, digits and single hyphens, starting and ending with a letter or digit.");
        }

        if (options.ListPageSize is < 1 or > 5000)
        {
            errors.Add($"Storage:ListPageSize must be between 1 and 5000 (was {options.ListPageSize}).");
        }

        if (options.MaxRetries is < 0 or > 10)
        {
            errors.Add($"Storage:MaxRetries must be between 0 and 10 (was {options.MaxRetries}).");
        }

        if (options.RetryBaseDelay <= TimeSpan.Zero || options.RetryMaxDelay < options.RetryBaseDelay || options.MaxRetryAfter < TimeSpan.Zero)
        {
            errors.Add("Storage: RetryBaseDelay must be positive, RetryMaxDelay at least RetryBaseDelay, and MaxRetryAfter not negative.");
        }

        if (options.AttemptTimeout <= TimeSpan.Zero)
        {
            errors.Add($"Storage:AttemptTimeout must be positive (was {options.AttemptTimeout}).");
        }
    }

    // Scheme, host, port and path: never the user info or query, where credentials would sit.
    private static string WithoutSecrets(Uri uri) => uri.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped);

    /// <summary>The Blob service's container naming rules.</summary>
    internal static bool IsValidContainerName(string? name) =>
        name is { Length: >= 3 and <= 63 }
        && name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-')
        && name[0] != '-' && name[^1] != '-'
        && !name.Contains("--", StringComparison.Ordinal);
}
