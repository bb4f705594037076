using System.Text.Json;
using System.Text.Json.Serialization;

namespace AutoIntel.Core.Briefings;

/// <summary>One section of a registered analysis, ready for every briefing format: its data for the JSON, its Markdown body for the
/// report and its fields for the Discord embed. Renderers show it without knowing the analysis.</summary>
/// <param name="Name">Identifier in the JSON and in degradations (<c>loaded_language</c>).</param>
/// <param name="Title">Heading shown to readers (<c>Loaded language</c>).</param>
/// <param name="Data">The merged result, as the analysis serialized it.</param>
/// <param name="Markdown">The section body (without its heading); empty when there is nothing to show.</param>
/// <param name="Fields">Discord embed fields (name, value), at most a handful; empty when there is nothing to show.</param>
/// <param name="JsonProperty">For a built-in analysis: the top-level property of the public briefing JSON that holds <paramref name="Data"/>
/// (<c>tone</c>); null for the others, which the JSON lists in <c>sections</c>.</param>
/// <param name="Lead">For a section that leads the briefing (the summary): the Discord header's description; the renderers show it first
/// (Markdown before the claims, Discord in the header with its fields). Null for every other section.</param>
public sealed record BriefingSection(
    string Name,
    string Title,
    JsonElement Data,
    string Markdown,
    IReadOnlyList<SectionField> Fields,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? JsonProperty = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Lead = null)
{
    /// <summary>Whether the section has anything to show.</summary>
    public bool IsEmpty => Markdown.Length == 0 && Fields.Count == 0;
}

/// <summary>One Discord embed field of a <see cref="BriefingSection"/>.</summary>
public sealed record SectionField(string Name, string Value);
