using System.Net;

namespace AutoIntel.Ingestion.Fetching;

/// <summary>Resolves host names to addresses; a seam so tests can resolve names without DNS.</summary>
public interface IHostResolver
{
    /// <summary>All addresses of <paramref name="host"/>; throws <see cref="System.Net.Sockets.SocketException"/> when it does not resolve.</summary>
    Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken = default);
}
