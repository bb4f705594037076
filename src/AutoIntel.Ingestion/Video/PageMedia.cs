using System.Text.RegularExpressions;

namespace AutoIntel.Ingestion.Video;

/// <summary>Tells an HTML page that carries its own video or audio (an HTML5 media element, or a schema.org VideoObject) from an article.</summary>
public static partial class PageMedia
{
    /// <summary>Whether <paramref name="html"/> has a <c>&lt;video&gt;</c> or <c>&lt;audio&gt;</c> element or a JSON-LD VideoObject.</summary>
    public static bool HasMedia(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        return MediaElement().IsMatch(html) || VideoObject().IsMatch(html);
    }

    [GeneratedRegex(@"<(video|audio)[\s>]", RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 2000)]
    private static partial Regex MediaElement();

    [GeneratedRegex(@"""@type""\s*:\s*""VideoObject""", RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 2000)]
    private static partial Regex VideoObject();
}
