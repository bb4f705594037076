using DurableTask.Core;
using DurableTask.Core.History;
using DurableTask.Core.Query;

namespace AutoIntel.DurableEngines;

/// <summary>
/// A backend as the test sidecar should hand it sub-orchestrations: every member delegates to <paramref name="inner"/>, except
/// that a sub-orchestration's start message carries its tags as a plain dictionary instead of the gRPC request's protobuf map,
/// and the parent's history records a plain <see cref="SubOrchestrationInstanceCreatedEvent"/>.
/// </summary>
/// <remarks>
/// Two things Microsoft.DurableTask.InProcessTestHost 0.2.3-preview.1 hands the backend that only a backend which serializes
/// (DurableTask.AzureStorage, not the in-memory one) trips over, each of which alone keeps a parent calling a sub-orchestration
/// Running forever:
/// <list type="number">
/// <item>It copies <c>CreateSubOrchestration.Tags</c> (a
/// <c>Google.Protobuf.Collections.MapField</c>) into the child's <see cref="ExecutionStartedEvent.Tags"/> as is. The in-memory
/// backend never serializes the message; DurableTask.AzureStorage writes it to the control queue with Newtonsoft type names and
/// then cannot resolve <c>MapField`2</c> when reading it back, so the child's start message is abandoned and retried forever
/// ("Error resolving type specified in JSON 'Google.Protobuf.Collections.MapField`2…'. Path 'TaskMessage.Event.Tags.$type'"):
/// the child never starts. Fixed upstream in durabletask-dotnet #695 (the map is copied into a dictionary).</item>
/// <item>It records the parent's <c>SubOrchestrationInstanceCreated</c> as its own subclass
/// <c>GrpcSubOrchestrationInstanceCreatedEvent</c>, which has no <c>[DataContract]</c>: the history table row is written without
/// its <c>EventType</c>, and every later load of the parent's history fails ("The TableEntity did not contain a 'EventType'
/// property"), so the child completes but its parent never takes the result.</item>
/// </list>
/// Drop this wrapper once a test host that fixes both is served. Production is not affected: the Functions host's Durable extension, not this sidecar, talks to Azure Storage there.
/// </remarks>
public sealed class PlainTagsOrchestrationService(IOrchestrationService inner)
    : IOrchestrationService, IOrchestrationServiceClient, IOrchestrationServiceQueryClient, IOrchestrationServicePurgeClient
{
    private IOrchestrationServiceClient Client => (IOrchestrationServiceClient)inner;

    /// <inheritdoc/>
    public int TaskOrchestrationDispatcherCount => inner.TaskOrchestrationDispatcherCount;

    /// <inheritdoc/>
    public int MaxConcurrentTaskOrchestrationWorkItems => inner.MaxConcurrentTaskOrchestrationWorkItems;

    /// <inheritdoc/>
    public BehaviorOnContinueAsNew EventBehaviourForContinueAsNew => inner.EventBehaviourForContinueAsNew;

    /// <inheritdoc/>
    public int TaskActivityDispatcherCount => inner.TaskActivityDispatcherCount;

    /// <inheritdoc/>
    public int MaxConcurrentTaskActivityWorkItems => inner.MaxConcurrentTaskActivityWorkItems;

    /// <inheritdoc/>
    public Task CompleteTaskOrchestrationWorkItemAsync(
        TaskOrchestrationWorkItem workItem,
        OrchestrationRuntimeState newOrchestrationRuntimeState,
        IList<TaskMessage> outboundMessages,
        IList<TaskMessage> orchestratorMessages,
        IList<TaskMessage> timerMessages,
        TaskMessage continuedAsNewMessage,
        OrchestrationState orchestrationState)
    {
        OrchestrationRuntimeState state = newOrchestrationRuntimeState ?? workItem.OrchestrationRuntimeState;
        Replace(state.NewEvents);
        Replace(state.Events);
        foreach (TaskMessage message in orchestratorMessages)
        {
            if (message.Event is ExecutionStartedEvent started)
            {
                started.Tags = Plain(started.Tags);
            }
        }

        return inner.CompleteTaskOrchestrationWorkItemAsync(
            workItem, newOrchestrationRuntimeState, outboundMessages, orchestratorMessages, timerMessages, continuedAsNewMessage, orchestrationState);
    }

    private static IDictionary<string, string>? Plain(IDictionary<string, string>? tags) =>
        tags is null or Dictionary<string, string> ? tags : tags.Count == 0 ? null : new Dictionary<string, string>(tags, StringComparer.Ordinal);

    private static void Replace(IList<HistoryEvent> events)
    {
        for (int i = 0; i < events.Count; i++)
        {
            if (events[i] is SubOrchestrationInstanceCreatedEvent created && created.GetType() != typeof(SubOrchestrationInstanceCreatedEvent))
            {
                events[i] = new SubOrchestrationInstanceCreatedEvent(created.EventId)
                {
                    Timestamp = created.Timestamp,
                    IsPlayed = created.IsPlayed,
                    Name = created.Name,
                    Version = created.Version,
                    InstanceId = created.InstanceId,
                    Input = created.Input,
                    ClientSpanId = created.ClientSpanId,
                    Tags = Plain(created.Tags),
                };
            }
        }
    }

    /// <inheritdoc/>
    public Task StartAsync() => inner.StartAsync();

    /// <inheritdoc/>
    public Task StopAsync() => inner.StopAsync();

    /// <inheritdoc/>
    public Task StopAsync(bool isForced) => inner.StopAsync(isForced);

    /// <inheritdoc/>
    public Task CreateAsync() => inner.CreateAsync();

    /// <inheritdoc/>
    public Task CreateAsync(bool recreateInstanceStore) => inner.CreateAsync(recreateInstanceStore);

    /// <inheritdoc/>
    public Task CreateIfNotExistsAsync() => inner.CreateIfNotExistsAsync();

    /// <inheritdoc/>
    public Task DeleteAsync() => inner.DeleteAsync();

    /// <inheritdoc/>
    public Task DeleteAsync(bool deleteInstanceStore) => inner.DeleteAsync(deleteInstanceStore);

    /// <inheritdoc/>
    public bool IsMaxMessageCountExceeded(int currentMessageCount, OrchestrationRuntimeState runtimeState) => inner.IsMaxMessageCountExceeded(currentMessageCount, runtimeState);

    /// <inheritdoc/>
    public int GetDelayInSecondsAfterOnProcessException(Exception exception) => inner.GetDelayInSecondsAfterOnProcessException(exception);

    /// <inheritdoc/>
    public int GetDelayInSecondsAfterOnFetchException(Exception exception) => inner.GetDelayInSecondsAfterOnFetchException(exception);

    /// <inheritdoc/>
    public Task<TaskOrchestrationWorkItem> LockNextTaskOrchestrationWorkItemAsync(TimeSpan receiveTimeout, CancellationToken cancellationToken) =>
        inner.LockNextTaskOrchestrationWorkItemAsync(receiveTimeout, cancellationToken);

    /// <inheritdoc/>
    public Task RenewTaskOrchestrationWorkItemLockAsync(TaskOrchestrationWorkItem workItem) => inner.RenewTaskOrchestrationWorkItemLockAsync(workItem);

    /// <inheritdoc/>
    public Task AbandonTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem) => inner.AbandonTaskOrchestrationWorkItemAsync(workItem);

    /// <inheritdoc/>
    public Task ReleaseTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem) => inner.ReleaseTaskOrchestrationWorkItemAsync(workItem);

    /// <inheritdoc/>
    public Task<TaskActivityWorkItem> LockNextTaskActivityWorkItem(TimeSpan receiveTimeout, CancellationToken cancellationToken) =>
        inner.LockNextTaskActivityWorkItem(receiveTimeout, cancellationToken);

    /// <inheritdoc/>
    public Task<TaskActivityWorkItem> RenewTaskActivityWorkItemLockAsync(TaskActivityWorkItem workItem) => inner.RenewTaskActivityWorkItemLockAsync(workItem);

    /// <inheritdoc/>
    public Task CompleteTaskActivityWorkItemAsync(TaskActivityWorkItem workItem, TaskMessage responseMessage) => inner.CompleteTaskActivityWorkItemAsync(workItem, responseMessage);

    /// <inheritdoc/>
    public Task AbandonTaskActivityWorkItemAsync(TaskActivityWorkItem workItem) => inner.AbandonTaskActivityWorkItemAsync(workItem);

    /// <inheritdoc/>
    public Task CreateTaskOrchestrationAsync(TaskMessage creationMessage) => Client.CreateTaskOrchestrationAsync(creationMessage);

    /// <inheritdoc/>
    public Task CreateTaskOrchestrationAsync(TaskMessage creationMessage, OrchestrationStatus[] dedupeStatuses) => Client.CreateTaskOrchestrationAsync(creationMessage, dedupeStatuses);

    /// <inheritdoc/>
    public Task SendTaskOrchestrationMessageAsync(TaskMessage message) => Client.SendTaskOrchestrationMessageAsync(message);

    /// <inheritdoc/>
    public Task SendTaskOrchestrationMessageBatchAsync(params TaskMessage[] messages) => Client.SendTaskOrchestrationMessageBatchAsync(messages);

    /// <inheritdoc/>
    public Task<OrchestrationState> WaitForOrchestrationAsync(string instanceId, string executionId, TimeSpan timeout, CancellationToken cancellationToken) =>
        Client.WaitForOrchestrationAsync(instanceId, executionId, timeout, cancellationToken);

    /// <inheritdoc/>
    public Task ForceTerminateTaskOrchestrationAsync(string instanceId, string reason) => Client.ForceTerminateTaskOrchestrationAsync(instanceId, reason);

    /// <inheritdoc/>
    public Task<IList<OrchestrationState>> GetOrchestrationStateAsync(string instanceId, bool allExecutions) => Client.GetOrchestrationStateAsync(instanceId, allExecutions);

    /// <inheritdoc/>
    public Task<OrchestrationState> GetOrchestrationStateAsync(string instanceId, string executionId) => Client.GetOrchestrationStateAsync(instanceId, executionId);

    /// <inheritdoc/>
    public Task<string> GetOrchestrationHistoryAsync(string instanceId, string executionId) => Client.GetOrchestrationHistoryAsync(instanceId, executionId);

    /// <inheritdoc/>
    public Task PurgeOrchestrationHistoryAsync(DateTime thresholdDateTimeUtc, OrchestrationStateTimeRangeFilterType timeRangeFilterType) =>
        Client.PurgeOrchestrationHistoryAsync(thresholdDateTimeUtc, timeRangeFilterType);

    /// <inheritdoc/>
    public Task<OrchestrationQueryResult> GetOrchestrationWithQueryAsync(OrchestrationQuery query, CancellationToken cancellationToken) =>
        ((IOrchestrationServiceQueryClient)inner).GetOrchestrationWithQueryAsync(query, cancellationToken);

    /// <inheritdoc/>
    public Task<PurgeResult> PurgeInstanceStateAsync(string instanceId) => ((IOrchestrationServicePurgeClient)inner).PurgeInstanceStateAsync(instanceId);

    /// <inheritdoc/>
    public Task<PurgeResult> PurgeInstanceStateAsync(PurgeInstanceFilter purgeInstanceFilter) => ((IOrchestrationServicePurgeClient)inner).PurgeInstanceStateAsync(purgeInstanceFilter);
}
