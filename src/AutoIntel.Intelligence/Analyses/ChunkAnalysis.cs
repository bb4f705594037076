using System.Text.Json;
using System.Text.Json.Serialization;
using AutoIntel.Core.Briefings;
using AutoIntel.Core.Runs;
using AutoIntel.Core.Serialization;
using AutoIntel.Core.Text;
using AutoIntel.Intelligence.Analyzers;
using AutoIntel.Intelligence.Prompts;

namespace AutoIntel.Intelligence.Analyses;

/// <summary>
/// One per-chunk analysis of stage 5, declared once: what the workflow, the gateway, the offline analyzer, the latency
/// simulator, the briefing renderers, <c>autointel models explain</c> and the benchmark need to know about it.
/// </summary>
/// <remarks>Declare a new analysis by deriving from <see cref="ChunkAnalysis{T}"/>; <see cref="AnalysisCatalog"/> finds it.</remarks>
public abstract class ChunkAnalysis
{
    /// <summary>Identifier in snake_case: briefing section, router task type, JSON schema name and cache partition.</summary>
    public abstract string Name { get; }

    /// <summary>The section heading readers see.</summary>
    public abstract string Title { get; }

    /// <summary>The shallowest depth that runs it (every deeper one does too).</summary>
    public abstract Depth MinDepth { get; }

    /// <summary>The /autointel workflow version that introduced it: one above the <see cref="AnalysisCatalog.NewInstanceVersion"/> it was added to
    /// (1 for the built-in analyses, which predate the catalog).</summary>
    /// <remarks>Instances started under an older version never schedule it, so their recorded histories still replay.</remarks>
    public abstract int SinceVersion { get; }

    /// <summary>Where its section stands in the briefing (Markdown, Discord), smaller first; the catalog lists analyses in this order.</summary>
    /// <remarks>Built-in analyses keep the places they had (10 … 60); an added one takes the default, after them and before entities.</remarks>
    public virtual int Position => 100;

    /// <summary>For a built-in analysis only: the per-analysis activity that instances started before its <see cref="DeclaredSince"/>
    /// scheduled for it (<c>AssessTone</c>), so their histories replay; null otherwise.</summary>
    public virtual string? LegacyActivity => null;

    /// <summary>The workflow version from which it runs through the shared <c>AnalyseChunk</c> activity: its <see cref="SinceVersion"/> for an
    /// added analysis; for a built-in one, the version that declared it in the catalog (tone and perspective 3, arguments and fallacies 4, entities 6).</summary>
    /// <remarks>An instance that recorded an older version schedules the built-in under its <see cref="LegacyActivity"/>, as its history has it.
    /// The newest of these is the version new instances record (<see cref="AnalysisCatalog.NewInstanceVersion"/>).</remarks>
    public virtual int DeclaredSince => SinceVersion;

    /// <summary>For a built-in analysis only: the top-level property of the briefing JSON that has always held its data
    /// (<c>tone</c>, <c>perspectives</c>); null puts the section in <c>sections[]</c>, as every added analysis does.</summary>
    /// <remarks>A section with a property is always in the briefing (empty when the depth skipped it or it failed), as the property always was.</remarks>
    public virtual string? JsonProperty => null;

    /// <summary>Whether its section leads the briefing: in the Markdown before the claims, on Discord as the header's description (the
    /// section's <see cref="SectionContent.Lead"/>) with its fields; otherwise it stands among the sections after the claims, with an embed of its own.</summary>
    /// <remarks>The summary leads.</remarks>
    public virtual bool Lead => false;

    /// <summary>Whether one more call reduces every chunk's result after the fan-out (<see cref="MapReduceAnalysis{TPart, T}"/>).</summary>
    public virtual bool Reduces => false;

    /// <summary>For a built-in map-reduce analysis only: the activity that instances started before its <see cref="DeclaredSince"/> scheduled
    /// its reduce step under (<c>ReduceSummary</c>); null otherwise.</summary>
    public virtual string? LegacyReduceActivity => null;

    /// <summary>Whether it predates the catalog (it has a <see cref="LegacyActivity"/>).</summary>
    public bool IsBuiltIn => LegacyActivity is not null;

    /// <summary>Typical answer length in tokens of a real model, for the latency simulator.</summary>
    public abstract int SimulatedOutputTokens { get; }

    /// <summary>A small valid model answer (benchmarks and fake servers answer with it).</summary>
    public abstract string ExampleAnswer { get; }

    /// <summary>Typical answer length the router budgets for (from the prompt).</summary>
    public abstract int ExpectedOutputTokens { get; }

    /// <summary>The router task type of its prompt; the catalog requires it to be <see cref="Name"/>, except for built-ins whose task type
    /// already had another name (<c>argument_analysis</c>).</summary>
    public abstract string TaskType { get; }

    /// <summary>Whether an instance of this depth, started under <paramref name="workflowVersion"/>, runs it.</summary>
    public bool RunsAt(Depth depth, int workflowVersion) => depth >= MinDepth && workflowVersion >= SinceVersion;

    /// <summary>The per-analysis activity an instance started under <paramref name="workflowVersion"/> schedules it under: its
    /// <see cref="LegacyActivity"/> before <see cref="DeclaredSince"/>; null from then on (it runs through the shared <c>AnalyseChunk</c>).</summary>
    public string? LegacyActivityAt(int workflowVersion) => workflowVersion < DeclaredSince ? LegacyActivity : null;

    /// <summary>The reduce activity an instance started under <paramref name="workflowVersion"/> schedules: its <see cref="LegacyReduceActivity"/>
    /// before <see cref="DeclaredSince"/>; null from then on (the shared <c>ReduceChunks</c>).</summary>
    public string? LegacyReduceActivityAt(int workflowVersion) => workflowVersion < DeclaredSince ? LegacyReduceActivity : null;

    /// <summary>Reduces every chunk's result (in chunk order) to one with <paramref name="analyzer"/>; only a map-reduce analysis has this step.</summary>
    /// <exception cref="NotSupportedException">It does not <see cref="Reduces"/>.</exception>
    public virtual Task<AnalyzerResult<JsonElement>> ReduceAsync(IContentAnalyzer analyzer, AnalysisRequest request, IReadOnlyList<JsonElement> perChunk, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException($"Analysis '{Name}' has no reduce step.");

    /// <summary>Analyses one chunk with <paramref name="analyzer"/>; the result travels as JSON so hosts need not know its type.</summary>
    public abstract Task<AnalyzerResult<JsonElement>> AnalyseAsync(IContentAnalyzer analyzer, AnalysisRequest request, Chunk chunk, CancellationToken cancellationToken = default);

    /// <summary>The briefing section from every chunk's result, in chunk order (for a map-reduce analysis: the reduced result), pure: it runs
    /// inside the orchestration; no results at all give the empty section.</summary>
    public abstract BriefingSection Present(IReadOnlyList<JsonElement> perChunk);

    /// <summary>Writes the section <see cref="Present"/> gives for the same results into <paramref name="utf8"/> as
    /// <see cref="AutoIntelJson.Options"/> serializes it (the same bytes), with <paramref name="results"/> read as this analysis's type and
    /// its data serialized straight into the stream: a long run's section data is megabytes, which <see cref="Present"/> holds as JSON
    /// elements, both the chunks' results and the section's data.</summary>
    public abstract Task WriteSectionAsync(Stream utf8, IChunkResults results, CancellationToken cancellationToken = default);
}

/// <summary>A per-chunk analysis whose chunk result is <typeparamref name="T"/>.</summary>
public abstract class ChunkAnalysis<T> : ChunkAnalysis
{
    /// <summary>The structured-output task the LLM path runs (instructions, schema, validating parser); its task type is <see cref="ChunkAnalysis.Name"/>.</summary>
    /// <remarks>Build it once (<c>{ get; } = AnalysisTasks.Define(...)</c>).</remarks>
    public abstract StructuredTask<T> Prompt { get; }

    /// <inheritdoc />
    public override int ExpectedOutputTokens => Prompt.ExpectedOutputTokens;

    /// <inheritdoc />
    public override string TaskType => Prompt.TaskType;

    /// <summary>The offline heuristic over <paramref name="text"/> (the chunk's text without instruction-like sentences): the default without
    /// an endpoint, and the stand-in when the model's answer is unusable.</summary>
    /// <remarks><paramref name="chunk"/> is the chunk as written: its index, and its speaker labels for attributing what is found.</remarks>
    public abstract T Offline(string text, Chunk chunk);

    /// <inheritdoc />
    public sealed override async Task<AnalyzerResult<JsonElement>> AnalyseAsync(IContentAnalyzer analyzer, AnalysisRequest request, Chunk chunk, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(analyzer);
        var result = await analyzer.AnalyseChunkAsync(this, request, chunk, cancellationToken);
        return new AnalyzerResult<JsonElement>(JsonSerializer.SerializeToElement(result.Value, AutoIntelJson.Options), result.Usage, result.Notes, result.Degraded);
    }

    /// <inheritdoc />
    public sealed override BriefingSection Present(IReadOnlyList<JsonElement> perChunk)
    {
        var content = Content(perChunk);
        return new BriefingSection(Name, Title, JsonSerializer.SerializeToElement(content.Data, AutoIntelJson.Options), content.Markdown, content.Fields, JsonProperty, LeadOf(content));
    }

    /// <inheritdoc />
    public sealed override async Task WriteSectionAsync(Stream utf8, IChunkResults results, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(results);
        var content = await ContentAsync(results, cancellationToken);
        await JsonSerializer.SerializeAsync(utf8, new WrittenSection(Name, Title, content.Data, content.Markdown, content.Fields, JsonProperty, LeadOf(content)), AutoIntelJson.Options, cancellationToken);
    }

    /// <summary>What the section shows for every chunk's result, in chunk order: <see cref="Render"/> of the results read back.</summary>
    protected virtual SectionContent Content(IReadOnlyList<JsonElement> perChunk) =>
        Render([.. perChunk.Select(e => e.Deserialize<T>(AutoIntelJson.Options)!)]);

    /// <summary>As <see cref="Content"/>, with the results read as they come.</summary>
    protected virtual async Task<SectionContent> ContentAsync(IChunkResults results, CancellationToken cancellationToken) =>
        Render(await results.ReadAsync<T>(cancellationToken).ToListAsync(cancellationToken));

    // Placed as the declaration says (ChunkAnalysis.Lead).
    private string? LeadOf(SectionContent content) => Lead ? content.Lead ?? string.Empty : null;

    /// <summary>The section's data, Markdown body (escape user text with <c>MarkdownText</c>) and Discord fields from every chunk's result.</summary>
    protected abstract SectionContent Render(IReadOnlyList<T> perChunk);
}

// A BriefingSection as it is serialized, with its data not yet serialized: BriefingSection's properties, in the same order.
internal sealed record WrittenSection(
    string Name,
    string Title,
    object Data,
    string Markdown,
    IReadOnlyList<SectionField> Fields,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? JsonProperty,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Lead)
{
    // Serialized as BriefingSection's is.
    public bool IsEmpty => Markdown.Length == 0 && Fields.Count == 0;
}

/// <summary>What an analysis shows in the briefing: <paramref name="Data"/> for the JSON, a Markdown body and Discord embed fields.</summary>
/// <param name="Lead">For an analysis that leads (<see cref="ChunkAnalysis.Lead"/>): the Discord header's description (plain text).</param>
public sealed record SectionContent(object Data, string Markdown, IReadOnlyList<SectionField> Fields, string? Lead = null);
