using System.Globalization;
using System.Text;
using AutoIntel.Core.Quality;
using AutoIntel.Core.Runs;

namespace AutoIntel.Workflows.AutoIntel.Quality;

/// <summary>What happened to /autointel runs created in a time window: outcomes, degraded sections, cost, cache savings and quality.</summary>
/// <param name="Failed">Runs that failed or were terminated.</param>
/// <param name="Unfinished">Runs still pending or running.</param>
/// <param name="Failures">Failure reasons (first line), most frequent first.</param>
/// <param name="DegradedSections">Sections shown from offline heuristics or failed, by section, most frequent first.</param>
/// <param name="DegradedRuns">Completed runs with at least one degraded section.</param>
/// <param name="Cost">LLM calls, tokens, dollars and cache hits of the completed runs; <see cref="Usage.UsdSaved"/> is the cache's saving.</param>
public sealed record RunReport(
    DateTime SinceUtc,
    DateTime UntilUtc,
    int Runs,
    int Completed,
    int Failed,
    int Unfinished,
    IReadOnlyList<Tally> Failures,
    IReadOnlyList<Tally> DegradedSections,
    int DegradedRuns,
    Usage Cost,
    IReadOnlyList<AnalysisQuality> Quality)
{
    /// <summary>Plain text for the terminal and for a Discord message (Markdown-friendly, no tables).</summary>
    public string ToText()
    {
        var inv = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(string.Create(inv, $"📊 AutoIntel report {SinceUtc:yyyy-MM-dd HH:mm} → {UntilUtc:yyyy-MM-dd HH:mm} UTC"));
        text.AppendLine(string.Create(inv, $"Runs: {Runs} ({Completed} completed, {Failed} failed, {Unfinished} unfinished)"));
        if (Failures.Count > 0)
        {
            text.AppendLine("Failures: " + string.Join("; ", Failures.Select(f => string.Create(inv, $"{f.Name} ×{f.Count}"))));
        }

        text.AppendLine(DegradedSections.Count == 0
            ? "Degraded sections: none"
            : string.Create(inv, $"Degraded sections in {DegradedRuns} run(s): ") + string.Join(", ", DegradedSections.Select(d => string.Create(inv, $"{d.Name} ×{d.Count}"))));
        text.AppendLine(string.Create(inv, $"Cost: ${Cost.Usd:0.0000} for {Cost.LlmCalls} LLM calls ({Cost.InputTokens + Cost.OutputTokens:N0} tokens)"));
        text.AppendLine(string.Create(inv, $"Cache: {Cost.CacheHits} hits saved ${Cost.UsdSaved:0.0000}"));
        if (Quality.Count == 0)
        {
            text.Append("Quality: no model answers or feedback in this window");
            return text.ToString();
        }

        text.AppendLine("Quality (score: valid output · evidence · feedback):");
        foreach (AnalysisQuality q in Quality)
        {
            text.AppendLine(string.Create(inv, $"• {q.Task}: {q.Score:0.00} ({Percent(q.ValidOutputRate)} of {q.Answers} · {Percent(q.EvidenceCoverage)} · {Ratio(q.Feedback)} from {q.FeedbackCount})"));
        }

        return text.ToString().TrimEnd();
    }

    private static string Percent(double? value) => value is double v ? v.ToString("P0", CultureInfo.InvariantCulture) : "—";

    private static string Ratio(double? value) => value is double v ? v.ToString("0.00", CultureInfo.InvariantCulture) : "—";
}
