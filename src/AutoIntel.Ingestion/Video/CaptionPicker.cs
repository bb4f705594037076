namespace AutoIntel.Ingestion.Video;

/// <summary>Chooses which caption track to read: uploaded subtitles before automatic captions, in the language that matches best.</summary>
public static class CaptionPicker
{
    /// <summary>The track to read, or null when the video has no captions at all.</summary>
    /// <param name="preferred">Languages to prefer after the video's own, best first; empty means English.</param>
    public static CaptionChoice? Pick(VideoMetadata video, IReadOnlyList<string> preferred)
    {
        ArgumentNullException.ThrowIfNull(video);
        ArgumentNullException.ThrowIfNull(preferred);
        List<string> wanted = [.. new[] { video.Language }.Concat(preferred.Count > 0 ? preferred : ["en"]).OfType<string>().Select(Primary).Distinct(StringComparer.OrdinalIgnoreCase)];

        if (Best(video.Subtitles, wanted, automatic: false) is { } uploaded)
        {
            return new CaptionChoice(uploaded, Automatic: false);
        }

        return Best(video.AutomaticCaptions, wanted, automatic: true) is { } automatic ? new CaptionChoice(automatic, Automatic: true) : null;
    }

    private static string? Best(IReadOnlyList<string> languages, List<string> wanted, bool automatic)
    {
        if (languages.Count == 0)
        {
            return null;
        }

        // Automatic captions are offered machine-translated into every language; "xx-orig" is the one heard in the video.
        IEnumerable<string> candidates = automatic && languages.Any(l => l.EndsWith("-orig", StringComparison.OrdinalIgnoreCase))
            ? languages.Where(l => l.EndsWith("-orig", StringComparison.OrdinalIgnoreCase))
            : languages;
        List<string> ordered = [.. candidates];
        foreach (string language in wanted)
        {
            if ((ordered.FirstOrDefault(l => string.Equals(l, language, StringComparison.OrdinalIgnoreCase))
                ?? ordered.FirstOrDefault(l => string.Equals(Primary(l), language, StringComparison.OrdinalIgnoreCase))) is { } match)
            {
                return match;
            }
        }

        // Nothing matches: a translation of automatic captions is worse than the original in any language; uploaded ones are the author's own.
        return ordered[0];
    }

    // "en-US" → "en", "en-orig" → "en", "pt_BR" → "pt".
    private static string Primary(string language) => language.Split('-', '_')[0];
}
