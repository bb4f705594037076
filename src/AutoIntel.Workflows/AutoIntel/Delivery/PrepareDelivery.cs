using AutoIntel.Workflows.Abstractions;

namespace AutoIntel.Workflows.AutoIntel.Delivery;

/// <summary>Stage 1: ensure the channel webhook, edit the deferred reply once, post the progress message.</summary>
public sealed class PrepareDelivery(IRunDelivery delivery) : IActivity<PrepareDeliveryInput, DeliveryHandle>
{
    /// <inheritdoc/>
    public Task<DeliveryHandle> RunAsync(ActivityContext context, PrepareDeliveryInput input) =>
        delivery.PrepareAsync(input.RunId, input.Target, context.CancellationToken);
}

/// <summary>Input of <see cref="PrepareDelivery"/>.</summary>
public sealed record PrepareDeliveryInput(string RunId, DeliveryTarget Target);
