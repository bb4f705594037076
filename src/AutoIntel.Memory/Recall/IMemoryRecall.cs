namespace AutoIntel.Memory.Recall;

/// <summary>Answers "what do we remember about …" for one guild: passages, claims with verdicts, and who said what.</summary>
public interface IMemoryRecall
{
    /// <summary>The passages and claims most similar to <paramref name="query"/> and the entities around them, of one tenant only.</summary>
    Task<RecallResult> SearchAsync(string tenant, string query, int limit = 5, CancellationToken cancellationToken = default);

    /// <summary>How much one tenant's memory holds.</summary>
    Task<MemoryStats> StatsAsync(string tenant, CancellationToken cancellationToken = default);
}
