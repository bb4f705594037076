using Azure.Core;

namespace AutoIntel.TestKit;

/// <summary>An Entra ID credential that hands out one fixed token (valid for an hour) and records the scopes it was asked for.</summary>
public sealed class FixedTokenCredential(string token) : TokenCredential
{
    private int _requests;

    /// <summary>The scopes of the latest token request.</summary>
    public IReadOnlyList<string> Scopes { get; private set; } = [];

    /// <summary>How many tokens were requested.</summary>
    public int Requests => _requests;

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _requests);
        Scopes = requestContext.Scopes;
        return new AccessToken(token, DateTimeOffset.UtcNow.AddHours(1));
    }

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        ValueTask.FromResult(GetToken(requestContext, cancellationToken));
}
