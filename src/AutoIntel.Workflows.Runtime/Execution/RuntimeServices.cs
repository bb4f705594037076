using AutoIntel.Workflows.Abstractions;
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
    string Session);
