namespace AutoIntel.Memory.Upkeep;

/// <summary>What <see cref="SimHashDeduplicator.Find"/> found.</summary>
/// <param name="DuplicateOf">Per vector, the earlier vector it nearly duplicates, or -1.</param>
/// <param name="Compared">Exact cosine comparisons made (the work LSH left).</param>
public sealed record DeduplicationResult(int[] DuplicateOf, long Compared)
{
    /// <summary>How many vectors are copies.</summary>
    public int Duplicates => DuplicateOf.Count(d => d >= 0);
}
