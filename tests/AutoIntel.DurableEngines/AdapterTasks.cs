using System.Reflection;
using System.Text.Json;
using AutoIntel.Functions.Activities;
using AutoIntel.Functions.Orchestrations;
using AutoIntel.Workflows.Abstractions;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace AutoIntel.DurableEngines;

/// <summary>Registers the adapter's code with a Durable Task worker, the way the Functions host binds it.</summary>
public static class AdapterTasks
{
    private static readonly JsonElement JsonNull = JsonSerializer.SerializeToElement<object?>(null);

    /// <summary>
    /// Every orchestrator and activity function listed in the build's <c>functions.metadata</c>, invoked through its own
    /// [Function] method on an instance the app's container builds (as the worker does): the function bodies are what runs.
    /// </summary>
    /// <param name="durableClient">What an activity's <c>[DurableClient]</c> parameter receives (the engine's client, read when the activity runs).</param>
    public static void AddFunctionsApp(this DurableTaskRegistry registry, IServiceProvider app, Func<DurableTaskClient>? durableClient = null)
    {
        foreach (FunctionEntry function in FunctionsMetadata.All)
        {
            MethodInfo method = function.Method();
            switch (function.Trigger)
            {
                case "orchestrationTrigger":
                    registry.AddOrchestratorFunc<JsonElement?, JsonElement>(function.Name, (context, _) =>
                        Invoke<JsonElement>(app, method, context));
                    break;
                case "activityTrigger":
                    registry.AddActivityFunc<JsonElement?, JsonElement>(function.Name, async (context, input) =>
                    {
                        await using AsyncServiceScope scope = app.CreateAsyncScope();
                        var invocation = new EngineFunctionContext(scope.ServiceProvider, function.Name, context.InstanceId, CancellationToken.None);
                        object[] arguments = [.. method.GetParameters().Select(p =>
                            p.ParameterType == typeof(FunctionContext) ? invocation
                            : p.ParameterType == typeof(DurableTaskClient) ? durableClient?.Invoke() ?? throw new InvalidOperationException($"{function.Name} binds a Durable client: pass one to AddFunctionsApp.")
                            : (object)(input ?? JsonNull))];
                        return await Invoke<JsonElement>(scope.ServiceProvider, method, arguments);
                    });
                    break;
            }
        }
    }

    /// <summary>
    /// Every workflow and activity of <paramref name="workflows"/> through the adapter's <see cref="OrchestrationRunner"/> and
    /// <see cref="ActivityDispatcher"/> (for workflows written for a test; the /autointel ones go through <see cref="AddFunctionsApp"/>).
    /// </summary>
    public static void AddWorkflows(this DurableTaskRegistry registry, WorkflowRegistry workflows, IServiceProvider app)
    {
        var runner = new OrchestrationRunner(workflows, app);
        var dispatcher = new ActivityDispatcher(workflows);
        foreach (string name in workflows.Workflows.Keys)
        {
            registry.AddOrchestratorFunc<JsonElement?, JsonElement>(name, (context, _) => runner.RunAsync(name, context));
        }

        foreach (string name in workflows.Activities.Keys)
        {
            registry.AddActivityFunc<JsonElement?, JsonElement>(name, async (context, input) =>
            {
                await using AsyncServiceScope scope = app.CreateAsyncScope();
                return await dispatcher.RunAsync(name, input ?? JsonNull, context.InstanceId, scope.ServiceProvider, CancellationToken.None);
            });
        }
    }

    private static Task<T> Invoke<T>(IServiceProvider services, MethodInfo method, params object[] arguments)
    {
        object? target = method.IsStatic ? null : ActivatorUtilities.CreateInstance(services, method.DeclaringType!);
        return (Task<T>)method.Invoke(target, BindingFlags.DoNotWrapExceptions, binder: null, arguments, culture: null)!;
    }
}
