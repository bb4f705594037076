using System.Text.Json;
using AutoIntel.Core.Serialization;
using DurableTask.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Converters;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AutoIntel.DurableEngines;

/// <summary>
/// A real Durable Task engine in this process: a backend (<see cref="IOrchestrationService"/>) behind the test host's gRPC
/// sidecar (<see cref="TaskHubGrpcServer"/>), and the Microsoft.DurableTask worker and client that the isolated Functions
/// extension uses, connected to it over gRPC on a free loopback port.
/// </summary>
/// <remarks>
/// One instance is one "host process": <see cref="DisposeAsync"/> stops worker and sidecar, and a new engine over the same
/// backend store (an Azure Storage task hub) picks up where it stopped, as a restarted Functions host does.
/// </remarks>
public sealed class DurableEngine : IAsyncDisposable
{
    private readonly WebApplication _sidecar;
    private readonly GrpcChannel _channel;
    private readonly IHost _worker;

    private DurableEngine(WebApplication sidecar, GrpcChannel channel, IHost worker)
    {
        _sidecar = sidecar;
        _channel = channel;
        _worker = worker;
        Client = worker.Services.GetRequiredService<DurableTaskClient>();
    }

    /// <summary>The Durable client (what <c>[DurableClient]</c> gives a function).</summary>
    public DurableTaskClient Client { get; }

    /// <summary>Starts the sidecar over <paramref name="backend"/>, then a worker running what <paramref name="tasks"/> registers.</summary>
    /// <param name="activityConcurrency">Activities the worker runs at once (at least the backend's limit, so the backend's limit is the one that binds).</param>
    public static async Task<DurableEngine> StartAsync(
        IOrchestrationService backend, Action<DurableTaskRegistry> tasks, int activityConcurrency = 2 * Backends.ActivityConcurrency, ILoggerFactory? logs = null)
    {
        WebApplicationBuilder sidecarBuilder = WebApplication.CreateSlimBuilder();
        sidecarBuilder.WebHost.ConfigureKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http2));
        sidecarBuilder.Logging.ClearProviders();
        if (logs is not null)
        {
            sidecarBuilder.Services.AddSingleton(logs);
        }

        sidecarBuilder.Services.AddGrpc();
        sidecarBuilder.Services.AddSingleton(backend);
        sidecarBuilder.Services.AddSingleton((IOrchestrationServiceClient)backend);
        sidecarBuilder.Services.AddSingleton<TaskHubGrpcServer>();
        WebApplication sidecar = sidecarBuilder.Build();
        sidecar.MapGrpcService<TaskHubGrpcServer>();
        await sidecar.StartAsync();

        string address = sidecar.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        var channel = GrpcChannel.ForAddress(address);

        // The Functions worker builds Durable's data converter from WorkerOptions.Serializer (AutoIntelJson): the same here.
        var converter = new JsonDataConverter(AutoIntelJson.Options);
        IHost worker = new HostBuilder()
            .ConfigureLogging(l =>
            {
                l.ClearProviders();
                if (logs is not null)
                {
                    l.Services.AddSingleton(logs);
                }
            })
            .ConfigureServices(services =>
            {
                services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));
                services.AddDurableTaskWorker(b =>
                {
                    b.UseGrpc(channel);
                    b.AddTasks(tasks);
                    b.Configure(o =>
                    {
                        o.DataConverter = converter;
                        o.Concurrency.MaximumConcurrentActivityWorkItems = activityConcurrency;
                    });
                });
                services.AddDurableTaskClient(b =>
                {
                    b.UseGrpc(channel);
                    b.Configure(o => o.DataConverter = converter);
                    b.RegisterDirectly();
                });
            })
            .Build();
        await worker.StartAsync();
        return new DurableEngine(sidecar, channel, worker);
    }

    /// <summary>Waits for the instance to end (completed, failed or terminated) and returns it with inputs and outputs.</summary>
    public async Task<OrchestrationMetadata> WaitForEndAsync(string instanceId, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            return await Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, cancel.Token);
        }
        catch (OperationCanceledException ex)
        {
            OrchestrationMetadata? now = await Client.GetInstanceAsync(instanceId, getInputsAndOutputs: true);
            throw new TimeoutException($"Instance {instanceId} did not end within {timeout}: {now?.RuntimeStatus} {now?.SerializedCustomStatus}", ex);
        }
    }

    /// <summary>Waits for an eternal instance to run an execution whose input contains <paramref name="inputPart"/> (or to end) and
    /// returns it with inputs and outputs: the previous execution's activity ran before that one started.</summary>
    public async Task<OrchestrationMetadata> WaitForContinuedAsNewAsync(string instanceId, string inputPart, TimeSpan timeout)
    {
        using var limit = new CancellationTokenSource(timeout);
        while (true)
        {
            OrchestrationMetadata instance = (await Client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, limit.Token))!;
            // Pending (before an execution starts, also right after continue-as-new) is not yet there; an ended instance never will be.
            if ((instance.RuntimeStatus == OrchestrationRuntimeStatus.Running && instance.SerializedInput?.Contains(inputPart, StringComparison.Ordinal) == true) || instance.IsCompleted)
            {
                return instance;
            }

            await Task.Delay(50, limit.Token);
        }
    }

    /// <summary>Stops the worker, then the sidecar (and with it the backend's dispatchers), like a host that shuts down.</summary>
    public async ValueTask DisposeAsync()
    {
        await _worker.StopAsync();
        _worker.Dispose();
        await _channel.ShutdownAsync();
        _channel.Dispose();
        await _sidecar.StopAsync();
        await _sidecar.DisposeAsync();
    }

    /// <summary>The output of a completed instance as JSON.</summary>
    public static JsonElement OutputOf(OrchestrationMetadata instance)
    {
        using var document = JsonDocument.Parse(instance.SerializedOutput ?? "null");
        return document.RootElement.Clone();
    }
}
