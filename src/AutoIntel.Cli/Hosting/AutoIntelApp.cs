using AutoIntel.Intelligence.Analyzers;
using AutoIntel.Intelligence.Simulation;
using AutoIntel.Storage;
using AutoIntel.Workflows.Abstractions;
using AutoIntel.Workflows.AutoIntel;
using AutoIntel.Workflows.Runtime;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AutoIntel.Cli.Hosting;

/// <summary>The composition root of the local host: configuration, services and the durable runtime over one data folder.</summary>
public sealed class AutoIntelApp : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private AutoIntelApp(ServiceProvider services, LocalWorkflowRuntime runtime, IConfiguration configuration)
    {
        _services = services;
        Runtime = runtime;
        Configuration = configuration;
    }

    /// <summary>The local durable runtime.</summary>
    public LocalWorkflowRuntime Runtime { get; }

    /// <summary>The effective configuration (environment variables, appsettings.json in the data folder, CLI overrides).</summary>
    public IConfiguration Configuration { get; }

    /// <summary>The application's services.</summary>
    public IServiceProvider Services => _services;

    /// <summary>The artifact store of the data folder.</summary>
    public IArtifactStore Artifacts => _services.GetRequiredService<IArtifactStore>();

    /// <summary>Builds configuration, services and runtime for <paramref name="settings"/>.</summary>
    public static AutoIntelApp Create(AppSettings settings, TimeProvider? time = null)
    {
        Directory.CreateDirectory(settings.DataDir);
        var configuration = BuildConfiguration(settings);
        var services = new ServiceCollection();
        ConfigureServices(services, configuration, settings, time ?? TimeProvider.System);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });

        var runtime = new LocalWorkflowRuntime(
            new WorkflowRegistry().AddAutoIntel(),
            new FileHistoryStore(new FileHistoryStoreOptions { RootPath = Path.Combine(settings.DataDir, "instances") }),
            provider,
            new LocalRuntimeOptions { MaxConcurrentActivities = settings.Sequential ? 1 : settings.MaxConcurrentActivities },
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILoggerFactory>());
        return new AutoIntelApp(provider, runtime, configuration);
    }

    /// <summary>Registers every service the workflow's activities need.</summary>
    public static void ConfigureServices(IServiceCollection services, IConfiguration configuration, AppSettings settings, TimeProvider time)
    {
        services.AddSingleton(configuration);
        services.AddSingleton(time);
        services.AddLogging(logging => logging
            .AddConfiguration(configuration.GetSection("Logging"))
            .AddSimpleConsole(o => o.SingleLine = true)
            .AddFilter(level => level >= LogLevel.Warning));
        services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);

        services.AddAutoIntelServices(configuration, settings.DataDir);
        if (settings.SimulatedLatency is { } latency)
        {
            services.AddSingleton<IContentAnalyzer>(sp => new LatencySimulatingAnalyzer(
                sp.GetRequiredKeyedService<IContentAnalyzer>(AutoIntelServiceCollectionExtensions.OfflineAnalyzerKey), latency, sp.GetRequiredService<TimeProvider>()));
        }
    }

    private static IConfigurationRoot BuildConfiguration(AppSettings settings) => new ConfigurationBuilder()
        .AddJsonFile(Path.Combine(settings.DataDir, "appsettings.json"), optional: true)
        .AddEnvironmentVariables()
        .AddInMemoryCollection(settings.Overrides ?? new Dictionary<string, string?>())
        .Build();

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await Runtime.DisposeAsync();
        await _services.DisposeAsync();
    }
}
