using AutoIntel.Core.Runs;

namespace AutoIntel.Ingestion.Watches;

/// <summary>A watch as stored: the feed, how often and how deep, and where its runs are delivered.</summary>
/// <param name="Id">8 hex digits, unique in the data store.</param>
/// <param name="Tenant">Guild id, <c>dm-&lt;user&gt;</c> or <c>local</c> (the CLI): whose budget and memory the runs use.</param>
/// <param name="ApplicationId">Discord application id of the command that added it; null for the CLI.</param>
/// <param name="ChannelId">The channel runs are posted in; null for the CLI (briefings stay in the artifact store).</param>
public sealed record WatchRecord(
    string Id,
    string Tenant,
    string Url,
    Depth Depth,
    TimeSpan Every,
    DateTimeOffset AddedAtUtc,
    string? AddedBy = null,
    string? ApplicationId = null,
    string? ChannelId = null,
    string? GuildId = null);
