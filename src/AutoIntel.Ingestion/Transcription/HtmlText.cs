namespace AutoIntel.Ingestion.Transcription;

/// <summary>The readable part of an HTML page.</summary>
/// <param name="Title">og:title, else &lt;title&gt;, else the first &lt;h1&gt;; null when the page has none.</param>
/// <param name="Blocks">Text of each block element, in document order, whitespace collapsed.</param>
public sealed record HtmlText(string? Title, IReadOnlyList<string> Blocks);
