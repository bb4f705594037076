using System.Buffers;
using System.Text.Json;
using AutoIntel.Core.Briefings;
using AutoIntel.Core.Serialization;
using AutoIntel.Intelligence.Analyses;
using AutoIntel.Storage;

namespace AutoIntel.Workflows.AutoIntel.Brief;

/// <summary>Reads back the sections <see cref="Analyse.PresentSection"/> stored, where the briefing needs them.</summary>
public static class StoredSections
{
    private const int FlushBytes = 64 * 1024;

    /// <summary>The briefing files' view of <paramref name="sections"/>: each opened when its place comes.</summary>
    public static SectionSource Source(IArtifactStore store, IReadOnlyList<StoredSection> sections) =>
        new(sections, (s, ct) => OpenAsync(store, s, ct));

    /// <summary><paramref name="sections"/> as the Markdown report and the Discord message show them: each read back without its data
    /// (<c>default</c>), which neither shows and which is most of a long run's section.</summary>
    public static async Task<List<BriefingSection>> ShownAsync(IArtifactStore store, IReadOnlyList<StoredSection> sections, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sections);
        var shown = new List<BriefingSection>(sections.Count);
        var withoutData = new ArrayBufferWriter<byte>();
        foreach (var section in sections)
        {
            // Copied without its data first: deserialized, the data would be read whole only to be skipped.
            withoutData.ResetWrittenCount();
            await using (var json = await OpenAsync(store, section, cancellationToken))
            await using (var writer = new Utf8JsonWriter(withoutData))
            {
                await JsonStreamCopy.CopyWithoutAsync(json, ["data"], writer, FlushBytes, cancellationToken);
            }

            shown.Add(JsonSerializer.Deserialize<ShownSection>(withoutData.WrittenSpan, AutoIntelJson.Options)!.WithoutData());
        }

        return shown;
    }

    // A section without an artifact is read as the empty section, as the briefing shows a failed analysis's section.
    private static async Task<Stream> OpenAsync(IArtifactStore store, StoredSection section, CancellationToken cancellationToken) =>
        section.Artifact is { } stored
            ? await store.OpenReadAsync(stored.Path, cancellationToken)
            : new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(Empty(section), AutoIntelJson.Options), writable: false);

    private static BriefingSection Empty(StoredSection section) =>
        AnalysisCatalog.Find(section.Name)?.Present([]) ?? throw new InvalidOperationException($"No analysis called '{section.Name}' is declared.");

}

// What the report reads of a stored section, copied without its data.
internal sealed record ShownSection(string Name, string Title, string Markdown, IReadOnlyList<SectionField> Fields, string? JsonProperty = null, string? Lead = null)
{
    public BriefingSection WithoutData() => new(Name, Title, default, Markdown, Fields, JsonProperty, Lead);
}
