using AutoIntel.Cli.Serve;
using AutoIntel.Discord;
using AutoIntel.Storage;
using AutoIntel.Workflows.Abstractions;
using AutoIntel.Workflows.AutoIntel;
using AutoIntel.Workflows.AutoIntel.Quality;
using AutoIntel.Workflows.AutoIntel.Upkeep;
using AutoIntel.Workflows.Runtime;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace AutoIntel.Cli.Hosting;

/// <summary>The composition root of the local host: configuration, services and the durable runtime over one data folder.</summary>
/// <remarks>
/// Every command (analyze, resume, serve, …) gets the same registrations from <see cref="ConfigureServices"/>; <c>serve</c> only
/// puts them into the web host's container instead of a plain one, so a run started from Discord can be resumed from the CLI.
/// </remarks>
public sealed class AutoIntelApp : IAsyncDisposable
{
    private readonly IServiceProvider _services;
    private readonly IAsyncDisposable _owner;

    private AutoIntelApp(IServiceProvider services, IAsyncDisposable owner, IConfiguration configuration, WebApplication? server)
    {
        _services = services;
        _owner = owner;
        Configuration = configuration;
        Server = server;
        Runtime = services.GetRequiredService<LocalWorkflowRuntime>();

        // A plain container has no host to start the providers: resolving them attaches their listeners now, and disposing
        // the container (DisposeAsync) flushes them, so a one-shot command exports everything before it exits.
        _ = services.GetService<TracerProvider>();
        _ = services.GetService<MeterProvider>();
    }

    /// <summary>The local durable runtime.</summary>
    public LocalWorkflowRuntime Runtime { get; }

    /// <summary>The effective configuration (environment variables, appsettings.json in the data folder, CLI overrides).</summary>
    public IConfiguration Configuration { get; }

    /// <summary>The application's services.</summary>
    public IServiceProvider Services => _services;

    /// <summary>The artifact store of the data folder.</summary>
    public IArtifactStore Artifacts => _services.GetRequiredService<IArtifactStore>();

    /// <summary>The web host of <c>serve</c> (built, not started); null for the other commands.</summary>
    public WebApplication? Server { get; }

    /// <summary>Builds configuration, services and runtime for <paramref name="settings"/>.</summary>
    public static AutoIntelApp Create(AppSettings settings, TimeProvider? time = null)
    {
        Directory.CreateDirectory(settings.DataDir);
        var configuration = BuildConfiguration(settings);
        var services = new ServiceCollection();
        ConfigureServices(services, configuration, settings, time ?? TimeProvider.System);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        return new AutoIntelApp(provider, provider, configuration, null);
    }

    /// <summary>Builds the same composition inside the local web host of <c>autointel serve</c>, listening on <paramref name="urls"/>.</summary>
    public static AutoIntelApp CreateServer(AppSettings settings, string urls, TimeProvider? time = null)
    {
        Directory.CreateDirectory(settings.DataDir);
        var configuration = BuildConfiguration(settings);
        var server = LocalServer.Build(
            urls,
            services =>
            {
                ConfigureServices(services, configuration, settings, time ?? TimeProvider.System, server: true);
                // The watch list is the store in the data folder; this runs what it holds (also what `autointel watch` adds meanwhile).
                services.AddSingleton<WatchSupervisor>();
                services.AddHostedService(sp => sp.GetRequiredService<WatchSupervisor>());
            },
            configuration);
        return new AutoIntelApp(server.Services, server, configuration, server);
    }

    /// <summary>Registers every service the workflow's activities, the Discord front door and delivery, and the runtime need.</summary>
    /// <param name="server">True for <c>serve</c>: adds the Prometheus exporter and HTTP server instrumentation.</param>
    public static void ConfigureServices(IServiceCollection services, IConfiguration configuration, AppSettings settings, TimeProvider time, bool server = false)
    {
        // TryAdd: the web host registers its own configuration, which holds ours plus its listen addresses (--urls).
        services.TryAddSingleton(configuration);
        services.AddSingleton(time);
        services.AddLogging(logging => logging
            .AddConfiguration(configuration.GetSection("Logging"))
            // No colours: they are escape sequences, and stderr drops control characters so content cannot inject its own.
            .AddSimpleConsole(o => (o.SingleLine, o.ColorBehavior) = (true, Microsoft.Extensions.Logging.Console.LoggerColorBehavior.Disabled))
            .AddFilter(level => level >= LogLevel.Warning)
            // doctor and /health print each check's status and reason themselves; the check service would log each degraded one again.
            .AddFilter("Microsoft.Extensions.Diagnostics.HealthChecks", LogLevel.Error));
        services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);

        services.AddAutoIntelServices(configuration, settings.DataDir);
        if (settings.SimulatedLatency is { } latency)
        {
            services.AddSimulatedLlmLatency(latency);
        }

        // Delivery is registered for every command, so `resume` can finish a run that Discord started.
        services.AddAutoIntelDiscord(configuration);

        services.AddSingleton(sp => new LocalWorkflowRuntime(
            new WorkflowRegistry().AddAutoIntel().AddQualityReport().AddMemoryUpkeep(),
            new FileHistoryStore(new FileHistoryStoreOptions { RootPath = Path.Combine(settings.DataDir, "instances") }),
            sp,
            new LocalRuntimeOptions { MaxConcurrentActivities = settings.Sequential ? 1 : settings.MaxConcurrentActivities },
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILoggerFactory>()));
        services.AddSingleton<IWorkflowClient>(sp => sp.GetRequiredService<LocalWorkflowRuntime>());
        services.AddSingleton<IRunLister, LocalRunLister>();
        services.AddSingleton<RunReportBuilder>();
        services.AddAutoIntelTelemetry(configuration, server);
    }

    private static IConfigurationRoot BuildConfiguration(AppSettings settings) => new ConfigurationBuilder()
        .AddJsonFile(Path.Combine(settings.DataDir, "appsettings.json"), optional: true)
        .AddEnvironmentVariables()
        .AddInMemoryCollection(settings.Overrides ?? new Dictionary<string, string?>())
        .Build();

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        // The runtime first: the container disposes in reverse creation order, which could dispose a service under a running activity.
        await Runtime.DisposeAsync();
        await _owner.DisposeAsync();
    }
}
