using System.Net;

namespace AutoIntel.Discord.Commands;

/// <summary>Checks a user-supplied link before a run starts, so obvious mistakes get a friendly answer instead of a failed run.</summary>
/// <remarks>Only a first filter: the fetcher still guards against SSRF (DNS rebinding, redirects) when it downloads.</remarks>
public static class SourceLinkValidator
{
    /// <summary>Returns null when the link is acceptable, otherwise a friendly one-line reason.</summary>
    public static string? Validate(string link)
    {
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

        if (uri.IsLoopback || uri.Host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || IsPrivateAddress(uri.Host))
        {
            return "That link points to a private or local address, which I can't read.";
        }

        if (IsDiscordHost(uri.Host) && uri.AbsolutePath.StartsWith("/channels/", StringComparison.Ordinal))
        {
            return "I can't read Discord messages through a link. Attach the file, or link to the original content.";
        }

        return null;
    }

    private static bool IsDiscordHost(string host) =>
        host is "discord.com" or "discordapp.com" or "ptb.discord.com" or "canary.discord.com";

    private static bool IsPrivateAddress(string host)
    {
        if (!IPAddress.TryParse(host.Trim('[', ']'), out IPAddress? ip))
        {
            return false;
        }

        if (ip.IsIPv4MappedToIPv6)
        {
            ip = ip.MapToIPv4();
        }

        byte[] b = ip.GetAddressBytes();
        return ip.IsIPv6LinkLocal || ip.IsIPv6SiteLocal || ip.IsIPv6UniqueLocal || IPAddress.IsLoopback(ip)
            || (b.Length == 4 && (b[0] == 10 || b[0] == 0 || (b[0] == 172 && b[1] is >= 16 and <= 31) || (b[0] == 192 && b[1] == 168) || (b[0] == 169 && b[1] == 254)));
    }
}
