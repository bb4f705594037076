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
        var b = await NotCheckedClaims.ListAsync(store, input.Briefing, input.NotChecked, ct);

        // Each stage's output is an artifact of its own, so a reader can inspect one stage without the whole briefing.
        // Only the claims are large (a long run lists tens of thousands): every file is written from the briefing straight into the
        // store's stream, and the document tree is built without them.
        var document = BriefingJson.ToNode(b with { Claims = [] });
        string[] analyse = ["summary", .. (b.Sections ?? []).Select(s => s.JsonProperty).OfType<string>(), "entities", "sections"];
        await store.PutJsonAsync(RunPaths.Stage(b.RunId, "analyse"), new JsonObject(document.Where(p => analyse.Contains(p.Key)).Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone()))), ct);
        await store.PutJsonAsync(RunPaths.Stage(b.RunId, "fact-check"), b.Claims, ct);
        await store.PutJsonAsync(RunPaths.Stage(b.RunId, "remember"), b.Memory, ct);

        var json = await store.PutStreamAsync(RunPaths.BriefingJson(b.RunId), (s, t) => BriefingJson.WriteAsync(s, b, t), ArtifactStoreExtensions.JsonMediaType, ct);
        var md = await store.PutStreamAsync(RunPaths.BriefingMarkdown(b.RunId), (s, t) => MarkdownBriefingRenderer.WriteAsync(s, b, t), "text/markdown", ct);
        return new BriefingArtifacts(json, md);
    }
}

/// <summary>Input of <see cref="ComposeBriefing"/>.</summary>
/// <param name="NotChecked">The run's not-checked claims when they are not in the briefing (instances from
/// <see cref="WorkflowVersions.ClaimsByReference"/>); the files list them after the verified ones.</param>
public sealed record ComposeBriefingInput(Briefing Briefing, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ArtifactRef? NotChecked = null);

/// <summary>The stored briefing.</summary>
public sealed record BriefingArtifacts(ArtifactRef Json, ArtifactRef Markdown);
