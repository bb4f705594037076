using System.Text.Json;

namespace AutoIntel.Ingestion.Video;

/// <summary>Reading the JSON yt-dlp prints (<c>--dump-single-json</c>): one object, refused about the link when it is anything else.</summary>
internal static class YtDlpJson
{
    /// <summary>The JSON's root object; <paramref name="what"/> names what yt-dlp was asked for ("description of the video").</summary>
    public static JsonElement Root(string json, string subject, string what, string missing)
    {
        JsonElement root;
        try
        {
            using JsonDocument document = JsonDocument.Parse(json);
            root = document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw new ContentRefusedException(subject, $"yt-dlp printed no readable {what}", null, ex);
        }

        return root.ValueKind == JsonValueKind.Object ? root : throw new ContentRefusedException(subject, $"yt-dlp found no {missing} at this link", null);
    }

    /// <summary>A non-empty string property, else null.</summary>
    public static string? String(JsonElement element, string property) =>
        element.TryGetProperty(property, out JsonElement value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;
}
