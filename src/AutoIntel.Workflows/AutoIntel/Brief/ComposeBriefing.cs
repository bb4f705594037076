using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using AutoIntel.Core;
using AutoIntel.Core.Briefings;
using AutoIntel.Intelligence.Analyses;
using AutoIntel.Storage;
using AutoIntel.Workflows.Abstractions;
using AutoIntel.Workflows.AutoIntel.FactCheck;

namespace AutoIntel.Workflows.AutoIntel.Brief;

/// <summary>Stage 8: renders the briefing as Markdown and JSON and stores both, with each stage's output.</summary>
public sealed class ComposeBriefing(IArtifactStore store) : IActivity<ComposeBriefingInput, BriefingArtifacts>
{
    /// <inheritdoc/>
    public async Task<BriefingArtifacts> RunAsync(ActivityContext context, ComposeBriefingInput input)
    {
        var ct = context.CancellationToken;
        var b = input.Briefing;

        // Each stage's output is an artifact of its own, so a reader can inspect one stage without the whole briefing.
        // Only the claims are large (a long run lists tens of thousands, nearly all not checked): the not-checked ones are read from
        // their artifact one at a time into each file's stream, the document tree is built without them, and the Markdown report
        // lists only the first few of them (MarkdownBriefingRenderer.NotCheckedListed) and counts the rest.
        // From SectionsByReference the sections are in the store too, and each file is written from it one section at a time.
        var sections = input.Sections is null ? null : StoredSections.Source(store, input.Sections);
        if (sections is null)
        {
            var document = BriefingJson.ToNode(b with { Claims = [] });
            string[] analyse = ["summary", .. (b.Sections ?? []).Select(s => s.JsonProperty).OfType<string>(), "entities", "sections"];
            await store.PutJsonAsync(RunPaths.Stage(b.RunId, "analyse"), new JsonObject(document.Where(p => analyse.Contains(p.Key)).Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone()))), ct);
        }
        else
        {
            await store.PutStreamAsync(RunPaths.Stage(b.RunId, "analyse"), (s, t) => BriefingJson.WriteSectionsAsync(s, sections, t), ArtifactStoreExtensions.JsonMediaType, ct);
        }

        await store.PutStreamAsync(RunPaths.Stage(b.RunId, "fact-check"), (s, t) => BriefingJson.WriteClaimsAsync(s, b.Claims, NotCheckedClaims.StreamAsync(store, input.NotChecked, t), t), ArtifactStoreExtensions.JsonMediaType, ct);
        await store.PutJsonAsync(RunPaths.Stage(b.RunId, "remember"), b.Memory, ct);

        var json = await store.PutStreamAsync(RunPaths.BriefingJson(b.RunId), (s, t) => BriefingJson.WriteAsync(s, b, NotCheckedClaims.StreamAsync(store, input.NotChecked, t), sections, t), ArtifactStoreExtensions.JsonMediaType, ct);
        var (listed, more) = await NotCheckedClaims.FirstAsync(store, input.NotChecked, MarkdownBriefingRenderer.NotCheckedListed, ct);
        // The report shows each section's Markdown only, so the sections are read back for it without their data.
        var shown = input.Sections is null ? b : b with { Sections = await StoredSections.ShownAsync(store, input.Sections, ct) };
        var reported = listed.Count == 0 ? shown : shown with { Claims = [.. b.Claims, .. listed] };
        var md = await store.PutStreamAsync(RunPaths.BriefingMarkdown(b.RunId), (s, t) => MarkdownBriefingRenderer.WriteAsync(s, reported, more, t), "text/markdown", ct);
        return new BriefingArtifacts(json, md);
    }
}

/// <summary>Input of <see cref="ComposeBriefing"/>.</summary>
/// <param name="NotChecked">The run's not-checked claims when they are not in the briefing (instances from
/// <see cref="WorkflowVersions.ClaimsByReference"/>); the files list them after the verified ones.</param>
/// <param name="Sections">The stored sections when they are not in the briefing (instances from <see cref="WorkflowVersions.SectionsByReference"/>).</param>
public sealed record ComposeBriefingInput(
    Briefing Briefing,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ArtifactRef? NotChecked = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<StoredSection>? Sections = null);

/// <summary>The stored briefing.</summary>
public sealed record BriefingArtifacts(ArtifactRef Json, ArtifactRef Markdown);
