using AutoIntel.Workflows.Abstractions;
using AutoIntel.Workflows.Runtime.History;
using Microsoft.Extensions.Logging;

namespace AutoIntel.Workflows.Runtime.Execution;

/// <summary>What every instance runner of one runtime shares.</summary>
internal sealed record RuntimeServices(
    WorkflowRegistry Registry,
    IServiceProvider Services,
    LocalRuntimeOptions Options,
    TimeProvider Time,
    ILoggerFactory LoggerFactory,
    ActivityWorkerPool Pool,
    string Session,
    IInstanceHost Host);

/// <summary>What a runner asks of its runtime: children for sub-workflow calls, a successor for continue-as-new.</summary>
internal interface IInstanceHost
{
    /// <summary>Starts (or adopts) the child of a sub-workflow call and posts its outcome to <paramref name="parent"/>.</summary>
    void WatchChild(InstanceRunner parent, IActivityCall call, int attempt);

    /// <summary>Runs the next generation on <paramref name="log"/>; false when the runtime is stopping (the caller then closes the log).</summary>
    bool ContinueAsNew(WorkflowDescriptor workflow, IHistoryLog log, IReadOnlyList<HistoryEvent> history);
}
