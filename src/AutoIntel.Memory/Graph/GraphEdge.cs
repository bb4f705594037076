namespace AutoIntel.Memory.Graph;

/// <summary>Two entities that appeared in the same runs; the weight is the number of such runs.</summary>
public sealed class GraphEdge
{
    /// <summary>Key of one end (the ordinally smaller).</summary>
    public string From { get; set; } = string.Empty;

    /// <summary>Key of the other end.</summary>
    public string To { get; set; } = string.Empty;

    /// <summary>Runs in which both entities appear.</summary>
    public HashSet<string> Runs { get; set; } = new(StringComparer.Ordinal);

    /// <summary>How many runs the two entities share.</summary>
    public int Weight => Runs.Count;
}
