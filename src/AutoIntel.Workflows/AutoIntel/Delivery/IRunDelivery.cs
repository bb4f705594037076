using AutoIntel.Core;
using AutoIntel.Core.Briefings;

namespace AutoIntel.Workflows.AutoIntel.Delivery;

/// <summary>Stages 1 and 9: tells the channel a run started, keeps a progress message current, posts the briefing; and watch notices.</summary>
/// <remarks>Implementations are idempotent per run and message: an activity retry or replay never posts twice.</remarks>
public interface IRunDelivery
{
    /// <summary>Ensures the channel webhook, edits the deferred reply once, posts the progress message.</summary>
    Task<DeliveryHandle> PrepareAsync(string runId, DeliveryTarget target, CancellationToken cancellationToken = default);

    /// <summary>Edits the progress message to show the current stage (rate-bounded).</summary>
    Task ReportProgressAsync(DeliveryHandle handle, RunProgress progress, CancellationToken cancellationToken = default);

    /// <summary>Posts the briefing with the full Markdown report attached.</summary>
    /// <remarks>Sections stored by reference (<c>WorkflowVersions.SectionsByReference</c>) arrive without their data (<c>default</c>):
    /// the message shows their fields; <c>briefing.json</c> and the report hold the rest.</remarks>
    Task<DeliveryReceipt> DeliverAsync(DeliveryHandle handle, Briefing briefing, ArtifactRef markdownReport, CancellationToken cancellationToken = default);

    /// <summary>Tells the channel the run failed and why.</summary>
    Task ReportFailureAsync(DeliveryHandle handle, string message, CancellationToken cancellationToken = default);

    /// <summary>Posts one message that belongs to no run (a watch's feed fails or recovers); once per <paramref name="noticeId"/>.</summary>
    Task PostNoticeAsync(string noticeId, DeliveryTarget target, string text, CancellationToken cancellationToken = default);
}

/// <summary>What later delivery calls need; no secrets (it lands in history).</summary>
/// <param name="RunId">The run.</param>
/// <param name="ChannelId">Target channel.</param>
/// <param name="WebhookId">The webhook the run posts through (its token is looked up, never stored here), or null when it posts as the bot.</param>
/// <param name="ProgressMessageId">The message edited as stages complete.</param>
public sealed record DeliveryHandle(string RunId, string ChannelId, string? WebhookId, string? ProgressMessageId);

/// <summary>The posted briefing messages.</summary>
public sealed record DeliveryReceipt(IReadOnlyList<string> MessageIds);
