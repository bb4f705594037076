using AutoIntel.TestKit;
using AutoIntel.Workflows.Abstractions;
using AutoIntel.Workflows.Runtime;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace AutoIntel.Workflows.Tests.Runtime;

/// <summary>Builds a runtime over a store that outlives it, so a test can "crash" (dispose) and start a fresh runtime on the same history.</summary>
internal sealed class RuntimeHarness : IAsyncDisposable
{
    private readonly List<LocalWorkflowRuntime> _runtimes = [];

    public RuntimeHarness(IHistoryStore? store = null, TimeProvider? time = null, int maxConcurrentActivities = 16)
    {
        Store = store ?? new InMemoryHistoryStore();
        Time = time ?? new FakeTimeProvider();
        Options = new LocalRuntimeOptions { MaxConcurrentActivities = maxConcurrentActivities };
    }

    public IHistoryStore Store { get; }

    public TimeProvider Time { get; }

    public LocalRuntimeOptions Options { get; }

    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;

    public LocalWorkflowRuntime Create(WorkflowRegistry registry)
    {
        var runtime = new LocalWorkflowRuntime(registry, Store, new NoServices(), Options, Time, LoggerFactory);
        _runtimes.Add(runtime);
        return runtime;
    }

    /// <summary>Starts a workflow and waits for it to end.</summary>
    public static async Task<InstanceStatus> RunAsync(LocalWorkflowRuntime runtime, string workflow, object? input, string? id = null)
    {
        var started = await runtime.StartAsync(workflow, input, id);
        return await runtime.WaitForCompletionAsync(started.InstanceId, CancellationToken.None).WaitAsync(Guard.Timeout);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var runtime in _runtimes)
        {
            await runtime.DisposeAsync();
        }
    }

    /// <summary>A service provider with no services (the runtime tests' activities take none).</summary>
    internal sealed class NoServices : IServiceProvider
    {
        public object? GetService(Type serviceType) => null;
    }
}
