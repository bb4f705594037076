using System.Text;

namespace AutoIntel.Workflows.AutoIntel.Delivery;

/// <summary>Where a run's results go: a Discord channel (through its webhook), learned from the interaction that started it.</summary>
/// <remarks><see cref="object.ToString"/> leaves out the interaction token and the webhook URL (which holds the webhook's token).</remarks>
/// <param name="ApplicationId">Discord application id, to edit the deferred interaction reply once.</param>
/// <param name="InteractionToken">The interaction token; valid 15 minutes and used only in stage 1.</param>
/// <param name="ChannelId">Channel to post into through a channel webhook.</param>
/// <param name="GuildId">Guild (tenant); null in DMs.</param>
/// <param name="WebhookUrl">A preconfigured webhook to use when no bot token is set.</param>
public sealed record DeliveryTarget(string ApplicationId, string InteractionToken, string ChannelId, string? GuildId, string? WebhookUrl = null)
{
    private const string Redacted = "***";

    // Records print every property; this one is printed wherever an AnalyzeRequest is logged or formatted, so secrets stay out.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("ApplicationId = ").Append(ApplicationId)
            .Append(", InteractionToken = ").Append(Redacted)
            .Append(", ChannelId = ").Append(ChannelId)
            .Append(", GuildId = ").Append(GuildId)
            .Append(", WebhookUrl = ").Append(WebhookUrl is null ? string.Empty : Redacted);
        return true;
    }
}
