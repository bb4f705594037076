using System.Text.Json;
using AutoIntel.Core.Runs;
using AutoIntel.Core.Serialization;
using AutoIntel.Ingestion.Watches;
using AutoIntel.Workflows.Abstractions;

namespace AutoIntel.Workflows.AutoIntel.Watch;

/// <summary>A watch as lists show it: its record joined with its orchestration's status.</summary>
/// <param name="State">The orchestration's <see cref="WatchStatus.State"/> while it runs; <c>not started</c> when no instance exists yet; else its runtime status.</param>
public sealed record WatchView(
    string Id,
    string Tenant,
    string Url,
    Depth Depth,
    string Every,
    string State,
    DateTime? NextPollUtc,
    int Failures,
    string? LastError,
    int RunsStarted)
{
    /// <summary>Joins <paramref name="record"/> with the status of its instance (null when it has none).</summary>
    public static WatchView Of(WatchRecord record, InstanceStatus? instance)
    {
        ArgumentNullException.ThrowIfNull(record);
        WatchStatus? status = ReadStatus(instance);
        string state = instance switch
        {
            null => "not started",
            { IsTerminal: true } => instance.RuntimeStatus.ToString().ToLowerInvariant(),
            _ => status?.State ?? "starting",
        };
        return new WatchView(
            record.Id, record.Tenant, record.Url, record.Depth, WatchIntervals.Format(record.Every), state,
            status?.NextPollUtc, status?.Failures ?? 0, status?.LastError, status?.RunsStarted ?? 0);
    }

    /// <summary>One line for people: <c>`id` url — every 1h, standard — waiting, next poll 12:00 UTC</c> (and the error while failing).</summary>
    public string Describe()
    {
        string next = NextPollUtc is { } at ? $", next poll {at:yyyy-MM-dd HH:mm:ss} UTC" : string.Empty;
        string failing = Failures > 0 ? $" — {Failures} failed poll(s): {LastError}" : string.Empty;
        return $"`{Id}` {Url} — every {Every}, {Depth.ToString().ToLowerInvariant()} — {State}{next}, {RunsStarted} run(s){failing}";
    }

    private static WatchStatus? ReadStatus(InstanceStatus? instance)
    {
        try
        {
            return instance?.CustomStatus?.Deserialize<WatchStatus>(AutoIntelJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
