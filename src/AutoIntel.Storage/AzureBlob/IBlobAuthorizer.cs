namespace AutoIntel.Storage.AzureBlob;

/// <summary>Adds the <c>Authorization</c> header to a Blob service request that already carries its <c>x-ms-*</c> headers.</summary>
internal interface IBlobAuthorizer : IDisposable
{
    /// <summary>The storage account, for error messages.</summary>
    string AccountName { get; }

    /// <summary>What to check when the service refuses these credentials (403 AuthenticationFailed and friends).</summary>
    string RefusedHint { get; }

    /// <summary>Signs or stamps <paramref name="request"/>; called once per attempt, after every other header is set.</summary>
    ValueTask AuthorizeAsync(HttpRequestMessage request, CancellationToken cancellationToken);
}
