using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using AutoIntel.Core.Text;

namespace AutoIntel.Ingestion.Transcription;

/// <summary>Extracts an article's readable text from HTML: chrome and scripts dropped, the main content preferred, one block per paragraph.</summary>
/// <remarks>
/// Parsing is bounded: a page nesting elements deeper than <see cref="MaxDepth"/>, or with more than <see cref="MaxElements"/>,
/// is refused with a <see cref="FormatException"/>,
/// and the token is checked at every parser token, so a hostile page cannot keep a core busy past its caller's deadline.
/// Each block ends a sentence (a "." is added to headings and list items that lack one), because downstream text is
/// joined into running prose. Bylines and datelines are dropped, and so is a heading that repeats the title.
/// </remarks>
public static partial class HtmlTextExtractor
{
    /// <summary>The deepest element nesting read; real pages stay far below it (browsers stop nesting at 512 as well).</summary>
    public const int MaxDepth = 512;

    /// <summary>The most elements read: a long article has a few thousand, a huge reference page tens of thousands.</summary>
    /// <remarks>AngleSharp keeps ~400 bytes per element, so this also bounds memory (an 18 MiB page of empty &lt;div&gt;s
    /// is 1.7 million elements and 700 MB).</remarks>
    public const int MaxElements = 250_000;

    private const string Chrome = "script, style, noscript, template, nav, header, footer, aside, iframe, object, embed, svg, canvas, "
        + "button, select, input, textarea, dialog, [hidden], [aria-hidden='true'], "
        + "[role='navigation'], [role='banner'], [role='contentinfo'], [role='complementary']";

    private static readonly HashSet<string> BlockElements = new(StringComparer.Ordinal)
    {
        "p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd",
        "blockquote", "pre", "figure", "figcaption", "table", "tr", "td", "th", "caption", "address", "details", "summary",
        "hr", "center", "body", "br",
    };

    // Marked-up bylines and datelines: metadata about the article, not its prose.
    private const string Credits = "address, [rel~='author'], [itemprop~='author'], [itemprop~='datePublished'], [itemprop~='dateModified'], "
        + "[class*='byline'], [class*='dateline'], [class*='author'], [class*='timestamp'], [class*='published'], [class*='posted-on']";

    // Marks a speaker label in the buffer until its block is flushed (a control character, which no page text keeps after parsing).
    private const char LabelMark = '\u0001';

    // Longer than this, an element marked as a speaker is more likely a turn's text than its label.
    private const int MaxSpeakerWords = 6;

    // Longer than this, a "credit" element is more likely a wrapper around real content than a byline.
    private const int MaxCreditWords = 30;

    // <time> is a block of its own unless it sits inside running text.
    private static readonly HashSet<string> InlineContainers = new(StringComparer.Ordinal)
    {
        "p", "li", "span", "a", "em", "strong", "b", "i", "q", "cite", "small", "td", "th", "dd", "dt", "blockquote", "figcaption",
        "h1", "h2", "h3", "h4", "h5", "h6", "label", "caption",
    };

    /// <summary>The page title: og:title, else &lt;title&gt;, else the first &lt;h1&gt;, or null.</summary>
    /// <exception cref="FormatException">The page nests elements deeper than <see cref="MaxDepth"/> or has more than <see cref="MaxElements"/>.</exception>
    public static string? ReadTitle(string html, CancellationToken cancellationToken = default)
    {
        using IHtmlDocument document = Parse(html, cancellationToken);
        return TitleOf(document);
    }

    /// <summary>The page title and the language the page declares (<see cref="HtmlHead"/>).</summary>
    /// <exception cref="FormatException">The page nests elements deeper than <see cref="MaxDepth"/> or has more than <see cref="MaxElements"/>.</exception>
    public static HtmlHead ReadHead(string html, CancellationToken cancellationToken = default)
    {
        using IHtmlDocument document = Parse(html, cancellationToken);
        IElement? root = document.DocumentElement;
        string? declared = LanguageTag.Primary(root?.GetAttribute("lang")) ?? LanguageTag.Primary(root?.GetAttribute("xml:lang"))
            ?? document.QuerySelectorAll("meta[http-equiv]")
                .Where(m => string.Equals(m.GetAttribute("http-equiv")?.Trim(), "Content-Language", StringComparison.OrdinalIgnoreCase))
                .Select(m => LanguageTag.Primary(m.GetAttribute("content")))
                .FirstOrDefault(l => l is not null);
        string? locale = LanguageTag.Primary(document.QuerySelector("meta[property='og:locale']")?.GetAttribute("content"));
        return new HtmlHead(TitleOf(document), declared, locale);
    }

    /// <summary>Parses <paramref name="html"/> and returns its title and readable blocks.</summary>
    /// <exception cref="FormatException">The page nests elements deeper than <see cref="MaxDepth"/> or has more than <see cref="MaxElements"/>.</exception>
    public static HtmlText Extract(string html, CancellationToken cancellationToken = default)
    {
        using IHtmlDocument document = Parse(html, cancellationToken);
        string? title = TitleOf(document);

        foreach (IElement element in document.QuerySelectorAll(Chrome).ToList())
        {
            element.Remove();
        }

        // Some sites wrap the whole page in one form; drop only forms that are not the page itself.
        foreach (IElement form in document.QuerySelectorAll("form").Where(f => f.QuerySelector("article, main") is null).ToList())
        {
            form.Remove();
        }

        foreach (IElement credit in document.QuerySelectorAll(Credits).Where(c => WordCount(c.TextContent) <= MaxCreditWords).ToList())
        {
            credit.Remove();
        }

        IElement? root = ChooseRoot(document);
        var blocks = new List<string>();
        if (root is not null)
        {
            var buffer = new StringBuilder();
            Walk(root, buffer, blocks);
            Flush(buffer, blocks);
        }

        blocks.RemoveAll(IsCredit);
        if (title is not null)
        {
            int repeated = blocks.FindIndex(b => string.Equals(b.TrimEnd('.'), title.TrimEnd('.'), StringComparison.OrdinalIgnoreCase));
            if (repeated >= 0 && repeated < 3)
            {
                blocks.RemoveAt(repeated);
            }
        }

        return new HtmlText(title, [.. blocks.Select(EndSentence)]);
    }

    // AngleSharp caps the tree's depth but not its stack of open elements, and every start tag scans that stack, so
    // deep nesting costs time quadratic in the page's size (128,000 nested <div>s: two minutes). Refusing once the tree
    // reaches MaxDepth keeps each token's work bounded; the token check bounds the total. An element is attached to the
    // tree only after OnCreated reports it, so each call measures the element created before it.
    private static IHtmlDocument Parse(string html, CancellationToken cancellationToken)
    {
        IElement? previous = null;
        int elements = 0;
        var options = new HtmlParserOptions
        {
            MaximumDepth = int.MaxValue,
            OnToken = (_, _) => cancellationToken.ThrowIfCancellationRequested(),
            OnCreated = (element, _) =>
            {
                if (++elements > MaxElements)
                {
                    throw new FormatException($"it has more than {MaxElements:N0} HTML elements");
                }

                EnsureShallow(previous);
                previous = element;
            },
        };

        IHtmlDocument document = new HtmlParser(options).ParseDocument(html);
        try
        {
            EnsureShallow(previous);
            return document;
        }
        catch (FormatException)
        {
            document.Dispose();
            throw;
        }
    }

    private static void EnsureShallow(IElement? element)
    {
        int depth = 0;
        for (IElement? ancestor = element; ancestor is not null; ancestor = ancestor.ParentElement)
        {
            if (++depth > MaxDepth)
            {
                throw new FormatException($"it nests HTML elements more than {MaxDepth} deep");
            }
        }
    }

    // An unmarked byline ("By Ruth Adeyemi, Economics Correspondent") or dateline ("Updated 21 February 2023, 10:04").
    private static bool IsCredit(string block) =>
        WordCount(block) <= MaxCreditWords / 2 && !EndsSentence(block) && (Byline().IsMatch(block) || Dateline().IsMatch(block));

    private static string EndSentence(string block) =>
        EndsSentence(block) || block.EndsWith(':') ? block : block.TrimEnd(',', ';', ' ') + ".";

    private static bool EndsSentence(string block) => SentenceEnd().IsMatch(block);

    private static int WordCount(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;

    private static IElement? ChooseRoot(IHtmlDocument document)
    {
        List<IElement> articles = document.QuerySelectorAll("article").ToList();
        if (articles.Count == 1)
        {
            return articles[0];
        }

        return document.QuerySelector("main")
            ?? document.QuerySelector("[role='main']")
            ?? articles.MaxBy(a => a.TextContent.Length)
            ?? document.Body
            ?? document.DocumentElement;
    }

    private static void Walk(INode node, StringBuilder buffer, List<string> blocks)
    {
        foreach (INode child in node.ChildNodes)
        {
            if (child is IText text)
            {
                buffer.Append(text.Data);
            }
            else if (child is IElement element)
            {
                // A transcript page's speaker markup becomes the "Name: " label the transcript reader understands.
                string? speaker = SpeakerLabel(element);
                string label = speaker is null ? string.Empty : $" {LabelMark}{speaker}: ";
                if (speaker is not null && !element.HasAttribute("data-speaker"))
                {
                    buffer.Append(label);
                }
                else if (BlockElements.Contains(element.LocalName)
                    || (element.LocalName == "time" && !InlineContainers.Contains(element.ParentElement?.LocalName ?? string.Empty)))
                {
                    Flush(buffer, blocks);
                    buffer.Append(label);
                    Walk(element, buffer, blocks);
                    Flush(buffer, blocks);
                }
                else
                {
                    buffer.Append(label);
                    Walk(element, buffer, blocks);
                }
            }
        }
    }

    // <span class="speaker">Jane Doe</span> (any class naming a speaker) or <p data-speaker="Jane Doe">: short, so a wrapper
    // around a whole turn ("speaker-turn") is not taken for its label.
    private static string? SpeakerLabel(IElement element)
    {
        string? name = element.GetAttribute("data-speaker");
        if (name is null && element.ClassList.Any(c => c.Contains("speaker", StringComparison.OrdinalIgnoreCase)) && !element.Children.Any(c => BlockElements.Contains(c.LocalName)))
        {
            name = element.TextContent;
        }

        name = name is null ? null : Normalize(name).TrimEnd(':', ' ');
        return string.IsNullOrEmpty(name) || WordCount(name) > MaxSpeakerWords ? null : name;
    }

    private static void Flush(StringBuilder buffer, List<string> blocks)
    {
        string text = Normalize(buffer.ToString());

        // A label in a block of its own (<div class="speaker">Jane</div><p>…</p>) opens the block that follows.
        if (text.Length > 0 && text[0] == LabelMark && text.IndexOf(':', StringComparison.Ordinal) == text.Length - 1)
        {
            return;
        }

        text = text.Replace(LabelMark.ToString(), string.Empty, StringComparison.Ordinal);
        if (text.Length > 0)
        {
            blocks.Add(text);
        }

        buffer.Clear();
    }

    private static string? TitleOf(IHtmlDocument document)
    {
        string? title = document.QuerySelector("meta[property='og:title']")?.GetAttribute("content");
        if (string.IsNullOrWhiteSpace(title))
        {
            title = document.Title;
        }

        string? heading = document.QuerySelector("h1")?.TextContent is { } h1 ? Normalize(h1) : null;
        if (string.IsNullOrWhiteSpace(title))
        {
            title = heading;
        }

        if (string.IsNullOrWhiteSpace(title))
        {
            return null;
        }

        // "Headline | Site name": the page's own headline is the better title.
        title = Normalize(title);
        return !string.IsNullOrEmpty(heading) && title.Length > heading.Length
            && title.StartsWith(heading, StringComparison.OrdinalIgnoreCase) && SiteSuffix().IsMatch(title[heading.Length..])
            ? heading
            : title;
    }

    private static string Normalize(string text) => Whitespace().Replace(text.Replace('\u00A0', ' '), " ").Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"[.!?\u2026][""'\u201D\u2019)\]]*$")]
    private static partial Regex SentenceEnd();

    [GeneratedRegex(@"^\s*[|\u2013\u2014\u00B7:-]\s+\S")]
    private static partial Regex SiteSuffix();

    [GeneratedRegex(@"^(?:By|Words by|Written by|Reporting by)\s+\p{Lu}", RegexOptions.CultureInvariant)]
    private static partial Regex Byline();

    [GeneratedRegex(@"^(?:(?:Published|Updated|Posted|Last updated|First published)(?:\s+on)?:?\s+)?(?:\p{L}+,?\s+)?(?:\d{1,2}(?:st|nd|rd|th)?\s+\p{Lu}\p{Ll}+\.?,?\s+\d{4}|\p{Lu}\p{Ll}+\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4})(?:[,\s]+(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+\p{Lu}{2,5})?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Dateline();
}
