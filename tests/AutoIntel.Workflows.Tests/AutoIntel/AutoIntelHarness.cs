using AutoIntel.Core.Briefings;
using AutoIntel.Core.Serialization;
using AutoIntel.Storage;
using AutoIntel.TestKit;
using AutoIntel.Workflows.Abstractions;
using AutoIntel.Workflows.AutoIntel;
using AutoIntel.Workflows.Runtime;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using System.Text.Json;

namespace AutoIntel.Workflows.Tests.AutoIntel;

/// <summary>The real /autointel workflow and activities over a temp data folder, on the local runtime.</summary>
internal sealed class AutoIntelHarness : IAsyncDisposable
{
    private readonly TempDirectory _data = new();
    private readonly List<LocalWorkflowRuntime> _runtimes = [];

    /// <param name="settings">Configuration values (e.g. <c>Llm:Endpoint</c>), as appsettings or environment variables would give them.</param>
    public AutoIntelHarness(Action<IServiceCollection>? configure = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        // Runs stay on this machine: Wikipedia (on by default with an LLM) is off unless a test points it at a fake.
        var values = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>());
        values.TryAdd("Evidence:Wikipedia:Enabled", values.ContainsKey("Evidence:Wikipedia:Endpoint") ? "true" : "false");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton(TimeProvider.System)
            .AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance)
            .AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddAutoIntelServices(configuration, _data.Path);
        configure?.Invoke(services);
        Services = services.BuildServiceProvider();
        History = new FileHistoryStore(new FileHistoryStoreOptions { RootPath = _data.Combine("instances") });
    }

    public ServiceProvider Services { get; }

    public IHistoryStore History { get; }

    public IArtifactStore Artifacts => Services.GetRequiredService<IArtifactStore>();

    /// <param name="time">The runtime's clock (durable timers, retry delays); the services keep the system clock.</param>
    public LocalWorkflowRuntime CreateRuntime(int maxConcurrentActivities = 16, WorkflowRegistry? registry = null, TimeProvider? time = null)
    {
        var runtime = new LocalWorkflowRuntime(
            registry ?? new WorkflowRegistry().AddAutoIntel(),
            History,
            Services,
            new LocalRuntimeOptions { MaxConcurrentActivities = maxConcurrentActivities },
            time ?? TimeProvider.System,
            NullLoggerFactory.Instance);
        _runtimes.Add(runtime);
        return runtime;
    }

    public static async Task<InstanceStatus> RunAsync(LocalWorkflowRuntime runtime, AnalyzeRequest request, string? id = null)
    {
        var started = await runtime.StartAsync(WorkflowNames.AutoIntel, request, id);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        return await runtime.WaitForCompletionAsync(started.InstanceId, timeout.Token);
    }

    /// <summary>A crash mid-run: drops every history line of <paramref name="id"/> from the first scheduling of <paramref name="activity"/>
    /// on, so the code running now schedules the rest itself, then resumes the instance on a runtime of the current registration.</summary>
    public async Task<InstanceStatus> CutAndResumeAsync(string id, string activity)
    {
        var path = ((FileHistoryStore)History).PathOf(id);
        var lines = await File.ReadAllLinesAsync(path);
        var cut = Array.FindIndex(lines, l => l.Contains("\"type\":\"taskScheduled\"", StringComparison.Ordinal) && l.Contains($"\"name\":\"{activity}\"", StringComparison.Ordinal));
        cut.Should().BePositive();
        await File.WriteAllLinesAsync(path, lines[..cut]);

        var after = CreateRuntime();
        (await after.ResumeAsync(id, CancellationToken.None)).Should().BeTrue();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        return await after.WaitForCompletionAsync(id, timeout.Token);
    }

    public async Task<Briefing> BriefingOfAsync(InstanceStatus status)
    {
        status.RuntimeStatus.Should().Be(RuntimeStatus.Completed, status.Failure?.Message);
        var result = status.Output!.Value.Deserialize<RunResult>(AutoIntelJson.Options)!;
        return Intelligence.Analyses.AnalysisCatalog.ReadBriefing(await Artifacts.GetTextAsync(result.BriefingJson.Path));
    }

    public async Task<string> MarkdownOfAsync(InstanceStatus status) =>
        await Artifacts.GetTextAsync(status.Output!.Value.Deserialize<RunResult>(AutoIntelJson.Options)!.BriefingMarkdown.Path);

    public async Task<string> JsonOfAsync(InstanceStatus status) =>
        await Artifacts.GetTextAsync(status.Output!.Value.Deserialize<RunResult>(AutoIntelJson.Options)!.BriefingJson.Path);

    public async ValueTask DisposeAsync()
    {
        foreach (var runtime in _runtimes)
        {
            await runtime.DisposeAsync();
        }

        await Services.DisposeAsync();
        _data.Dispose();
    }
}
