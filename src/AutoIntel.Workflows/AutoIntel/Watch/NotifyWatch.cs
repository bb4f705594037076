using AutoIntel.Workflows.Abstractions;
using AutoIntel.Workflows.AutoIntel.Delivery;

namespace AutoIntel.Workflows.AutoIntel.Watch;

/// <summary>Tells the channel of a watch that its feed fails, or works again.</summary>
public sealed class NotifyWatch(IRunDelivery delivery) : IActivity<NotifyWatchInput, bool>
{
    /// <inheritdoc/>
    public async Task<bool> RunAsync(ActivityContext context, NotifyWatchInput input)
    {
        await delivery.PostNoticeAsync(input.NoticeId, input.Channel, input.Text, context.CancellationToken);
        return true;
    }
}

/// <summary>Input of <see cref="NotifyWatch"/>.</summary>
/// <param name="NoticeId">Unique per notice (a retry with the same id posts once).</param>
public sealed record NotifyWatchInput(string NoticeId, DeliveryTarget Channel, string Text);
