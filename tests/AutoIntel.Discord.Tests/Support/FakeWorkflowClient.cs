using System.Collections.Concurrent;
using System.Text.Json;
using AutoIntel.Core.Serialization;
using AutoIntel.Workflows.Abstractions;

namespace AutoIntel.Discord.Tests.Support;

/// <summary>Records starts, idempotent by instance id, and answers status from what tests put in.</summary>
public sealed class FakeWorkflowClient : IWorkflowClient
{
    public ConcurrentDictionary<string, object?> Started { get; } = new();

    public ConcurrentDictionary<string, InstanceStatus> Statuses { get; } = new();

    private int _startCalls;

    public int StartCalls => Volatile.Read(ref _startCalls);

    public Task<StartResult> StartAsync(string workflowName, object? input, string? instanceId = null, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _startCalls);
        string id = instanceId ?? Guid.NewGuid().ToString("N");
        bool created = Started.TryAdd(id, input);
        if (created)
        {
            JsonElement json = JsonSerializer.SerializeToElement(input, AutoIntelJson.Options);
            Statuses[id] = new InstanceStatus(id, workflowName, RuntimeStatus.Pending, json, null, null, null, DateTime.UtcNow, DateTime.UtcNow, null, []);
        }

        return Task.FromResult(new StartResult(id, created));
    }

    public Task<InstanceStatus?> GetStatusAsync(string instanceId, CancellationToken cancellationToken = default) =>
        Task.FromResult(Statuses.TryGetValue(instanceId, out InstanceStatus? status) ? status : null);

    public Task RaiseEventAsync(string instanceId, string eventName, object? payload, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task TerminateAsync(string instanceId, string reason, CancellationToken cancellationToken = default) => Task.CompletedTask;
}
