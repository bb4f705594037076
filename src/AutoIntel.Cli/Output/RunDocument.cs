using System.Text.Json;
using AutoIntel.Core.Analysis;
using AutoIntel.Core.Briefings;
using AutoIntel.Core.Serialization;
using AutoIntel.Workflows.Abstractions;

namespace AutoIntel.Cli.Output;

/// <summary>The JSON contract of <c>autointel analyze --json</c>.</summary>
public sealed record RunDocument(
    string InstanceId,
    string Status,
    string Depth,
    string Source,
    string? Title,
    string? Summary,
    IReadOnlyList<string> KeyPoints,
    IReadOnlyList<ClaimDocument> Claims,
    IReadOnlyList<FallacyDocument> Fallacies,
    IReadOnlyList<StageDocument> Stages,
    CostDocument Cost,
    object? Analysis,
    MemoryReport? Memory,
    IReadOnlyList<string> Notes,
    IReadOnlyList<SectionDegradation> Degradations,
    ArtifactsDocument? Artifacts,
    ErrorDocument? Error)
{
    private const string FallaciesSection = "fallacies";
    private const string SummarySection = "summary";
    private const string ClaimsProperty = "claims";
    private const int FlushBytes = 64 * 1024;

    /// <summary>The top-level properties of the briefing file whose data the document lists under <c>analysis</c> as it is: of
    /// <paramref name="builtIns"/> (each built-in section's name and property), all but the summary and the fallacies.</summary>
    public static IReadOnlyList<string> AnalysisProperties(IEnumerable<(string Name, string Property)> builtIns) =>
        [.. builtIns.Where(s => s.Name is not (FallaciesSection or SummarySection)).Select(s => s.Property)];

    /// <summary>The document of a completed run; the data of <paramref name="inFile"/>'s sections, left out of <paramref name="b"/>, is
    /// copied from the briefing file when the document is written (<see cref="WriteJsonLineAsync(Stream, IAsyncEnumerable{ClaimDocument}, CancellationToken)"/>,
    /// not <see cref="ToJson"/>).</summary>
    public static RunDocument Completed(InstanceStatus status, Briefing b, ArtifactsDocument artifacts, SectionsInFile? inFile = null) => new(
        status.InstanceId,
        status.RuntimeStatus.ToString(),
        b.Depth.ToString().ToLowerInvariant(),
        b.Source,
        b.Title,
        SummaryOf(b).Text,
        SummaryOf(b).KeyPoints,
        [.. b.Claims.Select(ClaimDocument.From)],
        [.. FallaciesOf(b).Select(f => new FallacyDocument(f.Type, f.Quote, f.Explanation, f.Confidence))],
        [.. b.Stages.Select(StageDocument.From)],
        CostDocument.From(b.Cost),
        AnalysisOf(b, inFile),
        b.Memory,
        b.Notes,
        b.Degradations ?? [],
        artifacts,
        null);

    // The document has always listed the summary and its key points at its top, not under analysis.
    private static Summary SummaryOf(Briefing b) =>
        b.Section(SummarySection)?.Data.Deserialize<Summary>(Core.Serialization.AutoIntelJson.Options) ?? new Summary(string.Empty, []);

    // The document has always listed fallacies at its top, not under analysis.
    private static List<Fallacy> FallaciesOf(Briefing b) =>
        b.Section(FallaciesSection)?.Data.Deserialize<List<Fallacy>>(Core.Serialization.AutoIntelJson.Options) ?? [];

    // Every analysis not shown at the top of the document: built-in sections under their briefing property, the others in sections.
    // Each section's data is copied from the file or written as it was read (a JSON element), not copied into a tree first.
    private static Dictionary<string, object?> AnalysisOf(Briefing b, SectionsInFile? inFile)
    {
        var analysis = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in inFile?.Properties ?? [])
        {
            analysis[property] = new DataInFile(inFile!.Open, property);
        }

        foreach (var section in (b.Sections ?? []).Where(s => s.JsonProperty is not null && s.Name != FallaciesSection && s.Name != SummarySection))
        {
            analysis[section.JsonProperty!] = section.Data;
        }

        analysis["sections"] = (b.Sections ?? []).Where(s => s.JsonProperty is null).Select(s => new { s.Name, s.Title, s.Data }).ToList();
        return analysis;
    }

    /// <summary>The document of a run that did not complete.</summary>
    public static RunDocument NotCompleted(InstanceStatus status, string depth, string source) => new(
        status.InstanceId,
        status.RuntimeStatus.ToString(),
        depth,
        source,
        null,
        null,
        [],
        [],
        [],
        [],
        new CostDocument(0, 0, 0, 0, 0, 0),
        null,
        null,
        [],
        [],
        null,
        status.Failure is { } f ? new ErrorDocument(f.ErrorType, f.Message, f.IsPermanent) : null);

    /// <summary>Serializes for stdout.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Core.Serialization.AutoIntelJson.Indented);

    /// <summary>Writes <see cref="ToJson"/>'s text and a line break to <paramref name="utf8"/> as UTF-8, without the text as one string:
    /// a long run's document lists tens of thousands of claims.</summary>
    public async Task WriteJsonLineAsync(Stream utf8, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(utf8);
        await JsonSerializer.SerializeAsync(utf8, this, Core.Serialization.AutoIntelJson.Indented, cancellationToken);
        await utf8.WriteAsync("\n"u8.ToArray(), cancellationToken);
        await utf8.FlushAsync(cancellationToken);
    }

    /// <summary>Writes the text <see cref="ToJson"/> gives for this document with <paramref name="claims"/> as its claims, and a line
    /// break, as UTF-8: the claims are read (from the briefing file) as they are written, so only one is in memory at a time.</summary>
    public async Task WriteJsonLineAsync(Stream utf8, IAsyncEnumerable<ClaimDocument> claims, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(utf8);
        ArgumentNullException.ThrowIfNull(claims);
        var options = Core.Serialization.AutoIntelJson.Indented;
        await using (var writer = new Utf8JsonWriter(utf8, new JsonWriterOptions { Encoder = options.Encoder, Indented = true }))
        {
            // Property by property as the serializer orders and names them, each written from the record (no copy of the document).
            writer.WriteStartObject();
            foreach (var property in options.GetTypeInfo(typeof(RunDocument)).Properties)
            {
                writer.WritePropertyName(property.Name);
                var value = property.Get!(this);
                if (value is Dictionary<string, object?> analysis)
                {
                    await WriteAnalysisAsync(writer, analysis, options, cancellationToken);
                    continue;
                }

                if (property.Name != ClaimsProperty)
                {
                    JsonSerializer.Serialize(writer, value, property.PropertyType, options);
                    await writer.FlushAsync(cancellationToken);
                    continue;
                }

                writer.WriteStartArray();
                await foreach (var claim in claims.WithCancellation(cancellationToken))
                {
                    JsonSerializer.Serialize(writer, claim, options);
                    await JsonElementWriter.FlushWhenFullAsync(writer, FlushBytes, cancellationToken);
                }

                writer.WriteEndArray();
            }

            writer.WriteEndObject();
        }

        await utf8.WriteAsync("\n"u8.ToArray(), cancellationToken);
        await utf8.FlushAsync(cancellationToken);
    }

    // The sections' data as the serializer writes the dictionary, each element flushed as it goes (a long run's are megabytes).
    private static async Task WriteAnalysisAsync(Utf8JsonWriter writer, Dictionary<string, object?> analysis, JsonSerializerOptions options, CancellationToken cancellationToken)
    {
        writer.WriteStartObject();
        foreach (var (key, value) in analysis)
        {
            writer.WritePropertyName(key);
            if (value is JsonElement data)
            {
                await JsonElementWriter.WriteAsync(writer, data, FlushBytes, cancellationToken);
            }
            else if (value is DataInFile inFile)
            {
                await using var file = await inFile.Open(cancellationToken);
                await JsonStreamCopy.CopyPropertyAsync(file, inFile.Property, writer, FlushBytes, cancellationToken);
            }
            else
            {
                JsonSerializer.Serialize(writer, value, options);
            }

            await writer.FlushAsync(cancellationToken);
        }

        writer.WriteEndObject();
    }
}

/// <summary>Sections of a briefing file, by their top-level <paramref name="Properties"/>, whose data a <see cref="RunDocument"/> copies
/// from the file <paramref name="Open"/> opens instead of holding it (a long run's are megabytes).</summary>
public sealed record SectionsInFile(IReadOnlyList<string> Properties, Func<CancellationToken, Task<Stream>> Open);

// One section's data, copied from the file when the document is written.
internal sealed record DataInFile(Func<CancellationToken, Task<Stream>> Open, string Property);

/// <summary>One checked claim.</summary>
/// <param name="Evidence">What the verdict rests on: source, id, title, url, publisher, date, quote (and a fact-checker's rating).</param>
public sealed record ClaimDocument(string Text, string Verdict, double Confidence, string Method, string Rationale, IReadOnlyList<Core.FactCheck.Evidence> Evidence)
{
    /// <summary>From a claim's verdict.</summary>
    public static ClaimDocument From(Core.FactCheck.ClaimVerdict c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return new(c.Claim.Text, c.Verdict.ToString().ToLowerInvariant(), c.Confidence, c.Method, c.Rationale, c.Evidence);
    }
}

/// <summary>One suspected fallacy.</summary>
public sealed record FallacyDocument(string Type, string Quote, string Explanation, double Confidence);

/// <summary>One stage's timing.</summary>
public sealed record StageDocument(string Name, double DurationMs, int Activities)
{
    /// <summary>From a stage timing.</summary>
    public static StageDocument From(Core.Runs.StageTiming t) => new(t.Name, Math.Round(t.DurationMs, 1), t.Activities);
}

/// <summary>What the run cost.</summary>
public sealed record CostDocument(decimal Usd, int LlmCalls, int CacheHits, long InputTokens, long OutputTokens, decimal UsdSaved)
{
    /// <summary>From a usage total.</summary>
    public static CostDocument From(Core.Runs.Usage u) => new(u.Usd, u.LlmCalls, u.CacheHits, u.InputTokens, u.OutputTokens, u.UsdSaved);
}

/// <summary>Where the briefing files are.</summary>
public sealed record ArtifactsDocument(string Markdown, string Json);

/// <summary>Why a run failed.</summary>
public sealed record ErrorDocument(string Type, string Message, bool BadInput);
