using System.Globalization;
using System.Text;

namespace AutoIntel.Intelligence.Routing;

/// <summary>The outcome of one routing decision: ranked candidates (the fallback chain), filtered models and why.</summary>
/// <param name="Bucket">Complexity bucket the bandit learns in.</param>
/// <param name="QualityFloor">The quality a model had to reach for this task and complexity.</param>
/// <param name="Ranked">Eligible models, best first; the first is the winner, the rest the fallback chain.</param>
public sealed record RoutingDecision(
    RoutingRequest Request,
    string Bucket,
    double QualityFloor,
    IReadOnlyList<CandidateScore> Ranked,
    IReadOnlyList<FilteredCandidate> Filtered)
{
    /// <summary>The chosen model, or null when no model is usable.</summary>
    public CandidateScore? Winner => Ranked.Count > 0 ? Ranked[0] : null;

    /// <summary>Why the winner won (or why nothing could be chosen), in one paragraph.</summary>
    public string Reason
    {
        get
        {
            var inv = CultureInfo.InvariantCulture;
            var sb = new StringBuilder();
            if (Winner is not { } w)
            {
                sb.Append(inv, $"No model is usable for {Request.Task}");
                if (Filtered.Count > 0)
                {
                    sb.Append(": ").Append(string.Join("; ", Filtered.Select(f => $"{f.Model}: {f.Reason}")));
                }

                return sb.Append('.').ToString();
            }

            sb.Append(inv, $"{w.Model.Id} wins {Request.Task} ({Bucket} prompt, {Request.Depth} depth) with score {w.Score:0.000}");
            if (Ranked.Count > 1)
            {
                var r = Ranked[1];
                sb.Append(inv, $" over {r.Model.Id} ({r.Score:0.000}): ");
                var parts = new List<string>();
                parts.Add(w.EstimatedUsd <= r.EstimatedUsd
                    ? string.Create(inv, $"cheaper (${w.EstimatedUsd:0.######} vs ${r.EstimatedUsd:0.######})")
                    : string.Create(inv, $"costlier (${w.EstimatedUsd:0.######} vs ${r.EstimatedUsd:0.######})"));
                parts.Add(w.EstimatedLatencyMs <= r.EstimatedLatencyMs
                    ? string.Create(inv, $"faster ({w.EstimatedLatencyMs:0} ms vs {r.EstimatedLatencyMs:0} ms)")
                    : string.Create(inv, $"slower ({w.EstimatedLatencyMs:0} ms vs {r.EstimatedLatencyMs:0} ms)"));
                parts.Add(w.LearnedQuality >= r.LearnedQuality
                    ? string.Create(inv, $"better quality ({w.LearnedQuality:0.00} vs {r.LearnedQuality:0.00})")
                    : string.Create(inv, $"lower quality ({w.LearnedQuality:0.00} vs {r.LearnedQuality:0.00}) but above the floor"));
                sb.Append(string.Join(", ", parts));
            }
            else
            {
                sb.Append(": the only eligible model");
            }

            sb.Append(inv, $". Quality floor {QualityFloor:0.00}");
            if (Filtered.Count > 0)
            {
                sb.Append(inv, $"; {Filtered.Count} filtered: ").Append(string.Join("; ", Filtered.Select(f => $"{f.Model} ({f.Reason})")));
            }

            return sb.Append('.').ToString();
        }
    }
}
