using AutoIntel.Ingestion.Watches;
using AutoIntel.Workflows.AutoIntel.Delivery;

namespace AutoIntel.Workflows.AutoIntel.Watch;

/// <summary>Builds the first input of a watch's orchestration from its stored record.</summary>
public static class WatchInputs
{
    /// <summary>The input of generation 0: nothing seen, not primed; delivery to the record's channel without any interaction token.</summary>
    public static WatchInput From(WatchRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        DeliveryTarget? delivery = record is { ApplicationId: { } app, ChannelId: { } channel }
            ? new DeliveryTarget(app, InteractionToken: string.Empty, channel, record.GuildId)
            : null;
        return new WatchInput(record.Id, record.Url, record.Depth, record.Every, record.Tenant, delivery, record.AddedBy, Seen: []);
    }
}
