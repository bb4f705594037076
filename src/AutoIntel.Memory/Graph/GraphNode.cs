namespace AutoIntel.Memory.Graph;

/// <summary>An entity in a tenant's knowledge graph, merged across runs by normalised name.</summary>
public sealed class GraphNode
{
    /// <summary>The name as first seen.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>The entity type (the first specific one seen wins over <c>other</c>).</summary>
    public string Type { get; set; } = "other";

    /// <summary>Total mentions over all runs.</summary>
    public int Mentions { get; set; }

    /// <summary>Runs that mention the entity, with each run's source.</summary>
    public Dictionary<string, string> Runs { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Distinct sources that mention the entity.</summary>
    public IEnumerable<string> Sources() => Runs.Values.Distinct(StringComparer.Ordinal);
}
