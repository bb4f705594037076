using System.Net;
using Microsoft.Extensions.Options;

namespace AutoIntel.Ingestion.Fetching;

/// <summary>The SSRF rules: which links, host names and resolved addresses may be fetched.</summary>
public sealed class FetchPolicy
{
    /// <summary>The hint shown with every address refusal.</summary>
    public const string AllowHostFix = "Allow it with Fetch__AllowedHosts or --allow-host.";

    // Names that reach instance metadata services even when DNS answers oddly.
    private static readonly HashSet<string> MetadataHosts = new(StringComparer.Ordinal)
    {
        "metadata.google.internal",
        "metadata.goog",
        "metadata",
        "instance-data",
        "instance-data.ec2.internal",
    };

    private readonly HashSet<string> _allowedHosts;

    /// <summary>Creates the policy from <see cref="FetchOptions.AllowedHosts"/>.</summary>
    public FetchPolicy(IOptions<FetchOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _allowedHosts = new HashSet<string>(
            options.Value.AllowedHosts
                .SelectMany(h => h.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                .Select(NormalizeHost),
            StringComparer.Ordinal);
    }

    /// <summary>Whether <paramref name="host"/> is on the allow-list (compared case-insensitively, brackets and trailing dot ignored).</summary>
    public bool IsAllowedHost(string host) => _allowedHosts.Contains(NormalizeHost(host));

    /// <summary>Refuses a link whose scheme, host name or literal address is not allowed, before any network traffic.</summary>
    public void EnsureUrlAllowed(Uri url, string subject)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw new ContentRefusedException(subject, "only http and https links are accepted", null);
        }

        string host = NormalizeHost(url.Host);
        if (host.Length == 0)
        {
            throw new ContentRefusedException(subject, "the link has no host", null);
        }

        if (_allowedHosts.Contains(host))
        {
            return;
        }

        if (MetadataHosts.Contains(host))
        {
            throw new ContentRefusedException(subject, $"{host} is a cloud metadata endpoint", AllowHostFix);
        }

        if (IPAddress.TryParse(host, out IPAddress? literal))
        {
            EnsureAddressesAllowed(host, [literal], subject);
            return;
        }

        // A name whose last label is numeric is a mangled IP literal that System.Uri did not normalize (e.g. 999.1.1.1);
        // resolvers disagree about such names, so refuse rather than guess.
        string lastLabel = host[(host.LastIndexOf('.') + 1)..];
        if (lastLabel.All(char.IsAsciiDigit) || (lastLabel.StartsWith("0x", StringComparison.Ordinal) && lastLabel[2..].All(char.IsAsciiHexDigit)))
        {
            throw new ContentRefusedException(subject, $"{host} is not a valid host name or IP address", null);
        }
    }

    /// <summary>Refuses when any address <paramref name="host"/> resolved to is not public, unless the host is allowed.</summary>
    public void EnsureAddressesAllowed(string host, IReadOnlyList<IPAddress> addresses, string subject)
    {
        ArgumentNullException.ThrowIfNull(addresses);
        string normalized = NormalizeHost(host);
        if (_allowedHosts.Contains(normalized))
        {
            return;
        }

        if (addresses.Count == 0)
        {
            throw new ContentRefusedException(subject, $"{normalized} has no addresses", "Check the link.");
        }

        // Any non-public answer refuses the host: picking the public one would still let an attacker steer later lookups.
        foreach (IPAddress address in addresses)
        {
            if (AddressClassifier.GetNonPublicReason(address) is { } reason)
            {
                string what = IPAddress.TryParse(normalized, out _) ? $"{normalized} is {reason}" : $"{normalized} resolves to {address}, {reason}";
                throw new ContentRefusedException(subject, what, AllowHostFix);
            }
        }
    }

    /// <summary>Lower-cases a host and strips IPv6 brackets, a zone id and a trailing dot.</summary>
    public static string NormalizeHost(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        string h = host.Trim().ToLowerInvariant();
        if (h.StartsWith('[') && h.EndsWith(']'))
        {
            h = h[1..^1];
        }

        int zone = h.IndexOf('%', StringComparison.Ordinal);
        if (zone >= 0 && h.Contains(':', StringComparison.Ordinal))
        {
            h = h[..zone];
        }

        return h.TrimEnd('.');
    }
}
