using System.Collections.Concurrent;
using System.Text.Json;
using AutoIntel.DurableEngines;
using AutoIntel.Functions.Tests.Engines;
using AutoIntel.TestKit;
using AutoIntel.Workflows.Abstractions;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace AutoIntel.Functions.Tests;

/// <summary>A Functions host stopped in the middle of a fan-out, and another started on the same task hub (Azure Storage on Azurite).</summary>
[Collection(EngineCollection.Name)]
public sealed class RestartOnAzureStorageTests(AzuriteAccountServer azurite)
{
    private const int PerPhase = 3;

    [Fact]
    public async Task HostStoppedMidFanOut_NextHostCompletes_AndNoCompletedActivityRunsAgain()
    {
        int generation = 1;
        var ranInFirstHost = new ConcurrentBag<string>();
        var ranInSecondHost = new ConcurrentBag<string>();
        var heldInFirstHost = new ConcurrentBag<string>();
        var firstHostHold = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var registry = new WorkflowRegistry()
            .AddWorkflow<int, int>("TwoPhases", async (context, n) =>
            {
                int[] first = await Task.WhenAll(Enumerable.Range(0, n).Select(i => context.CallActivityAsync<int>("Step", $"a{i}")));
                context.SetCustomStatus("second phase");
                int[] second = await Task.WhenAll(Enumerable.Range(0, n).Select(i => context.CallActivityAsync<int>("Step", $"b{i}")));
                return first.Sum() + second.Sum();
            })
            .AddActivity<string, int>("Step", async (_, _, key) =>
            {
                if (Volatile.Read(ref generation) == 2)
                {
                    ranInSecondHost.Add(key);
                    return 1;
                }

                if (key.StartsWith('b'))
                {
                    // The second phase is in flight when the first host stops: these never finish there.
                    heldInFirstHost.Add(key);
                    return await firstHostHold.Task;
                }

                ranInFirstHost.Add(key);
                return 1;
            });
        IServiceProvider app = new ServiceCollection().BuildServiceProvider();
        string hub = Engine.NewTaskHubName();

        string id;
        await using (DurableEngine first = await DurableEngine.StartAsync(await Backends.AzureStorageAsync(azurite.ConnectionString, hub), t => t.AddWorkflows(registry, app)))
        {
            id = await first.Client.ScheduleNewOrchestrationInstanceAsync("TwoPhases", JsonSerializer.SerializeToElement(PerPhase));
            await WaitUntilAsync(async () => (await first.Client.GetInstanceAsync(id, getInputsAndOutputs: true))?.SerializedCustomStatus is not null
                && heldInFirstHost.Count == PerPhase);
        }

        Volatile.Write(ref generation, 2);
        firstHostHold.TrySetException(new OperationCanceledException("the first host is gone"));
        await using DurableEngine second = await DurableEngine.StartAsync(await Backends.AzureStorageAsync(azurite.ConnectionString, hub), t => t.AddWorkflows(registry, app));
        OrchestrationMetadata done = await second.WaitForEndAsync(id, Engine.RunTimeout);

        done.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Completed, done.SerializedOutput);
        DurableEngine.OutputOf(done).GetInt32().Should().Be(2 * PerPhase);
        ranInFirstHost.Should().BeEquivalentTo(["a0", "a1", "a2"]);
        ranInSecondHost.Should().BeEquivalentTo(["b0", "b1", "b2"], "completed activities are replayed from history, only the held ones run again");
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        using var timeout = new CancellationTokenSource(Engine.RunTimeout);
        while (!await condition())
        {
            await Task.Delay(100, timeout.Token);
        }
    }
}
