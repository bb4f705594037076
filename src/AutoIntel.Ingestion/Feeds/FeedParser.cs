using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using AutoIntel.Core.Text;

namespace AutoIntel.Ingestion.Feeds;

/// <summary>Reads an RSS 2.0 or Atom feed safely: no DTD, no external resolution, bounded size.</summary>
public static class FeedParser
{
    /// <summary>The Podcasting 2.0 namespace that holds <c>podcast:transcript</c>.</summary>
    public const string PodcastNamespace = "https://podcastindex.org/namespace/1.0";

    /// <summary>The most characters a feed may have (a year of daily episodes with long show notes is a few MB).</summary>
    public const int MaxCharacters = 32 * 1024 * 1024;

    /// <summary>The deepest element nesting read: a feed is four levels deep, XHTML show notes add a few dozen at most.</summary>
    public const int MaxDepth = 128;

    private const string Fix = "Check the link, or give the episode's audio or transcript link instead.";

    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private static readonly XNamespace ITunes = "http://www.itunes.com/dtds/podcast-1.0.dtd";

    // Some feeds write the namespace with http:; it names the same vocabulary.
    private static readonly XNamespace[] Podcast = [PodcastNamespace, "http://podcastindex.org/namespace/1.0"];

    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = MaxCharacters,
        MaxCharactersFromEntities = 1024,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
    };

    // RFC 822 zone names still common in pubDate.
    private static readonly Dictionary<string, string> Zones = new(StringComparer.OrdinalIgnoreCase)
    {
        ["GMT"] = "+00:00", ["UT"] = "+00:00", ["UTC"] = "+00:00", ["Z"] = "+00:00",
        ["EST"] = "-05:00", ["EDT"] = "-04:00", ["CST"] = "-06:00", ["CDT"] = "-05:00",
        ["MST"] = "-07:00", ["MDT"] = "-06:00", ["PST"] = "-08:00", ["PDT"] = "-07:00",
    };

    /// <summary>Whether a body labelled as text starts like a feed (<c>&lt;?xml</c>, <c>&lt;rss</c> or <c>&lt;feed</c>), for servers that send feeds as text/plain.</summary>
    public static bool LooksLikeFeed(ReadOnlySpan<byte> bytes)
    {
        ReadOnlySpan<byte> start = bytes.StartsWith("\uFEFF"u8) ? bytes[3..] : bytes;
        start = start.TrimStart(" \t\r\n"u8);
        return start.StartsWith("<?xml"u8) || start.StartsWith("<rss"u8) || start.StartsWith("<feed"u8);
    }

    /// <summary>Parses <paramref name="bytes"/>; anything that is not a well-formed RSS 2.0 or Atom feed throws <see cref="ContentRefusedException"/> about <paramref name="subject"/>.</summary>
    /// <param name="baseUrl">The feed's URL, against which relative links are resolved.</param>
    public static PodcastFeed Parse(byte[] bytes, Uri baseUrl, string subject)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        ArgumentNullException.ThrowIfNull(baseUrl);
        if (bytes.Length > MaxCharacters)
        {
            throw new ContentRefusedException(subject, $"the feed is larger than {MaxCharacters / (1024 * 1024)} MiB", null);
        }

        XElement root = Load(bytes, subject).Root!;
        if (root.Name == "rss")
        {
            XElement channel = root.Element("channel") ?? throw new ContentRefusedException(subject, "the RSS feed has no <channel>", Fix);
            return new PodcastFeed("RSS", Text(channel.Element("title")) ?? baseUrl.Host, [.. channel.Elements("item").Select((e, i) => RssItem(e, i, baseUrl))],
                LanguageTag.Primary(Text(channel.Element("language"))));
        }

        if (root.Name == Atom + "feed")
        {
            return new PodcastFeed("Atom", Text(root.Element(Atom + "title")) ?? baseUrl.Host, [.. root.Elements(Atom + "entry").Select((e, i) => AtomEntry(e, i, baseUrl))],
                LanguageTag.Primary(root.Attribute(XNamespace.Xml + "lang")?.Value));
        }

        throw new ContentRefusedException(subject, $"it is XML but not an RSS 2.0 or Atom feed (the root element is <{root.Name.LocalName}>)", Fix);
    }

    private static XDocument Load(byte[] bytes, string subject)
    {
        try
        {
            EnsureShallow(bytes, subject);
            using var stream = new MemoryStream(bytes, writable: false);
            using var reader = XmlReader.Create(stream, Settings);
            return XDocument.Load(reader);
        }
        catch (XmlException ex) when (bytes.AsSpan().IndexOf("<!DOCTYPE"u8) >= 0)
        {
            // The reader's own message suggests enabling DTD processing, which is exactly what must not happen.
            throw new ContentRefusedException(subject, "the feed declares a DTD (<!DOCTYPE …>), which AutoIntel does not process", Fix, ex);
        }
        catch (XmlException ex)
        {
            throw new ContentRefusedException(subject, $"the feed is not well-formed XML (line {ex.LineNumber}, position {ex.LinePosition})", Fix, ex);
        }
    }

    // A feed of a million nested elements kept Parse busy for over two minutes; one forward-only pass of the reader
    // (linear, nothing kept) refuses such nesting before a tree is built.
    private static void EnsureShallow(byte[] bytes, string subject)
    {
        using var stream = new MemoryStream(bytes, writable: false);
        using var reader = XmlReader.Create(stream, Settings);
        while (reader.Read())
        {
            if (reader.Depth > MaxDepth)
            {
                throw new ContentRefusedException(subject, $"the feed nests XML elements more than {MaxDepth} deep", Fix);
            }
        }
    }

    private static FeedItem RssItem(XElement item, int position, Uri baseUrl) => new(
        position,
        Text(item.Element("title")) ?? Text(item.Element(ITunes + "title")) ?? $"Untitled episode {position + 1}",
        Text(item.Element("guid")),
        ParseRfc822(Text(item.Element("pubDate"))),
        Transcripts(item, baseUrl),
        [.. item.Elements("enclosure").Select(e => Link(baseUrl, e.Attribute("url")?.Value, e.Attribute("type")?.Value)).OfType<FeedLink>()],
        Link(baseUrl, Text(item.Element("link")), null)?.Url);

    private static FeedItem AtomEntry(XElement entry, int position, Uri baseUrl) => new(
        position,
        Text(entry.Element(Atom + "title")) ?? $"Untitled episode {position + 1}",
        Text(entry.Element(Atom + "id")),
        ParseIso(Text(entry.Element(Atom + "published"))) ?? ParseIso(Text(entry.Element(Atom + "updated"))),
        Transcripts(entry, baseUrl),
        [.. entry.Elements(Atom + "link")
            .Where(l => string.Equals(l.Attribute("rel")?.Value, "enclosure", StringComparison.OrdinalIgnoreCase))
            .Select(l => Link(baseUrl, l.Attribute("href")?.Value, l.Attribute("type")?.Value))
            .OfType<FeedLink>()],
        entry.Elements(Atom + "link")
            .Where(l => l.Attribute("rel")?.Value is null or "alternate")
            .Select(l => Link(baseUrl, l.Attribute("href")?.Value, null)?.Url)
            .FirstOrDefault(u => u is not null));

    private static List<FeedLink> Transcripts(XElement item, Uri baseUrl) =>
        [.. Podcast.SelectMany(ns => item.Elements(ns + "transcript"))
            .Select(t => Link(baseUrl, t.Attribute("url")?.Value, t.Attribute("type")?.Value) is { } link ? link with { Language = LanguageTag.Primary(t.Attribute("language")?.Value) } : null)
            .OfType<FeedLink>()];

    private static FeedLink? Link(Uri baseUrl, string? url, string? type) =>
        !string.IsNullOrWhiteSpace(url) && Uri.TryCreate(baseUrl, url.Trim(), out Uri? resolved)
            ? new FeedLink(resolved, string.IsNullOrWhiteSpace(type) ? null : ContentTypes.BaseMediaType(type))
            : null;

    private static string? Text(XElement? element)
    {
        string? text = element?.Value.Trim();
        return string.IsNullOrEmpty(text) ? null : string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>Reads an RFC 822 date as feeds write it ("Tue, 10 Jun 2003 04:00:00 GMT", "+0100", "EST"), or null.</summary>
    public static DateTimeOffset? ParseRfc822(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        string text = value.Trim();
        int comma = text.IndexOf(',', StringComparison.Ordinal);
        if (comma >= 0)
        {
            text = text[(comma + 1)..].Trim();
        }

        string[] parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length >= 5)
        {
            string zone = parts[^1];
            if (Zones.TryGetValue(zone, out string? offset))
            {
                parts[^1] = offset;
            }
            else if (zone.Length == 5 && (zone[0] is '+' or '-') && zone[1..].All(char.IsAsciiDigit))
            {
                parts[^1] = $"{zone[..3]}:{zone[3..]}";
            }

            text = string.Join(' ', parts);
        }

        string[] formats = ["d MMM yyyy HH:mm:ss zzz", "d MMM yyyy HH:mm zzz", "d MMM yy HH:mm:ss zzz", "d MMM yy HH:mm zzz"];
        return DateTimeOffset.TryParseExact(text, formats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out DateTimeOffset exact)
            ? exact
            : ParseIso(value);
    }

    private static DateTimeOffset? ParseIso(string? value) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset parsed) ? parsed : null;
}
