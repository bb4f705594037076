using System.Net;

namespace AutoIntel.Storage.AzureBlob;

/// <summary>A Blob service request failed with an HTTP error (after any retries).</summary>
public sealed class BlobStorageException : Exception
{
    public BlobStorageException()
    {
    }

    public BlobStorageException(string message)
        : base(message)
    {
    }

    public BlobStorageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public BlobStorageException(string message, HttpStatusCode status, string? errorCode, string accountName)
        : base(message)
    {
        Status = status;
        ErrorCode = errorCode;
        AccountName = accountName;
    }

    /// <summary>The HTTP status of the last attempt.</summary>
    public HttpStatusCode Status { get; }

    /// <summary>The service's error code (<c>x-ms-error-code</c> or the XML body's <c>Code</c>), e.g. <c>AuthenticationFailed</c>.</summary>
    public string? ErrorCode { get; }

    /// <summary>The storage account the request went to.</summary>
    public string? AccountName { get; }

    /// <summary>Whether the service refused the credentials or their rights (401, or 403 with an authentication or authorization code).</summary>
    public bool IsAuthenticationFailure => Status == HttpStatusCode.Unauthorized
        || (Status == HttpStatusCode.Forbidden && ErrorCode is null or "AuthenticationFailed" or "AuthorizationFailure" or "AuthorizationPermissionMismatch"
            or "InvalidAuthenticationInfo" or "AuthorizationSourceIPMismatch" or "AuthorizationProtocolMismatch");
}
