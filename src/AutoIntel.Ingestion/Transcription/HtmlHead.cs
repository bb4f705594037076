namespace AutoIntel.Ingestion.Transcription;

/// <summary>What a page says about itself before its text: its title and the language it declares.</summary>
/// <param name="Title">og:title, else &lt;title&gt;, else the first &lt;h1&gt;; null when the page has none.</param>
/// <param name="Language">The primary language of <c>&lt;html lang&gt;</c> (or <c>xml:lang</c>), else of <c>&lt;meta http-equiv="Content-Language"&gt;</c>; null when neither names one.</param>
/// <param name="Locale">The primary language of <c>og:locale</c> (<c>de_DE</c> → <c>de</c>), which describes the page for sharing rather than its text.</param>
public sealed record HtmlHead(string? Title, string? Language, string? Locale);
