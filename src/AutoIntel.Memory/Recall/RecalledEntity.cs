namespace AutoIntel.Memory.Recall;

/// <summary>An entity of the knowledge graph and the sources that mention it.</summary>
/// <param name="Sources">Up to five sources mentioning it (run order is not kept in the graph; sorted by name).</param>
public sealed record RecalledEntity(string Name, string Type, int Mentions, IReadOnlyList<string> Sources);
