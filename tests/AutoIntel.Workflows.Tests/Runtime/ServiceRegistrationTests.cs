using AutoIntel.Workflows.Abstractions;
using AutoIntel.Workflows.Runtime;
using Microsoft.Extensions.DependencyInjection;

namespace AutoIntel.Workflows.Tests.Runtime;

public sealed class ServiceRegistrationTests
{
    [Fact]
    public async Task AddLocalWorkflowRuntime_WithRegistryAndStore_ResolvesOneRuntimeAsClientThatRuns()
    {
        var services = new ServiceCollection()
            .AddSingleton(new WorkflowRegistry().AddWorkflow<int, int>("Twice", (_, x) => Task.FromResult(x * 2)))
            .AddSingleton<IHistoryStore, InMemoryHistoryStore>()
            .AddLocalWorkflowRuntime(o => o.MaxConcurrentActivities = 1);
        await using var provider = services.BuildServiceProvider();

        var client = provider.GetRequiredService<IWorkflowClient>();
        var runtime = provider.GetRequiredService<LocalWorkflowRuntime>();
        var status = await RuntimeHarness.RunAsync(runtime, "Twice", 21);

        client.Should().BeSameAs(runtime);
        provider.GetRequiredService<LocalRuntimeOptions>().MaxConcurrentActivities.Should().Be(1);
        status.Output!.Value.GetInt32().Should().Be(42);
    }
}
