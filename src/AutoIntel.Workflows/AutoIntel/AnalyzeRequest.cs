using AutoIntel.Core.Runs;
using AutoIntel.Workflows.AutoIntel.Delivery;
using AutoIntel.Workflows.AutoIntel.Watch;

namespace AutoIntel.Workflows.AutoIntel;

/// <summary>The input of one /autointel run.</summary>
/// <param name="Source">A link or (CLI only) a local file path.</param>
/// <param name="Tenant">Discord guild id, <c>dm-&lt;user&gt;</c> for DMs, or <c>local</c> for the CLI.</param>
/// <param name="Delivery">Where to post results; null for the CLI (results stay in the artifact store).</param>
/// <param name="Watch">The watch that started the run and the episode it was for; null for runs people start.</param>
/// <param name="TraceParent">W3C trace context of the run's root span, chosen by the starter (<c>RunTrace.NewTraceParent</c>); one trace per
/// run across replays, resumes and hosts. Null in runs started before it existed: their ids derive from the instance id.</param>
public sealed record AnalyzeRequest(string Source, Depth Depth, string Tenant = "local", DeliveryTarget? Delivery = null, string? RequestedBy = null, WatchOrigin? Watch = null, string? TraceParent = null);
