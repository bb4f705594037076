using AutoIntel.Workflows.Abstractions;

namespace AutoIntel.Workflows.AutoIntel.Delivery;

/// <summary>Edits the channel's progress message to show the current stage.</summary>
public sealed class ReportProgress(IRunDelivery delivery) : IActivity<ReportProgressInput, bool>
{
    /// <inheritdoc/>
    public async Task<bool> RunAsync(ActivityContext context, ReportProgressInput input)
    {
        await delivery.ReportProgressAsync(input.Handle, input.Progress, context.CancellationToken);
        return true;
    }
}

/// <summary>Input of <see cref="ReportProgress"/>.</summary>
public sealed record ReportProgressInput(DeliveryHandle Handle, RunProgress Progress);
