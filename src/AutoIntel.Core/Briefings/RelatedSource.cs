using System.Text.Json;
using System.Text.Json.Serialization;

namespace AutoIntel.Core.Briefings;

/// <summary>An earlier source related to this run, and how strongly.</summary>
/// <param name="Similarity">Overlap of the two runs' entities (Jaccard, 0 … 1); 0 when an older history or briefing recorded no score.</param>
[JsonConverter(typeof(RelatedSourceConverter))]
public sealed record RelatedSource(string Source, double Similarity);

/// <summary>Reads a related source as written now (<c>{"source":…,"similarity":…}</c>) and as briefings before the score wrote it
/// (the source's name alone), so <c>list</c>, <c>report</c> and feedback still read those briefings.</summary>
public sealed class RelatedSourceConverter : JsonConverter<RelatedSource>
{
    /// <inheritdoc />
    public override RelatedSource Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return new RelatedSource(reader.GetString()!, 0);
        }

        using JsonDocument document = JsonDocument.ParseValue(ref reader);
        JsonElement root = document.RootElement;
        return new RelatedSource(
            Property(root, nameof(RelatedSource.Source), options)?.GetString() ?? throw new JsonException("A related source has no source."),
            Property(root, nameof(RelatedSource.Similarity), options)?.GetDouble() ?? 0);
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, RelatedSource value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartObject();
        writer.WriteString(Name(nameof(RelatedSource.Source), options), value.Source);
        writer.WriteNumber(Name(nameof(RelatedSource.Similarity), options), value.Similarity);
        writer.WriteEndObject();
    }

    private static string Name(string property, JsonSerializerOptions options) => options.PropertyNamingPolicy?.ConvertName(property) ?? property;

    private static JsonElement? Property(JsonElement root, string property, JsonSerializerOptions options) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(Name(property, options), out JsonElement value) && value.ValueKind != JsonValueKind.Null ? value : null;
}
