using Azure.Core;

namespace AutoIntel.Storage.AzureBlob;

/// <summary>Stamps requests with an Entra ID access token for Azure Storage, cached until shortly before it expires.</summary>
internal sealed class BearerTokenAuthorizer : IBlobAuthorizer
{
    /// <summary>The OAuth scope of Azure Storage data-plane access.</summary>
    public const string Scope = "https://storage.azure.com/.default";

    private static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);

    private readonly TokenCredential _credential;
    private readonly TimeProvider _time;
    private readonly string _identity;
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private AccessToken _token;

    public BearerTokenAuthorizer(string accountName, TokenCredential credential, TimeProvider time, string identity)
    {
        AccountName = accountName;
        _credential = credential;
        _time = time;
        _identity = identity;
    }

    public string AccountName { get; }

    public string RefusedHint =>
        $"check that {_identity} holds 'Storage Blob Data Contributor' (or Owner) on account '{AccountName}' (role assignments take a few minutes to apply)";

    public async ValueTask AuthorizeAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        AccessToken token = _token;
        if (NeedsRefresh(token))
        {
            await _refresh.WaitAsync(cancellationToken);
            try
            {
                if (NeedsRefresh(_token))
                {
                    _token = await _credential.GetTokenAsync(new TokenRequestContext([Scope]), cancellationToken);
                }

                token = _token;
            }
            finally
            {
                _refresh.Release();
            }
        }

        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token.Token);
    }

    public void Dispose() => _refresh.Dispose();

    private bool NeedsRefresh(AccessToken token) => token.Token is null || token.ExpiresOn - RefreshMargin <= _time.GetUtcNow();
}
