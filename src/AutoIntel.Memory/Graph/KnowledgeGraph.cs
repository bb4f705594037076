using System.Text;
using AutoIntel.Core.Analysis;
using AutoIntel.Core.Briefings;

namespace AutoIntel.Memory.Graph;

/// <summary>One tenant's entity graph: entity nodes, co-occurrence edges weighted by shared runs, and each run's contribution.</summary>
/// <remarks>Applying a run that is already in the graph first takes its earlier contribution out, so updates are idempotent per run id.</remarks>
public sealed class KnowledgeGraph
{
    /// <summary>Entities per run beyond which the least-mentioned are left out (edges grow with the square).</summary>
    public const int MaxEntitiesPerRun = 40;

    // Numbers and dates co-occur with everything; as nodes they would make unrelated runs look related.
    private static readonly HashSet<string> IgnoredTypes = new(StringComparer.OrdinalIgnoreCase) { "number", "date" };

    /// <summary>Entity nodes by normalised name.</summary>
    public Dictionary<string, GraphNode> Nodes { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Co-occurrence edges by <c>from|to</c> key.</summary>
    public Dictionary<string, GraphEdge> Edges { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Each applied run's contribution, by run id.</summary>
    public Dictionary<string, GraphRun> Runs { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The key entities merge on: lowercase words of the name, without a leading "the".</summary>
    public static string NormaliseName(string name)
    {
        var key = new StringBuilder(name.Length);
        foreach (char c in name)
        {
            if (char.IsLetterOrDigit(c))
            {
                key.Append(char.ToLowerInvariant(c));
            }
            else if (key.Length > 0 && key[^1] != ' ')
            {
                key.Append(' ');
            }
        }

        string normalised = key.ToString().TrimEnd();
        return normalised.StartsWith("the ", StringComparison.Ordinal) ? normalised[4..] : normalised;
    }

    /// <summary>Adds (or replaces) a run's entities and their pairwise co-occurrence.</summary>
    public void Apply(string runId, string source, IReadOnlyList<Entity> entities)
    {
        Remove(runId);

        var run = new GraphRun { Source = source };
        var names = new Dictionary<string, Entity>(StringComparer.Ordinal);
        foreach (Entity entity in entities.Where(e => !IgnoredTypes.Contains(e.Type)))
        {
            string key = NormaliseName(entity.Name);
            if (key.Length == 0)
            {
                continue;
            }

            run.Mentions[key] = run.Mentions.GetValueOrDefault(key) + Math.Max(1, entity.Mentions);
            names.TryAdd(key, entity);
        }

        foreach (string dropped in run.Mentions.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Skip(MaxEntitiesPerRun).Select(p => p.Key).ToList())
        {
            run.Mentions.Remove(dropped);
        }

        foreach ((string key, int mentions) in run.Mentions)
        {
            if (!Nodes.TryGetValue(key, out GraphNode? node))
            {
                node = new GraphNode { Name = names[key].Name.Trim(), Type = names[key].Type };
                Nodes[key] = node;
            }
            else if (node.Type == "other")
            {
                node.Type = names[key].Type;
            }

            node.Mentions += mentions;
            node.Runs[runId] = source;
        }

        foreach ((string from, string to) in Pairs(run))
        {
            string edgeKey = from + "|" + to;
            if (!Edges.TryGetValue(edgeKey, out GraphEdge? edge))
            {
                edge = new GraphEdge { From = from, To = to };
                Edges[edgeKey] = edge;
            }

            edge.Runs.Add(runId);
        }

        Runs[runId] = run;
    }

    /// <summary>Applies every run of <paramref name="other"/> that this graph does not have yet; returns how many.</summary>
    /// <remarks>Runs this graph already has are kept as they are. Entities are rebuilt from the other graph's nodes (name and type)
    /// and the run's mention counts, which is what <see cref="Apply"/> recorded.</remarks>
    public int Merge(KnowledgeGraph other)
    {
        ArgumentNullException.ThrowIfNull(other);
        int merged = 0;
        foreach ((string runId, GraphRun run) in other.Runs.Where(r => !Runs.ContainsKey(r.Key)).OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            Entity[] entities = [.. run.Mentions
                .Where(m => other.Nodes.ContainsKey(m.Key))
                .Select(m => new Entity(other.Nodes[m.Key].Name, other.Nodes[m.Key].Type, m.Value))];
            Apply(runId, run.Source, entities);
            merged++;
        }

        return merged;
    }

    /// <summary>Takes a run's contribution out of the graph; false when the run was never applied.</summary>
    public bool Remove(string runId)
    {
        if (!Runs.Remove(runId, out GraphRun? run))
        {
            return false;
        }

        foreach ((string key, int mentions) in run.Mentions)
        {
            if (Nodes.TryGetValue(key, out GraphNode? node))
            {
                node.Mentions -= mentions;
                node.Runs.Remove(runId);
                if (node.Runs.Count == 0)
                {
                    Nodes.Remove(key);
                }
            }
        }

        foreach ((string from, string to) in Pairs(run))
        {
            string edgeKey = from + "|" + to;
            if (Edges.TryGetValue(edgeKey, out GraphEdge? edge) && edge.Runs.Remove(runId) && edge.Runs.Count == 0)
            {
                Edges.Remove(edgeKey);
            }
        }

        return true;
    }

    /// <summary>Sources of other runs sharing at least <paramref name="minShared"/> entities with the run and whose entity sets overlap
    /// it by at least <paramref name="minSimilarity"/> (Jaccard), most similar first.</summary>
    /// <remarks>Two long runs always share a few common names ("UK", "2024"); the overlap threshold keeps those out.</remarks>
    public IReadOnlyList<RelatedSource> RelatedSources(string runId, int minShared = 2, int max = 10, double minSimilarity = RelatedThreshold)
    {
        if (!Runs.TryGetValue(runId, out GraphRun? run))
        {
            return [];
        }

        return Runs
            .Where(r => r.Key != runId && r.Value.Source != run.Source)
            .Select(r => (r.Value.Source, Shared: r.Value.Mentions.Keys.Count(run.Mentions.ContainsKey), Union: r.Value.Mentions.Keys.Union(run.Mentions.Keys).Count()))
            .Where(r => r.Shared >= minShared)
            .Select(r => (r.Source, Similarity: Math.Round(r.Shared / (double)r.Union, 2)))
            .Where(r => r.Similarity >= minSimilarity)
            .GroupBy(r => r.Source, StringComparer.Ordinal)
            .Select(g => new RelatedSource(g.Key, g.Max(r => r.Similarity)))
            .OrderByDescending(r => r.Similarity)
            .ThenBy(r => r.Source, StringComparer.Ordinal)
            .Take(max)
            .ToList();
    }

    /// <summary>The entity overlap (Jaccard) above which an earlier source is reported as related.</summary>
    public const double RelatedThreshold = 0.15;

    private static IEnumerable<(string From, string To)> Pairs(GraphRun run)
    {
        string[] keys = [.. run.Mentions.Keys.Order(StringComparer.Ordinal)];
        for (int i = 0; i < keys.Length; i++)
        {
            for (int j = i + 1; j < keys.Length; j++)
            {
                yield return (keys[i], keys[j]);
            }
        }
    }
}
