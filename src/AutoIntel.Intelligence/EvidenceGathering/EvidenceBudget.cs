using Microsoft.Extensions.Options;

namespace AutoIntel.Intelligence.EvidenceGathering;

/// <summary>Counts each run's evidence queries and their cost against <see cref="EvidenceGatheringOptions.MaxQueriesPerRun"/> and <see cref="EvidenceGatheringOptions.MaxCostUsdPerRun"/>.</summary>
/// <remarks>Kept in process memory, like the LLM's per-run spend: a run's verify activities share one process locally; on Functions each
/// worker counts its own share, so the cap holds per worker.</remarks>
public sealed class EvidenceBudget(IOptions<EvidenceGatheringOptions> options)
{
    private readonly EvidenceGatheringOptions _options = options.Value;
    private readonly Dictionary<string, (int Queries, decimal Usd)> _runs = new(StringComparer.Ordinal);

    /// <summary>Takes one query of <paramref name="costUsd"/> from the run's budget; false (and nothing taken) when it would cross a cap.</summary>
    public bool TryTake(string runId, decimal costUsd)
    {
        lock (_runs)
        {
            var spent = _runs.GetValueOrDefault(runId);
            if (spent.Queries + 1 > _options.MaxQueriesPerRun || spent.Usd + costUsd > _options.MaxCostUsdPerRun)
            {
                return false;
            }

            _runs[runId] = (spent.Queries + 1, spent.Usd + costUsd);
            return true;
        }
    }

    /// <summary>Queries the run has sent.</summary>
    public int QueriesOf(string runId)
    {
        lock (_runs)
        {
            return _runs.GetValueOrDefault(runId).Queries;
        }
    }

    /// <summary>Why a query was refused, with the settings that raise the caps.</summary>
    public string ExhaustedReason =>
        $"the evidence budget for this run is spent ({_options.MaxQueriesPerRun} queries or ${_options.MaxCostUsdPerRun}; raise Evidence__MaxQueriesPerRun or Evidence__MaxCostUsdPerRun)";
}
