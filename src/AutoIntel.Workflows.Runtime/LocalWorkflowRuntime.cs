using System.Collections.Concurrent;
using System.Text.Json;
using AutoIntel.Workflows.Abstractions;
using AutoIntel.Workflows.Runtime.Execution;
using AutoIntel.Workflows.Runtime.History;
using Microsoft.Extensions.Logging;

namespace AutoIntel.Workflows.Runtime;

/// <summary>The embedded durable engine: runs orchestrations from event-sourced history, with replay, retries, timers and crash-resume.</summary>
/// <remarks>
/// One runtime is one session of one process. Instances it starts or resumes run until they end or the runtime is disposed;
/// disposing leaves unfinished instances in history, and <see cref="ResumeAsync"/> (in this or a later process) continues them.
/// </remarks>
public sealed class LocalWorkflowRuntime : IWorkflowClient, IAsyncDisposable, IInstanceHost
{
    // How often a parent checks on a child that another process runs (no notification crosses processes).
    private static readonly TimeSpan ForeignChildPollInterval = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<string, InstanceRunner> _running = new(StringComparer.Ordinal);

    // The live status of each instance this runtime runs, so status reads never re-read a running instance's history.
    private readonly ConcurrentDictionary<string, LiveStatusLog> _live = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly CancellationTokenSource _shutdown = new();
    private readonly RuntimeServices _runtime;
    private readonly IHistoryStore _store;
    private readonly ILogger _logger;
    private bool _disposed;

    public LocalWorkflowRuntime(
        WorkflowRegistry registry,
        IHistoryStore store,
        IServiceProvider services,
        LocalRuntimeOptions options,
        TimeProvider timeProvider,
        ILoggerFactory loggerFactory)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxConcurrentActivities, 1);
        _store = store;
        _logger = loggerFactory.CreateLogger<LocalWorkflowRuntime>();
        Session = Guid.NewGuid().ToString("N");
        var pool = new ActivityWorkerPool(registry, services, timeProvider, options.MaxConcurrentActivities);
        _runtime = new RuntimeServices(registry, services, options, timeProvider, loggerFactory, pool, Session, this);
    }

    /// <summary>This runtime's session id, recorded in <see cref="ExecutionResumed"/> and <see cref="TaskStarted"/> events.</summary>
    public string Session { get; }

    /// <inheritdoc/>
    /// <remarks>
    /// Returns once the start event is appended (and flushed when <see cref="LocalRuntimeOptions.FlushToDisk"/> is set); the orchestration
    /// code first runs afterwards on the instance's runner, so a failure there shows in the instance's status, not here.
    /// </remarks>
    public Task<StartResult> StartAsync(string workflowName, object? input, string? instanceId = null, CancellationToken cancellationToken = default) =>
        StartAsync(workflowName, WorkflowPayload.ToElement(input, typeof(object)), instanceId ?? Guid.NewGuid().ToString("N"), parentInstanceId: null, cancellationToken);

    /// <inheritdoc/>
    void IInstanceHost.WatchChild(InstanceRunner parent, IActivityCall call, int attempt) => _ = WatchChildAsync(parent, call, attempt);

    /// <inheritdoc/>
    bool IInstanceHost.ContinueAsNew(WorkflowDescriptor workflow, IHistoryLog log, IReadOnlyList<HistoryEvent> history)
    {
        if (_shutdown.IsCancellationRequested)
        {
            // The new generation is written; the next ResumeAsync runs it.
            return false;
        }

        Launch(workflow, log, history, resumed: null);
        return true;
    }

    private async Task<StartResult> StartAsync(string workflowName, JsonElement? inputJson, string id, string? parentInstanceId, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!_runtime.Registry.Workflows.TryGetValue(workflowName, out var workflow))
        {
            throw new ArgumentException($"Workflow '{workflowName}' is not registered.", nameof(workflowName));
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            // A runner that has completed may still be listed for a moment (a purged child started again for a retry).
            if (IsRunningHere(id))
            {
                return new StartResult(id, false);
            }

            if ((await _store.ReadAsync(id, cancellationToken)).Count > 0)
            {
                return new StartResult(id, false);
            }

            IHistoryLog log;
            try
            {
                log = await _store.OpenAsync(id, cancellationToken);
            }
            catch (InstanceLockedException)
            {
                // Someone else created and runs it between our read and open.
                return new StartResult(id, false);
            }

            if (log.Events.Count > 0)
            {
                await log.DisposeAsync();
                return new StartResult(id, false);
            }

            HistoryEvent[] started =
                [new ExecutionStarted(Now(null), workflow.Name, inputJson, workflow.Version.Length == 0 ? null : workflow.Version, parentInstanceId)];
            try
            {
                // Durable before we answer: a crash after StartAsync returns still finds the instance.
                await log.AppendAsync(started, _runtime.Options.FlushToDisk, cancellationToken);
            }
            catch
            {
                await log.DisposeAsync();
                throw;
            }

            // The first step (replay of the start, first batch of calls) runs on the runner's own task: a caller such as the
            // Discord interactions endpoint answers as soon as the start is durable, not after the orchestration code has run.
            Launch(workflow, log, started, resumed: null);
            return new StartResult(id, true);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc/>
    /// <remarks>An instance running in this runtime is answered from its live status, without reading its history.</remarks>
    public async Task<InstanceStatus?> GetStatusAsync(string instanceId, CancellationToken cancellationToken = default) =>
        _live.TryGetValue(instanceId, out var live)
            ? live.Status()
            : HistoryProjection.Project(instanceId, await _store.ReadAsync(instanceId, cancellationToken));

    /// <inheritdoc/>
    /// <remarks>An instance not running in this runtime gets the event appended to its history, delivered when it resumes.</remarks>
    public async Task RaiseEventAsync(string instanceId, string eventName, object? payload, CancellationToken cancellationToken = default)
    {
        var json = WorkflowPayload.ToElement(payload, typeof(object));
        if (await PostToRunnerAsync(instanceId, new InstanceMessage(InstanceMessageKind.EventRaised, Value: json, Name: eventName), cancellationToken) is not null)
        {
            return;
        }

        await AppendOfflineAsync(instanceId, new EventRaised(Now(null), eventName, json), cancellationToken);
    }

    /// <inheritdoc/>
    /// <remarks>In-flight activities of the instance see their token cancelled; their results are not recorded.</remarks>
    public async Task TerminateAsync(string instanceId, string reason, CancellationToken cancellationToken = default)
    {
        if (await PostToRunnerAsync(instanceId, new InstanceMessage(InstanceMessageKind.Terminate, Name: reason), cancellationToken) is { } runner)
        {
            await runner.Completion.WaitAsync(cancellationToken);
            return;
        }

        await AppendOfflineAsync(instanceId, new ExecutionTerminated(Now(null), reason), cancellationToken);
    }

    /// <summary>
    /// Whether some runtime (this one, or another process) is running the instance now, from its history lease
    /// (<see cref="IHistoryStore.IsHeldAsync"/>). An unfinished instance nobody runs stopped with its process: resume it.
    /// </summary>
    public async Task<bool> IsBeingRunAsync(string instanceId, CancellationToken cancellationToken) =>
        _running.ContainsKey(instanceId) || await _store.IsHeldAsync(instanceId, cancellationToken);

    /// <summary>Waits until the instance ends (or this runtime stops running it) and returns its status.</summary>
    /// <remarks>For an instance not running in this runtime it returns the stored status at once, terminal or not.</remarks>
    /// <remarks>Follows continue-as-new: it waits for the last generation, not the one running when called.</remarks>
    public async Task<InstanceStatus> WaitForCompletionAsync(string instanceId, CancellationToken cancellationToken)
    {
        while (_running.TryGetValue(instanceId, out var runner))
        {
            // Read after the runner: Launch publishes a generation's live status before its runner, so this is the runner's or newer.
            _live.TryGetValue(instanceId, out var live);
            await runner.Completion.WaitAsync(cancellationToken);
            if (_running.TryGetValue(instanceId, out var now) && !ReferenceEquals(now, runner))
            {
                // A successor runs the next generation.
                continue;
            }

            // Ended (it leaves _running just after): answered from its fold unless more generations ran meanwhile.
            if (live?.Status() is { IsTerminal: true } final)
            {
                return final;
            }

            break;
        }

        return await GetStatusAsync(instanceId, cancellationToken)
            ?? throw new InvalidOperationException($"Instance {instanceId} does not exist.");
    }

    /// <summary>Loads a non-terminal instance's history, replays it and continues it; false when it is unknown or has ended.</summary>
    /// <exception cref="InstanceLockedException">Another process runs the instance.</exception>
    public async Task<bool> ResumeAsync(string instanceId, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return await ResumeUnderGateAsync(instanceId, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Resumes every stored non-terminal instance not run by another process; returns the ids resumed.</summary>
    /// <remarks>
    /// One pass under the gate: a start, resume or child adoption that comes meanwhile waits for it, so it never meets an
    /// instance this pass has locked but not yet registered (and takes for one run by another process).
    /// </remarks>
    public async Task<IReadOnlyList<string>> ResumeAllAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var resumed = new List<string>();
        await _gate.WaitAsync(cancellationToken);
        try
        {
            foreach (var id in await _store.ListAsync(cancellationToken))
            {
                try
                {
                    if (await ResumeUnderGateAsync(id, cancellationToken))
                    {
                        resumed.Add(id);
                    }
                }
                catch (InstanceLockedException ex)
                {
                    _logger.LogInformation("Not resuming {InstanceId}: {Reason}", id, ex.Message);
                }
            }
        }
        finally
        {
            _gate.Release();
        }

        return resumed;
    }

    /// <summary>The status of every stored instance, oldest first.</summary>
    public async Task<IReadOnlyList<InstanceStatus>> ListAsync(CancellationToken cancellationToken)
    {
        var list = new List<InstanceStatus>();
        foreach (var id in await _store.ListAsync(cancellationToken))
        {
            if (await GetStatusAsync(id, cancellationToken) is { } status)
            {
                list.Add(status);
            }
        }

        return [.. list.OrderBy(s => s.CreatedAtUtc).ThenBy(s => s.InstanceId, StringComparer.Ordinal)];
    }

    /// <summary>Deletes an ended instance's history; false when it does not exist.</summary>
    /// <exception cref="InvalidOperationException">The instance has not ended.</exception>
    public async Task<bool> PurgeAsync(string instanceId, CancellationToken cancellationToken)
    {
        var status = await GetStatusAsync(instanceId, cancellationToken);
        if (status is null)
        {
            return false;
        }

        if (status.IsTerminal && _running.TryGetValue(instanceId, out var finishing))
        {
            // The terminal event is already stored; the runner is only closing its history log (it leaves _running just after).
            await finishing.Completion.WaitAsync(cancellationToken);
        }

        if (!status.IsTerminal)
        {
            throw new InvalidOperationException(
                $"Instance {instanceId} is {status.RuntimeStatus}: only completed, failed or terminated instances can be purged (terminate it first).");
        }

        var deleted = await _store.DeleteAsync(instanceId, cancellationToken);

        // The ended instance's live status may outlast its runner by a moment; once purged, it must not answer for it.
        if (_live.TryGetValue(instanceId, out var ended) && ended.Status() is { IsTerminal: true })
        {
            _live.TryRemove(new KeyValuePair<string, LiveStatusLog>(instanceId, ended));
        }

        return deleted;
    }

    /// <summary>Stops all runners and workers; unfinished instances stay resumable.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await _shutdown.CancelAsync();

        // Again until none is left: a runner handing over to its next generation may have launched one meanwhile.
        InstanceRunner[] runners;
        while ((runners = [.. _running.Values.Where(r => !r.Completion.IsCompleted)]).Length > 0)
        {
            await Task.WhenAll(runners.Select(r => r.Completion));
        }

        await _runtime.Pool.DisposeAsync();
        _shutdown.Dispose();
        _gate.Dispose();
    }

    // A runner closes its inbox when it hands over to its next generation: then the message goes to the successor.
    private async Task<InstanceRunner?> PostToRunnerAsync(string instanceId, InstanceMessage message, CancellationToken cancellationToken)
    {
        while (_running.TryGetValue(instanceId, out var runner))
        {
            if (runner.Post(message))
            {
                return runner;
            }

            await runner.Completion.WaitAsync(cancellationToken);
            if (_running.TryGetValue(instanceId, out var now) && ReferenceEquals(now, runner))
            {
                break;
            }
        }

        return null;
    }

    /// <summary>
    /// Runs a sub-workflow call: starts the child (or adopts the one a previous run started), waits for it across its
    /// generations, retries it under the same id like an activity, and posts the outcome to the parent's runner.
    /// </summary>
    /// <remarks>Stops quietly when the parent stops (ended, terminated, shutdown): the parent's next run watches again.</remarks>
    private async Task WatchChildAsync(InstanceRunner parent, IActivityCall call, int attempt)
    {
        var token = parent.Cancellation;
        var childId = call.ChildInstanceId!;
        var retry = call.Retry;
        var fresh = false;
        try
        {
            while (true)
            {
                FailureDetails failure;
                try
                {
                    if (fresh)
                    {
                        // A retry runs the child again under the same id (as Durable does): its failed history goes first.
                        await PurgeAsync(childId, token);
                    }

                    await StartAsync(call.Name!, call.Input, childId, parent.InstanceId, token);
                    var status = await WaitForChildEndAsync(childId, token);
                    if (status.RuntimeStatus == RuntimeStatus.Completed)
                    {
                        parent.Post(new InstanceMessage(InstanceMessageKind.SubWorkflowCompleted, call.TaskId, attempt, status.Output));
                        return;
                    }

                    failure = status.Failure ?? new FailureDetails(
                        "SubWorkflowTerminated", $"Sub-workflow {childId} was terminated: {status.Output?.GetString()}", IsPermanent: false);
                }
                catch (ArgumentException ex)
                {
                    // Not registered, or an id the store refuses: retrying cannot help.
                    failure = new FailureDetails(ex.GetType().Name, ex.Message, IsPermanent: true);
                }

                if (failure.IsPermanent || attempt >= Math.Max(1, retry.MaxAttempts))
                {
                    parent.Post(new InstanceMessage(InstanceMessageKind.SubWorkflowFailed, call.TaskId, attempt, Failure: failure));
                    return;
                }

                parent.Post(new InstanceMessage(InstanceMessageKind.SubWorkflowAttemptFailed, call.TaskId, attempt, Failure: failure));
                attempt++;
                fresh = true;
                if (retry.DelayBefore(attempt) is { } delay && delay > TimeSpan.Zero)
                {
                    await Task.Delay(delay, _runtime.Time, token);
                }
            }
        }
        catch (Exception) when (token.IsCancellationRequested)
        {
            // The parent stopped; it watches the child again when it resumes.
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "Sub-workflow {ChildId} of {InstanceId} could not be run", childId, parent.InstanceId);
            parent.Post(new InstanceMessage(InstanceMessageKind.SubWorkflowFailed, call.TaskId, attempt, Failure: FailureDetails.From(ex)));
        }
    }

    // Until the child is terminal: it may run here (across continue-as-new generations), have stopped with a previous process
    // (then it is resumed), or run in another process (then its stored status is polled).
    private async Task<InstanceStatus> WaitForChildEndAsync(string childId, CancellationToken cancellationToken)
    {
        while (true)
        {
            var status = await WaitForCompletionAsync(childId, cancellationToken);
            if (status.IsTerminal)
            {
                return status;
            }

            cancellationToken.ThrowIfCancellationRequested();
            if (!await AdoptChildAsync(childId, cancellationToken))
            {
                await Task.Delay(ForeignChildPollInterval, _runtime.Time, cancellationToken);
            }
        }
    }

    /// <summary>Makes sure an unfinished child runs: here already, or resumed here now; false when another process runs it.</summary>
    /// <remarks>
    /// Under the gate: outside it, a resume in progress here (log locked, runner not yet registered) looked like another
    /// process's lease, and the parent then polled on the runtime clock instead of waiting for its child.
    /// </remarks>
    private async Task<bool> AdoptChildAsync(string childId, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (IsRunningHere(childId))
            {
                return true;
            }

            if (await _store.IsHeldAsync(childId, cancellationToken))
            {
                return false;
            }

            // False only when the child has ended meanwhile (or is gone): the caller's next wait reads its stored status.
            await ResumeUnderGateAsync(childId, cancellationToken);
            return true;
        }
        catch (InstanceLockedException)
        {
            // Taken by another process between the probe and the open.
            return false;
        }
        finally
        {
            _gate.Release();
        }
    }

    // The caller holds _gate: between opening the log (taking the lock) and registering the runner, nobody here looks.
    private async Task<bool> ResumeUnderGateAsync(string instanceId, CancellationToken cancellationToken)
    {
        if (IsRunningHere(instanceId))
        {
            return true;
        }

        // Read first: opening would create a file for an unknown id.
        if (HistoryProjection.Project(instanceId, await _store.ReadAsync(instanceId, cancellationToken)) is not { IsTerminal: false })
        {
            return false;
        }

        var log = await _store.OpenAsync(instanceId, cancellationToken);
        var status = HistoryProjection.Project(instanceId, log.Events);
        if (status is not { IsTerminal: false })
        {
            await log.DisposeAsync();
            return false;
        }

        if (!_runtime.Registry.Workflows.TryGetValue(status.WorkflowName, out var workflow))
        {
            await log.DisposeAsync();
            throw new InvalidOperationException($"Instance {instanceId} runs workflow '{status.WorkflowName}', which is not registered.");
        }

        // Resuming waits for the replay, so a history this code cannot replay or a store error surfaces here.
        await Launch(workflow, log, log.Events, new ExecutionResumed(Now(log.Events), Session)).Ready;
        return true;
    }

    // A runner that has stopped (ended, or failed on a store error) may still be listed until ForgetWhenDoneAsync removes it.
    private bool IsRunningHere(string instanceId) => _running.TryGetValue(instanceId, out var runner) && !runner.Completion.IsCompleted;

    private InstanceRunner Launch(WorkflowDescriptor workflow, IHistoryLog log, IReadOnlyList<HistoryEvent> history, HistoryEvent? resumed)
    {
        // A continue-as-new hands over the previous generation's live log: its successor folds the new generation from scratch.
        var live = new LiveStatusLog(log is LiveStatusLog previous ? previous.Inner : log, history);
        var runner = new InstanceRunner(_runtime, workflow, live, history, resumed, _shutdown.Token);
        _live[log.InstanceId] = live;
        _running[log.InstanceId] = runner;
        runner.Start();
        _ = ForgetWhenDoneAsync(runner, live);
        return runner;
    }

    private async Task ForgetWhenDoneAsync(InstanceRunner runner, LiveStatusLog live)
    {
        await runner.Completion;

        // A started instance's first step may fail with nobody awaiting Ready; the runner has logged it, so observe it here.
        _ = runner.Ready.Exception;
        _running.TryRemove(new KeyValuePair<string, InstanceRunner>(runner.InstanceId, runner));
        _live.TryRemove(new KeyValuePair<string, LiveStatusLog>(runner.InstanceId, live));
        runner.Dispose();
    }

    private async Task AppendOfflineAsync(string instanceId, HistoryEvent e, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var status = await GetStatusAsync(instanceId, cancellationToken)
                ?? throw new InvalidOperationException($"Instance {instanceId} does not exist.");
            if (status.IsTerminal)
            {
                // Like Durable Functions: events and terminations for an ended instance are dropped.
                return;
            }

            await using var log = await _store.OpenAsync(instanceId, cancellationToken);
            await log.AppendAsync([e], _runtime.Options.FlushToDisk, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    private DateTime Now(IReadOnlyList<HistoryEvent>? history)
    {
        var now = _runtime.Time.GetUtcNow().UtcDateTime;
        return history is { Count: > 0 } && history[^1].Timestamp > now ? history[^1].Timestamp : now;
    }
}
