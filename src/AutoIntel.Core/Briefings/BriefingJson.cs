using System.Text.Json;
using System.Text.Json.Nodes;
using AutoIntel.Core.Serialization;

namespace AutoIntel.Core.Briefings;

/// <summary>The public JSON of a briefing (<c>briefing.json</c>): built-in sections at the top-level properties they have always had,
/// in the order they have always had, and every other declared section in <c>sections</c>.</summary>
/// <remarks>
/// A <see cref="Briefing"/> in a workflow payload keeps its sections whole (with their Markdown and Discord fields); this is only the
/// file readers and tools see, which must not change shape because an analysis moved into the catalog.
/// </remarks>
public static class BriefingJson
{
    // The contract's key order; a key it does not list goes after them, in the order written.
    private static readonly string[] Order =
    [
        "runId", "title", "source", "depth", "createdAtUtc", "summary", "arguments", "fallacies", "tone", "perspectives", "entities",
        "claims", "memory", "cost", "stages", "notes", "video", "degradations", "sections", "claimsBySpeaker",
    ];

    /// <summary>The public JSON document of <paramref name="briefing"/>.</summary>
    public static JsonObject ToNode(Briefing briefing)
    {
        ArgumentNullException.ThrowIfNull(briefing);
        var written = JsonSerializer.SerializeToNode(briefing, AutoIntelJson.Options)!.AsObject();
        var properties = written.Select(p => (p.Key, Value: p.Value?.DeepClone())).ToList();
        if (briefing.Sections is { } sections)
        {
            var listed = properties.FindIndex(p => p.Key == "sections");
            properties[listed] = ("sections", JsonSerializer.SerializeToNode(sections.Where(s => s.JsonProperty is null).ToList(), AutoIntelJson.Options));
            properties.AddRange(sections.Where(s => s.JsonProperty is not null).Select(s => (s.JsonProperty!, (JsonNode?)JsonSerializer.SerializeToNode(s.Data, AutoIntelJson.Options))));
        }

        var document = new JsonObject();
        foreach (var (key, value) in properties.OrderBy(p => Array.IndexOf(Order, p.Key) is var i && i < 0 ? Order.Length : i))
        {
            document[key] = value;
        }

        return document;
    }

    /// <summary>A briefing read back from its public JSON; each top-level property the record does not have is a built-in section,
    /// named and titled by <paramref name="section"/> (by its property name when that returns null). Sections read back carry their
    /// data only: Markdown and Discord fields are not part of the file.</summary>
    public static Briefing Read(string json, Func<string, (string Name, string Title)?>? section = null)
    {
        var document = JsonNode.Parse(json)?.AsObject() ?? throw new JsonException("A briefing must be a JSON object.");
        var known = AutoIntelJson.Options.GetTypeInfo(typeof(Briefing)).Properties.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var placed = document.Where(p => !known.Contains(p.Key)).Select(p => p.Key).ToList();
        var sections = new List<BriefingSection>();
        foreach (var key in placed)
        {
            var (name, title) = section?.Invoke(key) ?? (key, key);
            sections.Add(new BriefingSection(name, title, JsonSerializer.SerializeToElement(document[key], AutoIntelJson.Options), string.Empty, [], key));
            document.Remove(key);
        }

        var briefing = document.Deserialize<Briefing>(AutoIntelJson.Options) ?? throw new JsonException("A briefing must be a JSON object.");
        return briefing with { Sections = [.. sections, .. briefing.Sections ?? []] };
    }
}
