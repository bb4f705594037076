using AutoIntel.Core.Content;

namespace AutoIntel.Ingestion.Fetching;

/// <summary>A body fetched by <see cref="SafeHttpFetcher"/>.</summary>
/// <param name="FinalUrl">The URL after redirects.</param>
/// <param name="MediaType">The accepted media type without parameters (e.g. <c>text/html</c>).</param>
/// <param name="Charset">The charset parameter of Content-Type, when sent.</param>
/// <param name="Kind">What the media type makes the content.</param>
/// <param name="Bytes">The body, at most <see cref="FetchOptions.MaxBytesFor"/> its kind long.</param>
/// <param name="ContentLanguage">The <c>Content-Language</c> header, when it names exactly one language.</param>
public sealed record FetchedContent(Uri FinalUrl, string MediaType, string? Charset, ContentKind Kind, byte[] Bytes, string? ContentLanguage = null);
