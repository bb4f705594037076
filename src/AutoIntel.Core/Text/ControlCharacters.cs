using System.Buffers;

namespace AutoIntel.Core.Text;

/// <summary>
/// Removes the control characters a terminal, log viewer or chat client would act on (ESC sequences, BEL, NUL, backspace,
/// DEL, the C1 range U+0080–U+009F), so text from content is only ever shown, never obeyed.
/// </summary>
/// <remarks>
/// What is left of an escape sequence (<c>ESC (0</c> becomes <c>(0</c>) is printable text and harmless. Tabs and line breaks
/// are kept where text has lines (<see cref="Strip"/>) and become spaces where it must stay on one line (<see cref="StripToLine"/>).
/// </remarks>
public static class ControlCharacters
{
    // Every C0 control except tab and line feed, DEL, and C1 (which includes NEL). Carriage returns are handled apart.
    private static readonly SearchValues<char> Unsafe = SearchValues.Create(
        [.. Enumerable.Range(0, 0x20).Where(c => c is not ('\t' or '\n')).Select(c => (char)c), '\u007F', .. Enumerable.Range(0x80, 0x20).Select(c => (char)c)]);

    /// <summary>Whether <paramref name="text"/> holds any character <see cref="Strip"/> would change.</summary>
    public static bool Contains(ReadOnlySpan<char> text) => text.ContainsAny(Unsafe);

    /// <summary>Whether <paramref name="c"/> is removed by <see cref="Strip"/> (a carriage return is turned into a line feed instead).</summary>
    public static bool IsUnsafe(char c) => Unsafe.Contains(c);

    /// <summary>
    /// Text with control characters removed; tabs and line feeds kept, and a carriage return (alone or before a line feed)
    /// turned into one line feed, so no line can overwrite the one before it.
    /// </summary>
    public static string Strip(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Contains(text) ? Rebuild(text, oneLine: false) : text;
    }

    /// <summary>Text for a single line (a title, a log value): control characters removed, tabs and line breaks turned into spaces.</summary>
    public static string StripToLine(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.AsSpan().ContainsAny(Unsafe) || text.AsSpan().ContainsAny('\t', '\n') ? Rebuild(text, oneLine: true) : text;
    }

    private static string Rebuild(string text, bool oneLine)
    {
        return string.Create(Count(text, oneLine), (text, oneLine), static (span, state) =>
        {
            var (source, line) = state;
            var at = 0;
            for (var i = 0; i < source.Length; i++)
            {
                if (Replacement(source, i, line) is { } c)
                {
                    span[at++] = c;
                }
            }
        });
    }

    private static int Count(string text, bool oneLine)
    {
        var count = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (Replacement(text, i, oneLine) is not null)
            {
                count++;
            }
        }

        return count;
    }

    // The character that stands for text[i] in the result, or null when it is dropped.
    private static char? Replacement(string text, int i, bool oneLine) => text[i] switch
    {
        '\r' when i + 1 < text.Length && text[i + 1] == '\n' => null,
        '\r' or '\n' => oneLine ? ' ' : '\n',
        '\t' => oneLine ? ' ' : '\t',
        var c when Unsafe.Contains(c) => null,
        var c => c,
    };
}
