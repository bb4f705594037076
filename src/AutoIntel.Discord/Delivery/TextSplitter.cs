namespace AutoIntel.Discord.Delivery;

/// <summary>Splits text into pieces no longer than a limit, preferring line and word boundaries; nothing is dropped.</summary>
public static class TextSplitter
{
    /// <summary>Splits <paramref name="text"/> into pieces of at most <paramref name="max"/> characters whose concatenation (after trimming the cut whitespace) is the text.</summary>
    public static IReadOnlyList<string> Split(string text, int max)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 2);
        var pieces = new List<string>();
        int start = 0;
        while (text.Length - start > max)
        {
            int end = start + max;
            int cut = text.LastIndexOf('\n', end - 1, max);
            if (cut <= start + (max / 2))
            {
                cut = text.LastIndexOf(' ', end - 1, max);
            }

            if (cut <= start + (max / 2))
            {
                cut = end;

                // Never cut a surrogate pair in half: Discord would reject the broken character.
                if (char.IsHighSurrogate(text[cut - 1]))
                {
                    cut--;
                }
            }

            pieces.Add(text[start..cut]);
            start = cut;
            while (start < text.Length && (text[start] == ' ' || text[start] == '\n'))
            {
                start++;
            }
        }

        if (start < text.Length || pieces.Count == 0)
        {
            pieces.Add(text[start..]);
        }

        return pieces;
    }
}
