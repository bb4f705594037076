namespace AutoIntel.Memory.Recall;

/// <summary>What memory returned for a query.</summary>
/// <param name="Passages">Remembered passages, most similar first.</param>
/// <param name="Claims">Remembered claims with their verdicts, most similar first.</param>
/// <param name="People">Who-said-what from the knowledge graph: entities named in the query, then people in the runs found.</param>
public sealed record RecallResult(string Query, IReadOnlyList<RecalledPassage> Passages, IReadOnlyList<RecalledClaim> Claims, IReadOnlyList<RecalledEntity> People)
{
    /// <summary>True when nothing at all was found.</summary>
    public bool IsEmpty => Passages.Count == 0 && Claims.Count == 0 && People.Count == 0;
}
