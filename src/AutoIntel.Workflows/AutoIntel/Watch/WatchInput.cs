using AutoIntel.Core.Runs;
using AutoIntel.Workflows.AutoIntel.Delivery;

namespace AutoIntel.Workflows.AutoIntel.Watch;

/// <summary>The state one generation of a <see cref="WatchWorkflow"/> starts from; each continue-as-new carries it forward.</summary>
/// <param name="WatchId">The watch (<c>WatchRecord.Id</c>); runs it starts get ids derived from it.</param>
/// <param name="Url">The feed polled.</param>
/// <param name="Every">Time between polls while the feed answers.</param>
/// <param name="Tenant">Guild (or <c>local</c>) whose budget and memory the runs use.</param>
/// <param name="Delivery">Channel that added the watch (no interaction token: it expires in 15 minutes); null for the CLI.</param>
/// <param name="Seen">Keys (<c>guid</c>, else title) of items already analysed or skipped, oldest first.</param>
/// <param name="Primed">False until the first successful poll, which analyses only the newest item.</param>
/// <param name="Failures">Polls failed in a row (drives the back-off).</param>
/// <param name="LastError">Why the last poll failed, while <paramref name="Failures"/> is above 0.</param>
/// <param name="RunsStarted">Runs this watch has started so far.</param>
public sealed record WatchInput(
    string WatchId,
    string Url,
    Depth Depth,
    TimeSpan Every,
    string Tenant,
    DeliveryTarget? Delivery,
    string? AddedBy,
    IReadOnlyList<string> Seen,
    bool Primed = false,
    int Failures = 0,
    string? LastError = null,
    int RunsStarted = 0);
