using AutoIntel.Workflows.Abstractions;
using Microsoft.Extensions.Logging;

namespace AutoIntel.Workflows.Runtime.Execution;

/// <summary>Forwards to a logger except while the orchestration replays, so each line is written once per real step.</summary>
internal sealed class ReplaySafeLogger(IWorkflowContext context, ILogger inner) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => inner.BeginScope(state);

    public bool IsEnabled(LogLevel logLevel) => !context.IsReplaying && inner.IsEnabled(logLevel);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!context.IsReplaying)
        {
            inner.Log(logLevel, eventId, state, exception, formatter);
        }
    }
}
