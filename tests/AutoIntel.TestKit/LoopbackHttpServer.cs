using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AutoIntel.TestKit;

/// <summary>A real Kestrel server on 127.0.0.1 with an OS-chosen port, for tests that need genuine HTTP (fake APIs, fetch targets).</summary>
/// <example><code>
/// await using var server = await LoopbackHttpServer.StartAsync(app => app.MapGet("/", () => "hi"));
/// var response = await new HttpClient().GetStringAsync(server.Url("/"));
/// </code></example>
public sealed class LoopbackHttpServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LoopbackHttpServer(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    /// <summary>The server's root, e.g. <c>http://127.0.0.1:49152/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The port Kestrel bound.</summary>
    public int Port => BaseAddress.Port;

    /// <summary>Services of the running app (e.g. to reach state the handlers share).</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>An absolute URL on this server for <paramref name="pathAndQuery"/>.</summary>
    public Uri Url(string pathAndQuery) => new(BaseAddress, pathAndQuery);

    /// <summary>Starts a server whose endpoints <paramref name="map"/> adds (minimal-API style), optionally with extra services,
    /// over HTTPS when a <paramref name="certificate"/> is given (see <see cref="LoopbackCertificate"/>).</summary>
    /// <param name="protocols">HTTP/1.1 and HTTP/2 by default; gRPC over plain http needs <see cref="HttpProtocols.Http2"/> (h2c, no ALPN to negotiate it).</param>
    public static async Task<LoopbackHttpServer> StartAsync(
        Action<WebApplication> map,
        Action<IServiceCollection>? configureServices = null,
        X509Certificate2? certificate = null,
        HttpProtocols protocols = HttpProtocols.Http1AndHttp2,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(map);
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            EnvironmentName = Environments.Development,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0, listen =>
        {
            listen.Protocols = protocols;
            if (certificate is not null)
            {
                listen.UseHttps(certificate);
            }
        }));
        // Handlers that hang on purpose (timeout tests) must not hold up disposal for long.
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));
        configureServices?.Invoke(builder.Services);

        WebApplication app = builder.Build();
        map(app);
        await app.StartAsync(cancellationToken);

        string address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new LoopbackHttpServer(app, new Uri(address.TrimEnd('/') + "/"));
    }

    /// <summary>Stops the server and releases the port.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
