using System.Collections.Concurrent;
using AutoIntel.Cli.Hosting;
using AutoIntel.Cli.Serve;
using AutoIntel.Discord;
using AutoIntel.TestKit;
using AutoIntel.Workflows.Abstractions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AutoIntel.Cli.Tests.Serve;

/// <summary>A real local server on a free loopback port, an in-memory run table behind it, and a Discord-style request signer.</summary>
public sealed class ServeHarness : IAsyncDisposable
{
    private readonly TestSigner _signer = new();
    private readonly WebApplication _app;

    private ServeHarness(Action<IServiceCollection>? extra)
    {
        string publicKey = _signer.PublicKeyHex;
        IConfiguration configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Discord:PublicKey"] = publicKey })
            .Build();
        _app = LocalServer.Build("http://127.0.0.1:0", services =>
        {
            services.AddLogging(b => b.ClearProviders());
            services.AddAutoIntelDiscord(configuration);
            services.AddSingleton<IWorkflowClient>(Runs);
            services.AddAutoIntelTelemetry(configuration, server: true);
            extra?.Invoke(services);
        });
    }

    public RunTable Runs { get; } = new();

    public HttpClient Http { get; } = new();

    public Uri BaseAddress { get; private set; } = null!;

    public static async Task<ServeHarness> StartAsync(Action<IServiceCollection>? extra = null)
    {
        var harness = new ServeHarness(extra);
        await harness._app.StartAsync();
        string address = harness._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        harness.BaseAddress = new Uri(address);
        harness.Http.BaseAddress = harness.BaseAddress;
        return harness;
    }

    /// <summary>A POST to /api/interactions signed like Discord signs it (BouncyCastle, not the code under test).</summary>
    public HttpRequestMessage Signed(string json) => _signer.SignedPost(new Uri(BaseAddress, "/api/interactions"), json);

    public static string AnalyzeCommand(string interactionId) =>
        $$$"""{"id":"{{{interactionId}}}","application_id":"11","type":2,"token":"tok-{{{interactionId}}}","guild_id":"22","channel_id":"33","member":{"user":{"id":"44"}},"data":{"id":"55","name":"autointel","type":1,"options":[{"name":"url","type":3,"value":"https://example.com/v"}]}}""";

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>Runs kept in a dictionary: a start with a known id creates nothing.</summary>
    public sealed class RunTable : IWorkflowClient
    {
        public ConcurrentDictionary<string, InstanceStatus> Instances { get; } = new();

        public Task<StartResult> StartAsync(string workflowName, object? input, string? instanceId = null, CancellationToken cancellationToken = default)
        {
            string id = instanceId ?? Guid.NewGuid().ToString("N");
            var created = new InstanceStatus(id, workflowName, RuntimeStatus.Pending, null, null, null, null, DateTime.UtcNow, DateTime.UtcNow, null, []);
            return Task.FromResult(new StartResult(id, Instances.TryAdd(id, created)));
        }

        public Task<InstanceStatus?> GetStatusAsync(string instanceId, CancellationToken cancellationToken = default) =>
            Task.FromResult(Instances.GetValueOrDefault(instanceId));

        public Task RaiseEventAsync(string instanceId, string eventName, object? payload, CancellationToken cancellationToken = default) => Task.CompletedTask;

        public Task TerminateAsync(string instanceId, string reason, CancellationToken cancellationToken = default) => Task.CompletedTask;
    }
}
