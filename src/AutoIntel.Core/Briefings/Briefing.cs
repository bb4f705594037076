using System.Text.Json.Serialization;
using AutoIntel.Core.Analysis;
using AutoIntel.Core.Content;
using AutoIntel.Core.FactCheck;
using AutoIntel.Core.Runs;

namespace AutoIntel.Core.Briefings;

/// <summary>Everything one run found, ready to render as Markdown, JSON or Discord embeds.</summary>
/// <param name="Notes">Plain-language caveats (offline verdicts, degraded models, skipped stages).</param>
/// <param name="Video">For a video link: channel, duration, upload date and the track read; left out of the JSON when null.</param>
/// <param name="Degradations">Sections shown from offline heuristics or missing because their analysis failed; empty (or absent in older briefings) when every section is as asked.</param>
/// <param name="Sections">Sections of declared analyses (<c>AnalysisCatalog</c>), in catalog order, the summary first; absent in older briefings. Built-in ones
/// (<see cref="BriefingSection.JsonProperty"/>) are written at their top-level property of the public JSON (<see cref="BriefingJson"/>).</param>
/// <param name="Models">Which model answered each analysis task, for quality scores and for feedback to reach the router; absent in older briefings.</param>
public sealed record Briefing(
    string RunId,
    string Title,
    string Source,
    Depth Depth,
    DateTime CreatedAtUtc,
    IReadOnlyList<ClaimVerdict> Claims,
    MemoryReport Memory,
    Usage Cost,
    IReadOnlyList<StageTiming> Stages,
    IReadOnlyList<string> Notes,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] VideoInfo? Video = null,
    IReadOnlyList<SectionDegradation>? Degradations = null,
    IReadOnlyList<BriefingSection>? Sections = null,
    IReadOnlyList<ModelUse>? Models = null)
{
    /// <summary>Who made which claim, when the transcript labels its speakers; left out of the JSON otherwise.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<SpeakerClaims>? ClaimsBySpeaker => SpeakerClaims.Group(Claims);

    /// <summary>The section of the analysis called <paramref name="name"/>, or null.</summary>
    public BriefingSection? Section(string name) => Sections?.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.Ordinal));

    /// <summary>The degradation of one section, if it has one.</summary>
    public SectionDegradation? DegradationOf(string section) =>
        Degradations?.FirstOrDefault(d => string.Equals(d.Section, section, StringComparison.OrdinalIgnoreCase));
}
