using AutoIntel.Core.Briefings;
using AutoIntel.Core.Quality;
using AutoIntel.Core.Runs;
using AutoIntel.Storage;
using AutoIntel.Workflows.Abstractions;
using Microsoft.Extensions.Logging;

namespace AutoIntel.Workflows.AutoIntel.Quality;

/// <summary>Builds a <see cref="RunReport"/> from the host's instances, the stored briefings and the feedback records.</summary>
public sealed class RunReportBuilder(IRunLister runs, IArtifactStore store, FeedbackStore feedback, ILogger<RunReportBuilder> log)
{
    /// <summary>Failure reasons listed; the rest are counted in the totals only.</summary>
    public const int MaxFailureReasons = 5;

    /// <summary>The report of /autointel runs created in [<paramref name="sinceUtc"/>, <paramref name="untilUtc"/>).</summary>
    public async Task<RunReport> BuildAsync(DateTime sinceUtc, DateTime untilUtc, CancellationToken cancellationToken = default)
    {
        List<InstanceStatus> window = [.. (await runs.ListAsync(sinceUtc, cancellationToken))
            .Where(r => r.WorkflowName == WorkflowNames.AutoIntel && r.CreatedAtUtc >= sinceUtc && r.CreatedAtUtc < untilUtc)];

        var briefings = new List<Briefing>();
        Usage cost = Usage.None;
        foreach (InstanceStatus run in window.Where(r => r.RuntimeStatus == RuntimeStatus.Completed))
        {
            if (RunStatusReader.Result(run) is not { } result)
            {
                continue;
            }

            cost += result.Cost;
            if (await TryReadBriefingAsync(result.BriefingJson.Path, cancellationToken) is { } briefing)
            {
                briefings.Add(briefing);
            }
        }

        var failed = window.Where(r => r.RuntimeStatus is RuntimeStatus.Failed or RuntimeStatus.Terminated).ToList();
        IReadOnlyList<RunFeedback> said = await feedback.ListAsync(briefings.Select(b => b.RunId).ToHashSet(StringComparer.Ordinal), cancellationToken);
        return new RunReport(
            sinceUtc,
            untilUtc,
            window.Count,
            window.Count(r => r.RuntimeStatus == RuntimeStatus.Completed),
            failed.Count,
            window.Count(r => !r.IsTerminal),
            Count(failed.Select(FailureReason)).Take(MaxFailureReasons).ToList(),
            Count(briefings.SelectMany(b => b.Degradations ?? []).Select(d => d.Section)),
            briefings.Count(b => b.Degradations is { Count: > 0 }),
            cost,
            QualityScorer.Score(briefings, said));
    }

    private static string FailureReason(InstanceStatus run)
    {
        string reason = run.RuntimeStatus == RuntimeStatus.Terminated ? "terminated" : run.Failure?.Message ?? "unknown";
        string line = reason.Split('\n', 2)[0].Trim();
        return line.Length <= 120 ? line : line[..119] + "…";
    }

    private static List<Tally> Count(IEnumerable<string> names) =>
        [.. names.GroupBy(n => n, StringComparer.Ordinal).Select(g => new Tally(g.Key, g.Count())).OrderByDescending(t => t.Count).ThenBy(t => t.Name, StringComparer.Ordinal)];

    // A briefing deleted by retention (or unreadable) costs the report its sections, not the whole report.
    private async Task<Briefing?> TryReadBriefingAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return await store.ExistsAsync(path, cancellationToken) ? await store.GetJsonAsync<Briefing>(path, cancellationToken) : null;
        }
        catch (System.Text.Json.JsonException e)
        {
            log.LogWarning("Skipping unreadable briefing {Path}: {Reason}", path, e.Message);
            return null;
        }
    }
}
