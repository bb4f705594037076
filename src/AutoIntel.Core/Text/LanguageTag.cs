namespace AutoIntel.Core.Text;

/// <summary>Reads the language a source declares (<c>lang</c> attributes, <c>Content-Language</c>, <c>og:locale</c>, feed
/// <c>&lt;language&gt;</c>, a transcription endpoint's language name) as the primary ISO 639 code that wikis and the Fact Check API are keyed by.</summary>
public static class LanguageTag
{
    // Deprecated or alternative codes whose wiki lives under another name (nb.wikipedia.org redirects to no., and redirects are not followed).
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.Ordinal)
    {
        ["nb"] = "no", ["iw"] = "he", ["in"] = "id", ["ji"] = "yi", ["jw"] = "jv",
    };

    /// <summary>The primary language of a tag (<c>en-US</c>, <c>pt_BR</c>, <c>zh-Hans</c>, <c>DE</c> → <c>en</c>, <c>pt</c>, <c>zh</c>, <c>de</c>),
    /// or null when it names no single language (<c>und</c>, <c>mul</c>, <c>zxx</c>, private use, a list such as <c>de, en</c>, empty).</summary>
    public static string? Primary(string? tag)
    {
        string trimmed = tag?.Trim().Trim('"') ?? string.Empty;
        if (trimmed.Length == 0 || trimmed.Contains(',', StringComparison.Ordinal))
        {
            return null;
        }

        string primary = trimmed.Split('-', '_')[0].ToLowerInvariant();
        if (primary.Length is not (2 or 3) || !primary.All(char.IsAsciiLetterLower) || primary is "und" or "mul" or "zxx" or "mis")
        {
            return null;
        }

        return Aliases.GetValueOrDefault(primary, primary);
    }

    /// <summary>Whether <paramref name="code"/> is a primary language code AutoIntel knows (detected, or named by transcription endpoints).</summary>
    public static bool IsKnown(string? code) => code is not null && (LanguageProfiles.StopWords.ContainsKey(code) || LanguageProfiles.ByName.Values.Contains(code));

    /// <summary>The language a file name carries before its extension, as subtitle files are named (<c>talk.de.vtt</c>, <c>talk.pt-BR.srt</c>);
    /// null when the part before the extension is not a known language (<c>ep.12.vtt</c>, <c>final.vtt</c>).</summary>
    public static string? FromFileName(string? name)
    {
        string stem = Path.GetFileNameWithoutExtension(name ?? string.Empty);
        string last = Path.GetExtension(stem).TrimStart('.');
        string? code = last.Length is >= 2 and <= 8 ? Primary(last) : null;
        return IsKnown(code) ? code : null;
    }

    /// <summary>A language given by its English name, as Whisper's <c>verbose_json</c> reports it (<c>german</c> → <c>de</c>), or by a tag; null when unknown.</summary>
    public static string? FromName(string? name)
    {
        string trimmed = name?.Trim().ToLowerInvariant() ?? string.Empty;
        return LanguageProfiles.ByName.TryGetValue(trimmed, out string? code) ? code : Primary(trimmed);
    }
}
