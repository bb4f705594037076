using Microsoft.Extensions.DependencyInjection;

namespace AutoIntel.Workflows.Abstractions;

/// <summary>Names every orchestration and activity a host can run, and how to invoke them.</summary>
/// <remarks>Names are the class names (<c>nameof</c>), shared by both hosts.</remarks>
public sealed class WorkflowRegistry
{
    private readonly Dictionary<string, WorkflowDescriptor> _workflows = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ActivityDescriptor> _activities = new(StringComparer.Ordinal);

    /// <summary>Registered orchestrations by name.</summary>
    public IReadOnlyDictionary<string, WorkflowDescriptor> Workflows => _workflows;

    /// <summary>Registered activities by name.</summary>
    public IReadOnlyDictionary<string, ActivityDescriptor> Activities => _activities;

    /// <summary>Registers an orchestration class under its type name.</summary>
    /// <param name="version">Recorded in each new instance (<see cref="IWorkflowContext.Version"/>); instances keep the version they started with.</param>
    public WorkflowRegistry AddWorkflow<TWorkflow, TInput, TOutput>(string version = "")
        where TWorkflow : class, IWorkflow<TInput, TOutput>
    {
        var name = typeof(TWorkflow).Name;
        _workflows[name] = new WorkflowDescriptor(
            name,
            typeof(TInput),
            typeof(TOutput),
            async (services, context, input) => await Resolve<TWorkflow>(services).RunAsync(context, (TInput)input!))
        {
            Version = ValidVersion(version),
        };
        return this;
    }

    /// <summary>Registers an activity class under its type name.</summary>
    public WorkflowRegistry AddActivity<TActivity, TInput, TOutput>()
        where TActivity : class, IActivity<TInput, TOutput>
    {
        var name = typeof(TActivity).Name;
        return AddActivity<TInput, TOutput>(name, (services, context, input) => Resolve<TActivity>(services).RunAsync(context, input));
    }

    /// <summary>Registers a delegate as an activity (tests, benchmarks).</summary>
    public WorkflowRegistry AddActivity<TInput, TOutput>(string name, Func<IServiceProvider, ActivityContext, TInput, Task<TOutput>> run)
    {
        _activities[name] = new ActivityDescriptor(
            name,
            typeof(TInput),
            typeof(TOutput),
            async (services, context, input) => await run(services, context, (TInput)input!));
        return this;
    }

    /// <summary>Registers a delegate as an orchestration (tests, benchmarks).</summary>
    public WorkflowRegistry AddWorkflow<TInput, TOutput>(string name, Func<IWorkflowContext, TInput, Task<TOutput>> run, string version = "")
    {
        _workflows[name] = new WorkflowDescriptor(name, typeof(TInput), typeof(TOutput), async (_, context, input) => await run(context, (TInput)input!))
        {
            Version = ValidVersion(version),
        };
        return this;
    }

    // Versions travel in history lines and Durable's instance tables: short, printable, no surrounding blanks.
    private static string ValidVersion(string version) =>
        version is { Length: <= 50 } && version.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_')
            ? version
            : throw new ArgumentException($"'{version}' is not a workflow version (up to 50 letters, digits, '.', '-' or '_').", nameof(version));

    private static T Resolve<T>(IServiceProvider services)
        where T : class => ActivatorUtilities.GetServiceOrCreateInstance<T>(services);
}

/// <summary>How to run one registered orchestration.</summary>
public sealed record WorkflowDescriptor(string Name, Type InputType, Type OutputType, Func<IServiceProvider, IWorkflowContext, object?, Task<object?>> Run)
{
    /// <summary>The version new instances record ("" = unversioned).</summary>
    public string Version { get; init; } = string.Empty;
}

/// <summary>How to run one registered activity.</summary>
public sealed record ActivityDescriptor(string Name, Type InputType, Type OutputType, Func<IServiceProvider, ActivityContext, object?, Task<object?>> Run);
