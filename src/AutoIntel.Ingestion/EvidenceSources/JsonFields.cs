using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace AutoIntel.Ingestion.EvidenceSources;

/// <summary>Lenient reads of API answers: a missing or mistyped field is null or empty, never an exception.</summary>
internal static partial class JsonFields
{
    /// <summary>The string property <paramref name="name"/>, trimmed; null when absent, not a string, or blank.</summary>
    public static string? Text(this JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out JsonElement p) && p.ValueKind == JsonValueKind.String && p.GetString() is { } s && !string.IsNullOrWhiteSpace(s)
            ? s.Trim()
            : null;

    /// <summary>The object property <paramref name="name"/>, or an undefined element.</summary>
    public static JsonElement Child(this JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out JsonElement p) ? p : default;

    /// <summary>The items of the array property <paramref name="name"/>; none when it is absent or not an array.</summary>
    public static IEnumerable<JsonElement> Items(this JsonElement e, string name) =>
        e.Child(name) is { ValueKind: JsonValueKind.Array } array ? array.EnumerateArray() : [];

    /// <summary>An absolute http(s) link, or null.</summary>
    public static string? Link(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out Uri? u) && (u.Scheme == Uri.UriSchemeHttp || u.Scheme == Uri.UriSchemeHttps) ? u.AbsoluteUri : null;

    /// <summary>Text with HTML tags (search-hit highlighting) removed and entities decoded.</summary>
    public static string PlainText(string html) =>
        string.Join(' ', WebUtility.HtmlDecode(Tag().Replace(html, string.Empty)).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>At most <paramref name="maxChars"/> characters, cut at a word with an ellipsis.</summary>
    public static string Clip(string text, int maxChars = 400)
    {
        if (text.Length <= maxChars)
        {
            return text;
        }

        int cut = text.LastIndexOf(' ', maxChars - 1);
        return string.Concat(text.AsSpan(0, cut > maxChars / 2 ? cut : maxChars - 1).TrimEnd(), "…");
    }

    /// <summary>The host of a link without <c>www.</c>, as a publisher name of last resort.</summary>
    public static string? HostOf(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out Uri? u) ? (u.Host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? u.Host[4..] : u.Host) : null;

    [GeneratedRegex("<[^>]*>", RegexOptions.CultureInvariant)]
    private static partial Regex Tag();
}
