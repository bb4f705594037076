namespace AutoIntel.Workflows.AutoIntel.Watch;

/// <summary>The custom status of a watch instance, read by <c>autointel watch list</c> and <c>/autointel-watch list</c>.</summary>
/// <param name="State"><c>polling</c>, <c>analysing</c>, <c>waiting</c>, <c>backing off</c> or <c>removed</c>.</param>
/// <param name="NextPollUtc">When the durable timer fires next (null while polling or analysing).</param>
/// <param name="Failures">Polls failed in a row.</param>
/// <param name="LastError">Why the last poll failed, while failing.</param>
public sealed record WatchStatus(
    string State,
    DateTime? LastPollUtc,
    DateTime? NextPollUtc,
    int Failures,
    string? LastError,
    int RunsStarted,
    int Seen);
