namespace AutoIntel.Intelligence.Prompts;

/// <summary>Checks that quotes in an answer come from the content, which no schema can express.</summary>
public static class Grounding
{
    /// <summary>Throws unless a quote appears in the grounding text (ignoring case, whitespace and quote styles; 80 % word overlap suffices).</summary>
    public static string Check(string quote, TaskInput input, string field)
    {
        if (input.Grounding is null || quote.Length == 0)
        {
            return quote;
        }

        var q = Fold(quote);
        var g = Fold(input.Grounding);
        if (g.Contains(q, StringComparison.Ordinal))
        {
            return quote;
        }

        var words = q.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var present = words.Count(w => g.Contains(w, StringComparison.Ordinal));
        return words.Length > 0 && present >= 0.8 * words.Length
            ? quote
            : throw new OutputValidationException($"'{field}' must quote the content verbatim; \"{Truncate(quote, 80)}\" is not in it.");
    }

    private static string Fold(string s)
    {
        var chars = s.ToLowerInvariant().Select(c => c switch
        {
            '\u2018' or '\u2019' or '`' => '\'',
            '\u201C' or '\u201D' => '"',
            _ when char.IsWhiteSpace(c) => ' ',
            _ => c,
        });
        return string.Join(' ', new string([.. chars]).Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max] + "…";
}
