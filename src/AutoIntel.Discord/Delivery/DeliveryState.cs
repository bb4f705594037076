namespace AutoIntel.Discord.Delivery;

/// <summary>What one run has already done in Discord, stored at <c>runs/{runId}/delivery.json</c> so a retried activity edits or skips instead of posting twice.</summary>
public sealed class DeliveryState
{
    /// <summary>The webhook the run posts through, or null when it posts as the bot.</summary>
    public string? WebhookId { get; set; }

    /// <summary>Whether the deferred interaction reply was edited (or found expired) already.</summary>
    public bool ReplyEdited { get; set; }

    /// <summary>Posted message ids by idempotency key (<c>{runId}/{purpose}/{index}</c>).</summary>
    public Dictionary<string, string> Messages { get; set; } = new(StringComparer.Ordinal);

    /// <summary>When the first attempt of a message not yet known to be posted began, by idempotency key; a repeat looks for that attempt's message first.</summary>
    public Dictionary<string, DateTimeOffset> Attempts { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The text the progress message shows now.</summary>
    public string? ProgressText { get; set; }

    /// <summary>When the progress message was last edited.</summary>
    public DateTimeOffset? ProgressEditedAt { get; set; }
}
