using System.Text;
using AutoIntel.Core.Text;

namespace AutoIntel.Core.Briefings;

/// <summary>Escapes user-supplied text so it renders literally inside Markdown.</summary>
public static class MarkdownText
{
    /// <summary>Text for inline use: newlines collapsed, control characters dropped and Markdown control characters backslash-escaped.</summary>
    public static string Inline(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return string.Empty;
        }

        var builder = new StringBuilder(text.Length + 8);
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                space = builder.Length > 0;
                continue;
            }

            if (ControlCharacters.IsUnsafe(c))
            {
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            if (c is '\\' or '`' or '*' or '_' or '[' or ']' or '<' or '>' or '|' or '~' or '#')
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    /// <summary>Text that starts a line: as <see cref="Inline"/>, and a leading list or heading marker is escaped too.</summary>
    public static string Block(string? text)
    {
        var inline = Inline(text);
        if (inline.Length > 0 && inline[0] is '-' or '+' or '=')
        {
            return "\\" + inline;
        }

        // "1. Text" at the start of a line would become an ordered list.
        var digits = 0;
        while (digits < inline.Length && char.IsDigit(inline[digits]))
        {
            digits++;
        }

        return digits > 0 && digits < inline.Length && inline[digits] is '.' or ')'
            ? string.Concat(inline.AsSpan(0, digits), "\\", inline.AsSpan(digits))
            : inline;
    }

    /// <summary>A link to a source: an autolink for a plain http(s) URL, escaped text otherwise.</summary>
    public static string Link(string? source)
    {
        if (Uri.TryCreate(source, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            && !source.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '<' or '>'))
        {
            return "<" + source + ">";
        }

        return Inline(source);
    }

    /// <summary>Shortens text to at most <paramref name="maxChars"/> characters, ending with an ellipsis when cut.</summary>
    public static string Truncate(string text, int maxChars)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length <= maxChars)
        {
            return text;
        }

        var cut = text.LastIndexOf(' ', Math.Max(0, maxChars - 1));
        return string.Concat(text.AsSpan(0, cut > maxChars / 2 ? cut : maxChars - 1).TrimEnd(), "\u2026");
    }
}
