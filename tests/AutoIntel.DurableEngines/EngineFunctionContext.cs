using Microsoft.Azure.Functions.Worker;

namespace AutoIntel.DurableEngines;

/// <summary>
/// What the Functions worker hands an activity function: the invocation's scoped services, its cancellation, and the
/// trigger's binding data (Durable's "instanceId"). Everything else the adapter never reads.
/// </summary>
internal sealed class EngineFunctionContext(IServiceProvider services, string functionName, string instanceId, CancellationToken cancellationToken) : FunctionContext
{
    public override string InvocationId { get; } = Guid.NewGuid().ToString("N");

    public override string FunctionId => functionName;

    public override TraceContext TraceContext => throw new NotSupportedException("not used by the adapter");

    public override BindingContext BindingContext { get; } = new Bindings(instanceId);

    public override RetryContext RetryContext => throw new NotSupportedException("not used by the adapter");

    public override IServiceProvider InstanceServices { get; set; } = services;

    public override FunctionDefinition FunctionDefinition => throw new NotSupportedException("not used by the adapter");

    public override IDictionary<object, object> Items { get; set; } = new Dictionary<object, object>();

    public override IInvocationFeatures Features => throw new NotSupportedException("not used by the adapter");

    public override CancellationToken CancellationToken => cancellationToken;

    private sealed class Bindings(string instanceId) : BindingContext
    {
        public override IReadOnlyDictionary<string, object?> BindingData { get; } = new Dictionary<string, object?> { ["instanceId"] = instanceId };
    }
}
