using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.ExceptionServices;

namespace AutoIntel.Ingestion.Fetching;

/// <summary>Opens HTTP connections only to addresses the <see cref="FetchPolicy"/> approved, resolving names itself.</summary>
/// <remarks>The address that was checked is the address connected to, so DNS rebinding cannot swap it between check and connect.</remarks>
public sealed class GuardedConnector(FetchPolicy policy, IHostResolver resolver)
{
    /// <summary>The most response-header bytes accepted, in KiB (the .NET default, stated so refusals can name it).</summary>
    public const int MaxResponseHeadersKiB = 64;

    /// <summary>A handler that never follows redirects or uses a proxy, and connects through <see cref="ConnectAsync"/>.</summary>
    public SocketsHttpHandler CreateHandler() => new()
    {
        AllowAutoRedirect = false,
        // A proxy would make the connection (and the address check) somebody else's.
        UseProxy = false,
        UseCookies = false,
        AutomaticDecompression = DecompressionMethods.All,
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        ConnectTimeout = TimeSpan.FromSeconds(15),
        MaxResponseHeadersLength = MaxResponseHeadersKiB,
        ConnectCallback = ConnectAsync,
    };

    /// <summary>Resolves the endpoint's host, refuses non-public addresses unless the host is allowed, and connects to a checked address.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        string host = FetchPolicy.NormalizeHost(context.DnsEndPoint.Host);
        int port = context.DnsEndPoint.Port;
        string subject = $"{host}:{port}";

        IPAddress[] addresses = await ResolveAsync(host, subject, cancellationToken);
        policy.EnsureAddressesAllowed(host, addresses, subject);

        ExceptionDispatchInfo? last = null;
        foreach (IPAddress candidate in addresses)
        {
            IPAddress address = candidate.IsIPv4MappedToIPv6 ? candidate.MapToIPv4() : candidate;
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException ex)
            {
                socket.Dispose();
                last = ExceptionDispatchInfo.Capture(ex);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        last!.Throw();
        throw new UnreachableException();
    }

    private async Task<IPAddress[]> ResolveAsync(string host, string subject, CancellationToken cancellationToken)
    {
        if (IPAddress.TryParse(host, out IPAddress? literal))
        {
            return [literal];
        }

        try
        {
            return await resolver.ResolveAsync(host, cancellationToken);
        }
        catch (SocketException ex) when (ex.SocketErrorCode is SocketError.HostNotFound or SocketError.NoData)
        {
            throw new ContentRefusedException(subject, $"the host {host} could not be found", "Check the link.", ex);
        }
    }
}
