using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace AutoIntel.Ingestion.Transcription;

/// <summary>Extracts an article's readable text from HTML: chrome and scripts dropped, the main content preferred, one block per paragraph.</summary>
public static partial class HtmlTextExtractor
{
    private const string Chrome = "script, style, noscript, template, nav, header, footer, aside, iframe, object, embed, svg, canvas, "
        + "button, select, input, textarea, dialog, [hidden], [aria-hidden='true'], "
        + "[role='navigation'], [role='banner'], [role='contentinfo'], [role='complementary']";

    private static readonly HashSet<string> BlockElements = new(StringComparer.Ordinal)
    {
        "p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd",
        "blockquote", "pre", "figure", "figcaption", "table", "tr", "td", "th", "caption", "address", "details", "summary",
        "hr", "center", "body", "br",
    };

    /// <summary>The page title: og:title, else &lt;title&gt;, else the first &lt;h1&gt;, or null.</summary>
    public static string? ReadTitle(string html)
    {
        using IHtmlDocument document = new HtmlParser().ParseDocument(html);
        return TitleOf(document);
    }

    /// <summary>Parses <paramref name="html"/> and returns its title and readable blocks.</summary>
    public static HtmlText Extract(string html)
    {
        using IHtmlDocument document = new HtmlParser().ParseDocument(html);
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

        IElement? root = ChooseRoot(document);
        var blocks = new List<string>();
        if (root is not null)
        {
            var buffer = new StringBuilder();
            Walk(root, buffer, blocks);
            Flush(buffer, blocks);
        }

        return new HtmlText(title, blocks);
    }

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
                if (BlockElements.Contains(element.LocalName))
                {
                    Flush(buffer, blocks);
                    Walk(element, buffer, blocks);
                    Flush(buffer, blocks);
                }
                else
                {
                    Walk(element, buffer, blocks);
                }
            }
        }
    }

    private static void Flush(StringBuilder buffer, List<string> blocks)
    {
        string text = Normalize(buffer.ToString());
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

        if (string.IsNullOrWhiteSpace(title))
        {
            title = document.QuerySelector("h1")?.TextContent;
        }

        return string.IsNullOrWhiteSpace(title) ? null : Normalize(title);
    }

    private static string Normalize(string text) => Whitespace().Replace(text.Replace('\u00A0', ' '), " ").Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
