using AutoIntel.Workflows.Abstractions;

namespace AutoIntel.Workflows.AutoIntel;

/// <summary>Retry policies of the /autointel activities, declared once.</summary>
/// <remarks>
/// The HTTP layers already absorb short 429/5xx bursts (honouring Retry-After); these durable retries are for longer
/// outages, so they start at seconds and back off to a minute. Bad input is a PermanentFailureException and is never retried.
/// </remarks>
public static class Retries
{
    /// <summary>Fetching and parsing user content: a few quick tries.</summary>
    public static readonly RetryPolicy Acquire = new(3, TimeSpan.FromSeconds(2), 2.0, TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(3));

    /// <summary>Analyzer calls (LLM when configured): patient, because providers throttle.</summary>
    public static readonly RetryPolicy Analyse = new(4, TimeSpan.FromSeconds(2), 2.0, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5));

    /// <summary>Local work (segmenting, memory, rendering): one retry for a transient file error.</summary>
    public static readonly RetryPolicy Local = new(2, TimeSpan.FromSeconds(1), 2.0, TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(2));

    /// <summary>A watch's feed poll: two quick tries; a longer outage is the watch's own back-off, between polls.</summary>
    public static readonly RetryPolicy Poll = new(2, TimeSpan.FromSeconds(5), 2.0, TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(2));

    /// <summary>Discord delivery: rate limits can hold a channel for a while.</summary>
    public static readonly RetryPolicy Deliver = new(5, TimeSpan.FromSeconds(2), 2.0, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2));
}
