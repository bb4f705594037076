namespace AutoIntel.Memory.Graph;

/// <summary>What one run contributed to the graph, kept so that re-applying the run replaces rather than adds.</summary>
public sealed class GraphRun
{
    /// <summary>The run's source (URL or file name).</summary>
    public string Source { get; set; } = string.Empty;

    /// <summary>Mentions per entity key in this run.</summary>
    public Dictionary<string, int> Mentions { get; set; } = new(StringComparer.Ordinal);
}
