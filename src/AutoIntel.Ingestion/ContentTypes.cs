using AutoIntel.Core.Content;

namespace AutoIntel.Ingestion;

/// <summary>Which media types and file extensions are accepted, what kind of content each is, and how it is stored.</summary>
public static class ContentTypes
{
    /// <summary>A human list of what is accepted, for error messages.</summary>
    public const string AcceptedSummary = "HTML, plain text, Markdown, SRT/WebVTT subtitles, audio and RSS/Atom podcast feeds";

    private static readonly Dictionary<string, (ContentKind Kind, string MediaType)> ByExtension = new(StringComparer.OrdinalIgnoreCase)
    {
        [".txt"] = (ContentKind.PlainText, "text/plain"),
        [".md"] = (ContentKind.Markdown, "text/markdown"),
        [".markdown"] = (ContentKind.Markdown, "text/markdown"),
        [".srt"] = (ContentKind.Subtitles, "application/x-subrip"),
        [".vtt"] = (ContentKind.Subtitles, "text/vtt"),
        [".html"] = (ContentKind.Article, "text/html"),
        [".htm"] = (ContentKind.Article, "text/html"),
        [".mp3"] = (ContentKind.Audio, "audio/mpeg"),
        [".mpga"] = (ContentKind.Audio, "audio/mpeg"),
        [".m4a"] = (ContentKind.Audio, "audio/mp4"),
        [".mp4"] = (ContentKind.Audio, "audio/mp4"),
        [".wav"] = (ContentKind.Audio, "audio/wav"),
        [".ogg"] = (ContentKind.Audio, "audio/ogg"),
        [".oga"] = (ContentKind.Audio, "audio/ogg"),
        [".opus"] = (ContentKind.Audio, "audio/opus"),
        [".flac"] = (ContentKind.Audio, "audio/flac"),
        [".webm"] = (ContentKind.Audio, "audio/webm"),
        [".aac"] = (ContentKind.Audio, "audio/aac"),
    };

    private static readonly Dictionary<string, string> AudioExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ["audio/mpeg"] = "mp3",
        ["audio/mp3"] = "mp3",
        ["audio/mp4"] = "m4a",
        ["audio/x-m4a"] = "m4a",
        ["audio/m4a"] = "m4a",
        ["audio/wav"] = "wav",
        ["audio/x-wav"] = "wav",
        ["audio/wave"] = "wav",
        ["audio/ogg"] = "ogg",
        ["audio/opus"] = "opus",
        ["audio/flac"] = "flac",
        ["audio/x-flac"] = "flac",
        ["audio/webm"] = "webm",
        ["audio/aac"] = "aac",
    };

    /// <summary>The accepted local file extensions, for error messages.</summary>
    public static string AcceptedExtensions => string.Join(' ', ByExtension.Keys);

    /// <summary>Kind and media type of a local file extension (with the dot), or null when not accepted.</summary>
    public static (ContentKind Kind, string MediaType)? ForExtension(string extension) =>
        ByExtension.TryGetValue(extension, out var found) ? found : null;

    /// <summary>Kind and effective media type of a fetched body, or null when the type is not accepted.</summary>
    /// <remarks>Servers often label subtitles and Markdown text/plain, so the URL's extension refines text/plain.</remarks>
    public static (ContentKind Kind, string MediaType)? ForMediaType(string mediaType, Uri url)
    {
        ArgumentNullException.ThrowIfNull(mediaType);
        ArgumentNullException.ThrowIfNull(url);
        switch (mediaType.ToLowerInvariant())
        {
            case "text/html":
            case "application/xhtml+xml":
                return (ContentKind.Article, "text/html");
            case "text/markdown":
            case "text/x-markdown":
                return (ContentKind.Markdown, "text/markdown");
            case "text/vtt":
                return (ContentKind.Subtitles, "text/vtt");
            case "application/x-subrip":
            case "text/srt":
            case "application/srt":
                return (ContentKind.Subtitles, "application/x-subrip");
            case "text/plain":
                return ForExtension(Path.GetExtension(url.AbsolutePath)) is { Kind: not ContentKind.Audio and not ContentKind.Article } refined
                    ? refined
                    : (ContentKind.PlainText, "text/plain");
            case string audio when audio.StartsWith("audio/", StringComparison.Ordinal):
                return (ContentKind.Audio, audio);
            case "application/rss+xml":
            case "application/x-rss+xml":
            case "application/atom+xml":
            case "application/xml":
            case "text/xml":
                // Generic XML is accepted as a possible feed; anything that is not RSS 2.0 or Atom is refused once parsed.
                return (ContentKind.Feed, mediaType.ToLowerInvariant());
            default:
                return null;
        }
    }

    /// <summary>The file extension (without the dot) an artifact of this kind and media type is stored under.</summary>
    public static string StorageExtension(ContentKind kind, string mediaType) => kind switch
    {
        ContentKind.Article => "html",
        ContentKind.Markdown => "md",
        ContentKind.Subtitles => BaseMediaType(mediaType) == "text/vtt" ? "vtt" : "srt",
        ContentKind.Feed => "xml",
        ContentKind.Audio => AudioExtensions.TryGetValue(BaseMediaType(mediaType), out string? ext) ? ext : "audio",
        _ => "txt",
    };

    /// <summary>Whether content of this kind is text (and so must not contain NUL bytes).</summary>
    public static bool IsText(ContentKind kind) => kind != ContentKind.Audio;

    /// <summary>The media type without parameters, lower-cased.</summary>
    public static string BaseMediaType(string mediaType)
    {
        ArgumentNullException.ThrowIfNull(mediaType);
        int semicolon = mediaType.IndexOf(';', StringComparison.Ordinal);
        return (semicolon < 0 ? mediaType : mediaType[..semicolon]).Trim().ToLowerInvariant();
    }

    /// <summary>The charset parameter of a media type, or null.</summary>
    public static string? Charset(string mediaType)
    {
        ArgumentNullException.ThrowIfNull(mediaType);
        foreach (string part in mediaType.Split(';').Skip(1))
        {
            string[] pair = part.Split('=', 2, StringSplitOptions.TrimEntries);
            if (pair.Length == 2 && pair[0].Equals("charset", StringComparison.OrdinalIgnoreCase) && pair[1].Trim('"').Length > 0)
            {
                return pair[1].Trim('"');
            }
        }

        return null;
    }
}
