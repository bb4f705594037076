using AutoIntel.Intelligence;
using AutoIntel.Storage;
using AutoIntel.TestKit;
using AutoIntel.Workflows.Abstractions;
using AutoIntel.Workflows.AutoIntel.Quality;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AutoIntel.Discord.Tests.Support;

/// <summary>The real Discord services from DI, pointed at a fake Discord server, with skipping time and in-memory doubles.</summary>
public sealed class DiscordTestHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private DiscordTestHost(FakeDiscordServer server, ServiceProvider services, SkippingTimeProvider time, InMemoryArtifactStore store, FakeWorkflowClient workflows, CapturingLoggerProvider logs)
    {
        Server = server;
        _services = services;
        Time = time;
        Store = store;
        Workflows = workflows;
        Logs = logs;
    }

    public FakeDiscordServer Server { get; }

    public SkippingTimeProvider Time { get; }

    public InMemoryArtifactStore Store { get; }

    public FakeWorkflowClient Workflows { get; }

    public CapturingLoggerProvider Logs { get; }

    public T Get<T>()
        where T : notnull => _services.GetRequiredService<T>();

    public static async Task<DiscordTestHost> StartAsync(Action<Dictionary<string, string?>>? configure = null, bool withLlmGateway = false)
    {
        var time = new SkippingTimeProvider(DateTimeOffset.UtcNow);
        FakeDiscordServer server = await FakeDiscordServer.StartAsync(time);
        var settings = new Dictionary<string, string?>
        {
            ["Discord:ApplicationId"] = "1000000000000000001",
            ["Discord:BotToken"] = server.BotToken,
            ["Discord:ApiBaseUrl"] = server.ApiBaseUrl,
        };
        configure?.Invoke(settings);
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var store = new InMemoryArtifactStore();
        var workflows = new FakeWorkflowClient();
        var logs = new CapturingLoggerProvider();
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        services.AddSingleton<TimeProvider>(time);
        services.AddSingleton<IArtifactStore>(store);
        services.AddSingleton<IWorkflowClient>(workflows);
        if (withLlmGateway)
        {
            services.AddSingleton<IArtifactStore>(store).AddAutoIntelIntelligence(configuration);
        }

        // Feedback needs the artifact store, so the host that has one registers it (as AddAutoIntelServices does).
        services.AddQualityLoop(configuration);
        services.AddAutoIntelDiscord(configuration);
        return new DiscordTestHost(server, services.BuildServiceProvider(validateScopes: true), time, store, workflows, logs);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Server.DisposeAsync();
    }
}
