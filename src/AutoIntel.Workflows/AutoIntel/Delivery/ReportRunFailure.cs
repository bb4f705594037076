using AutoIntel.Workflows.Abstractions;

namespace AutoIntel.Workflows.AutoIntel.Delivery;

/// <summary>Tells the channel that the run failed and why.</summary>
public sealed class ReportRunFailure(IRunDelivery delivery) : IActivity<ReportRunFailureInput, bool>
{
    /// <inheritdoc/>
    public async Task<bool> RunAsync(ActivityContext context, ReportRunFailureInput input)
    {
        await delivery.ReportFailureAsync(input.Handle, input.Message, context.CancellationToken);
        return true;
    }
}

/// <summary>Input of <see cref="ReportRunFailure"/>.</summary>
public sealed record ReportRunFailureInput(DeliveryHandle Handle, string Message);
