using System.Text.Json;
using System.Text.Json.Nodes;
using AutoIntel.Core.FactCheck;
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

    private const string ClaimsKey = "claims";
    private const string ClaimsBySpeakerKey = "claimsBySpeaker";
    private const string SectionsKey = "sections";
    private const string DataKey = "data";
    private const int FlushBytes = 64 * 1024;

    /// <summary>The public JSON document of <paramref name="briefing"/>.</summary>
    public static JsonObject ToNode(Briefing briefing)
    {
        ArgumentNullException.ThrowIfNull(briefing);
        var written = JsonSerializer.SerializeToNode(briefing, AutoIntelJson.Options)!.AsObject();
        var properties = written.Select(p => (p.Key, Value: p.Value?.DeepClone())).ToList();
        if (briefing.Sections is { } sections)
        {
            var listed = properties.FindIndex(p => p.Key == SectionsKey);
            properties[listed] = (SectionsKey, JsonSerializer.SerializeToNode(sections.Where(s => s.JsonProperty is null).ToList(), AutoIntelJson.Options));
            properties.AddRange(sections.Where(s => s.JsonProperty is not null).Select(s => (s.JsonProperty!, (JsonNode?)JsonSerializer.SerializeToNode(s.Data, AutoIntelJson.Options))));
        }

        var document = new JsonObject();
        foreach (var (key, value) in properties.OrderBy(p => Rank(p.Key)))
        {
            document[key] = value;
        }

        return document;
    }

    /// <summary>Writes the public JSON document of <paramref name="briefing"/> to <paramref name="utf8"/>: the same bytes as
    /// <see cref="ToNode"/> serialized with <see cref="AutoIntelJson.Options"/>, without building the document.</summary>
    /// <remarks>A long run lists tens of thousands of claims: they are serialized one by one into the stream, flushed as they go,
    /// instead of being held as a tree (and a copy of it) and then as a string.</remarks>
    public static Task WriteAsync(Stream utf8, Briefing briefing, CancellationToken cancellationToken = default) =>
        WriteAsync(utf8, briefing, null, cancellationToken);

    /// <summary>Writes the public JSON document of <paramref name="briefing"/> with <paramref name="moreClaims"/> listed after its
    /// claims: the same bytes as <see cref="WriteAsync(Stream, Briefing, CancellationToken)"/> of the briefing with all of them in
    /// <see cref="Briefing.Claims"/>, while only one of the further claims is in memory at a time (they are read from an artifact).</summary>
    public static Task WriteAsync(Stream utf8, Briefing briefing, IAsyncEnumerable<ClaimVerdict>? moreClaims, CancellationToken cancellationToken = default) =>
        WriteAsync(utf8, briefing, moreClaims, null, cancellationToken);

    /// <summary>As <see cref="WriteAsync(Stream, Briefing, IAsyncEnumerable{ClaimVerdict}?, CancellationToken)"/>, with the sections of
    /// <paramref name="stored"/> in place of <see cref="Briefing.Sections"/>: the same bytes as the briefing holding them, read and
    /// written one at a time (a long run's sections are megabytes).</summary>
    public static async Task WriteAsync(
        Stream utf8, Briefing briefing, IAsyncEnumerable<ClaimVerdict>? moreClaims, SectionSource? stored, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(utf8);
        ArgumentNullException.ThrowIfNull(briefing);
        var rest = ToNode(briefing with { Claims = [], Sections = stored is null ? briefing.Sections : [] });
        var bySpeaker = new SpeakerClaims.Grouping();
        var speakersWritten = false;
        var keys = rest.Select(p => p.Key).Concat(Placed(stored)).OrderBy(Rank).ToList();

        await using var writer = new Utf8JsonWriter(utf8, new JsonWriterOptions { Encoder = AutoIntelJson.Options.Encoder });
        writer.WriteStartObject();
        foreach (var key in keys)
        {
            // Who said what follows the claims it groups, so it is known by the time its place in the order comes.
            if (!speakersWritten && Rank(key) > Rank(ClaimsBySpeakerKey))
            {
                speakersWritten = true;
                WriteSpeakers(writer, bySpeaker);
            }

            writer.WritePropertyName(key);
            if (key == ClaimsKey)
            {
                writer.WriteStartArray();
                foreach (var claim in briefing.Claims)
                {
                    await WriteClaimAsync(writer, claim, bySpeaker, cancellationToken);
                }

                if (moreClaims is not null)
                {
                    await foreach (var claim in moreClaims.WithCancellation(cancellationToken))
                    {
                        await WriteClaimAsync(writer, claim, bySpeaker, cancellationToken);
                    }
                }

                writer.WriteEndArray();
            }
            else if (stored is null || !await WriteStoredAsync(writer, key, stored, cancellationToken))
            {
                if (rest[key] is { } value)
                {
                    value.WriteTo(writer, AutoIntelJson.Options);
                }
                else
                {
                    writer.WriteNullValue();
                }
            }

            await writer.FlushAsync(cancellationToken);
        }

        if (!speakersWritten)
        {
            WriteSpeakers(writer, bySpeaker);
        }

        writer.WriteEndObject();
        await writer.FlushAsync(cancellationToken);
    }

    /// <summary>Writes the sections of <paramref name="stored"/> as one JSON object, each at the key the public JSON gives it (the analyse
    /// stage's output): the same bytes as those keys of <see cref="ToNode"/>, one section in memory at a time.</summary>
    public static async Task WriteSectionsAsync(Stream utf8, SectionSource stored, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(utf8);
        ArgumentNullException.ThrowIfNull(stored);
        await using var writer = new Utf8JsonWriter(utf8, new JsonWriterOptions { Encoder = AutoIntelJson.Options.Encoder });
        writer.WriteStartObject();
        foreach (var key in Placed(stored).Append(SectionsKey).OrderBy(Rank))
        {
            writer.WritePropertyName(key);
            await WriteStoredAsync(writer, key, stored, cancellationToken);
            await writer.FlushAsync(cancellationToken);
        }

        writer.WriteEndObject();
        await writer.FlushAsync(cancellationToken);
    }

    // Top-level keys of the built-in sections among the stored ones.
    private static IEnumerable<string> Placed(SectionSource? stored) => stored?.Sections.Select(s => s.JsonProperty).OfType<string>() ?? [];

    // A built-in section's data at its key, or the other sections in order, copied from their stored JSON; false for any other key.
    private static async Task<bool> WriteStoredAsync(Utf8JsonWriter writer, string key, SectionSource stored, CancellationToken cancellationToken)
    {
        if (stored.Sections.FirstOrDefault(s => s.JsonProperty == key) is { } placed)
        {
            await using var section = await stored.Open(placed, cancellationToken);
            if (!await JsonStreamCopy.CopyPropertyAsync(section, DataKey, writer, FlushBytes, cancellationToken))
            {
                throw new JsonException($"The stored section '{placed.Name}' has no data.");
            }

            return true;
        }

        if (key != SectionsKey)
        {
            return false;
        }

        writer.WriteStartArray();
        foreach (var listed in stored.Sections.Where(s => s.JsonProperty is null))
        {
            await using var section = await stored.Open(listed, cancellationToken);
            await JsonStreamCopy.CopyAsync(section, writer, FlushBytes, cancellationToken);
            await writer.FlushAsync(cancellationToken);
        }

        writer.WriteEndArray();
        return true;
    }

    /// <summary>Writes <paramref name="claims"/> and then <paramref name="moreClaims"/> to <paramref name="utf8"/> as one JSON list: the
    /// same bytes as the whole list serialized with <see cref="AutoIntelJson.Options"/>, one claim in memory at a time.</summary>
    public static async Task WriteClaimsAsync(Stream utf8, IReadOnlyList<ClaimVerdict> claims, IAsyncEnumerable<ClaimVerdict>? moreClaims, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(utf8);
        ArgumentNullException.ThrowIfNull(claims);
        await using var writer = new Utf8JsonWriter(utf8, new JsonWriterOptions { Encoder = AutoIntelJson.Options.Encoder });
        writer.WriteStartArray();
        foreach (var claim in claims)
        {
            await WriteClaimAsync(writer, claim, null, cancellationToken);
        }

        if (moreClaims is not null)
        {
            await foreach (var claim in moreClaims.WithCancellation(cancellationToken))
            {
                await WriteClaimAsync(writer, claim, null, cancellationToken);
            }
        }

        writer.WriteEndArray();
        await writer.FlushAsync(cancellationToken);
    }

    private static async Task WriteClaimAsync(Utf8JsonWriter writer, ClaimVerdict claim, SpeakerClaims.Grouping? bySpeaker, CancellationToken cancellationToken)
    {
        JsonSerializer.Serialize(writer, claim, AutoIntelJson.Options);
        bySpeaker?.Add(claim);
        await JsonElementWriter.FlushWhenFullAsync(writer, FlushBytes, cancellationToken);
    }

    // Left out, as the record leaves it out, when no claim has a speaker.
    private static void WriteSpeakers(Utf8JsonWriter writer, SpeakerClaims.Grouping bySpeaker)
    {
        if (bySpeaker.Result() is { } groups)
        {
            writer.WritePropertyName(ClaimsBySpeakerKey);
            JsonSerializer.Serialize(writer, groups, AutoIntelJson.Options);
        }
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

    /// <summary>A briefing read back from its public JSON in <paramref name="utf8"/>, as <see cref="Read(string, Func{string, ValueTuple{string, string}?}?)"/>
    /// reads it, without the text as a string or a tree: each top-level property is read as an element of its own as the stream passes,
    /// so the sections (a long run's are megabytes) are neither parsed as part of the whole file nor copied out of it.</summary>
    public static async Task<Briefing> ReadAsync(Stream utf8, Func<string, (string Name, string Title)?>? section = null, CancellationToken cancellationToken = default)
    {
        Dictionary<string, JsonElement> properties;
        try
        {
            properties = await JsonSerializer.DeserializeAsync<Dictionary<string, JsonElement>>(utf8, AutoIntelJson.Options, cancellationToken)
                ?? throw new JsonException("A briefing must be a JSON object.");
        }
        catch (JsonException e) when (e.Path == "$")
        {
            throw new JsonException("A briefing must be a JSON object.", e);
        }

        // Properties the record does not have are the built-in sections; the others are written back and read as the record.
        var known = AutoIntelJson.Options.GetTypeInfo(typeof(Briefing)).Properties.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var sections = new List<BriefingSection>();
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var record = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = AutoIntelJson.Options.Encoder }))
        {
            record.WriteStartObject();
            foreach (var (key, value) in properties)
            {
                if (known.Contains(key))
                {
                    record.WritePropertyName(key);
                    value.WriteTo(record);
                    continue;
                }

                var (name, title) = section?.Invoke(key) ?? (key, key);
                sections.Add(new BriefingSection(name, title, value, string.Empty, [], key));
            }

            record.WriteEndObject();
        }

        var briefing = JsonSerializer.Deserialize<Briefing>(buffer.WrittenSpan, AutoIntelJson.Options) ?? throw new JsonException("A briefing must be a JSON object.");
        return briefing with { Sections = [.. sections, .. briefing.Sections ?? []] };
    }

    private static int Rank(string key) => Array.IndexOf(Order, key) is var i && i < 0 ? Order.Length : i;
}
