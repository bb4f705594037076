using AutoIntel.Ingestion;
using AutoIntel.Ingestion.Fetching;

namespace AutoIntel.Discord.Commands;

/// <summary>Checks a user-supplied link before a run starts, so obvious mistakes get a friendly answer instead of a failed run.</summary>
/// <remarks>
/// Applies the fetcher's own <see cref="FetchPolicy"/> (same address rules, same <c>Fetch:AllowedHosts</c>) to what the link itself shows;
/// it is only a first filter: the fetcher still guards against SSRF (DNS answers, rebinding, redirects) when it downloads.
/// </remarks>
public sealed class SourceLinkValidator(FetchPolicy policy)
{
    private const string PrivateOrLocal = "That link points to a private or local address, which I can't read.";

    /// <summary>Returns null when the link is acceptable, otherwise a friendly one-line reason.</summary>
    public string? Validate(string link)
    {
        ArgumentNullException.ThrowIfNull(link);
        if (link.Length > CommandDefinitions.MaxUrlLength)
        {
            return $"That link is too long (over {CommandDefinitions.MaxUrlLength} characters).";
        }

        if (!Uri.TryCreate(link, UriKind.Absolute, out Uri? uri) || string.IsNullOrEmpty(uri.Host))
        {
            return "That doesn't look like a link. Paste a full address starting with https://, or attach a file.";
        }

        if (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
        {
            return $"I can only read http(s) links, not `{uri.Scheme}:` ones.";
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            return "Links with a user name or password in them are not supported.";
        }

        // The policy judges names only after DNS; "localhost" needs no lookup to be known local.
        if (IsLocalName(FetchPolicy.NormalizeHost(uri.Host)) && !policy.IsAllowedHost(uri.Host))
        {
            return PrivateOrLocal;
        }

        try
        {
            policy.EnsureUrlAllowed(uri, "link");
        }
        catch (ContentRefusedException e)
        {
            // The policy's fix hint (Fetch__AllowedHosts) is for the operator, not for the person in the channel.
            return e.Fix == FetchPolicy.AllowHostFix ? PrivateOrLocal : $"I can't read that link: {e.Reason ?? e.Message}.";
        }

        if (IsDiscordHost(uri.Host) && uri.AbsolutePath.StartsWith("/channels/", StringComparison.Ordinal))
        {
            return "I can't read Discord messages through a link. Attach the file, or link to the original content.";
        }

        return null;
    }

    private static bool IsLocalName(string host) =>
        host == "localhost" || host.EndsWith(".localhost", StringComparison.Ordinal);

    private static bool IsDiscordHost(string host) =>
        host is "discord.com" or "discordapp.com" or "ptb.discord.com" or "canary.discord.com";
}
