using System.Collections.Concurrent;
using AutoIntel.Core;
using AutoIntel.Core.Briefings;
using AutoIntel.Workflows.AutoIntel;
using AutoIntel.Workflows.AutoIntel.Delivery;

namespace AutoIntel.Workflows.Tests.AutoIntel;

/// <summary>An IRunDelivery that records what the workflow asked of it (a unit seam; the Discord client has its own tests).</summary>
internal sealed class RecordingDelivery : IRunDelivery
{
    public ConcurrentQueue<string> Calls { get; } = new();

    public ConcurrentQueue<RunProgress> Progress { get; } = new();

    public Briefing? Delivered { get; private set; }

    public string? Failure { get; private set; }

    public Task<DeliveryHandle> PrepareAsync(string runId, DeliveryTarget target, CancellationToken cancellationToken = default)
    {
        Calls.Enqueue("prepare");
        return Task.FromResult(new DeliveryHandle(runId, target.ChannelId, "webhook-1", "progress-1"));
    }

    public Task ReportProgressAsync(DeliveryHandle handle, RunProgress progress, CancellationToken cancellationToken = default)
    {
        Calls.Enqueue("progress");
        Progress.Enqueue(progress);
        return Task.CompletedTask;
    }

    public Task<DeliveryReceipt> DeliverAsync(DeliveryHandle handle, Briefing briefing, ArtifactRef markdownReport, CancellationToken cancellationToken = default)
    {
        Calls.Enqueue("deliver");
        Delivered = briefing;
        return Task.FromResult(new DeliveryReceipt(["m1"]));
    }

    public ConcurrentQueue<string> Notices { get; } = new();

    public Task PostNoticeAsync(string noticeId, DeliveryTarget target, string text, CancellationToken cancellationToken = default)
    {
        Calls.Enqueue("notice");
        Notices.Enqueue(text);
        return Task.CompletedTask;
    }

    public Task ReportFailureAsync(DeliveryHandle handle, string message, CancellationToken cancellationToken = default)
    {
        Calls.Enqueue("failure");
        Failure = message;
        return Task.CompletedTask;
    }
}
