namespace AutoIntel.Core.Briefings;

/// <summary>A presented <see cref="BriefingSection"/> kept in the artifact store: what a workflow payload carries in its place, so the
/// history holds a reference instead of the section (a long run's arguments section alone is megabytes).</summary>
/// <param name="Name">The analysis's name, as <see cref="BriefingSection.Name"/>.</param>
/// <param name="JsonProperty">As <see cref="BriefingSection.JsonProperty"/>: where the public JSON places it, known without reading it.</param>
/// <param name="Artifact">The stored section; null for a section shown empty (its analysis failed or did not present).</param>
public sealed record StoredSection(string Name, string? JsonProperty, ArtifactRef? Artifact);

/// <summary>A briefing's stored sections, in catalog order, and how to read one back: the briefing files are written from it one
/// section at a time, copied token by token from its stored JSON (<see cref="BriefingJson"/>).</summary>
/// <param name="Open">Opens one section's JSON, a <see cref="BriefingSection"/> as <see cref="Serialization.AutoIntelJson.Options"/> writes
/// it (an empty section's for a section without an artifact); the caller disposes the stream.</param>
public sealed record SectionSource(IReadOnlyList<StoredSection> Sections, Func<StoredSection, CancellationToken, Task<Stream>> Open);
