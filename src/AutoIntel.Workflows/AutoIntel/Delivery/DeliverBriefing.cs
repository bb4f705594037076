using AutoIntel.Core;
using AutoIntel.Core.Briefings;
using AutoIntel.Workflows.Abstractions;

namespace AutoIntel.Workflows.AutoIntel.Delivery;

/// <summary>Stage 9: posts the briefing through the channel webhook with the full report attached.</summary>
public sealed class DeliverBriefing(IRunDelivery delivery) : IActivity<DeliverBriefingInput, DeliveryReceipt>
{
    /// <inheritdoc/>
    public Task<DeliveryReceipt> RunAsync(ActivityContext context, DeliverBriefingInput input) =>
        delivery.DeliverAsync(input.Handle, input.Briefing, input.Report, context.CancellationToken);
}

/// <summary>Input of <see cref="DeliverBriefing"/>.</summary>
public sealed record DeliverBriefingInput(DeliveryHandle Handle, Briefing Briefing, ArtifactRef Report);
