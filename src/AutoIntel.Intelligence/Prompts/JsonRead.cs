using System.Text.Json;

namespace AutoIntel.Intelligence.Prompts;

/// <summary>Reads schema-shaped answers and turns every deviation into an <see cref="OutputValidationException"/> a model can act on.</summary>
public static class JsonRead
{
    /// <summary>A required non-empty string property.</summary>
    public static string String(JsonElement e, string name, int maxLength = 4000, bool allowEmpty = false)
    {
        var p = Property(e, name, JsonValueKind.String);
        var s = p.GetString()!.Trim();
        if (!allowEmpty && s.Length == 0)
        {
            throw new OutputValidationException($"'{name}' must not be empty.");
        }

        return s.Length > maxLength ? throw new OutputValidationException($"'{name}' is longer than {maxLength} characters.") : s;
    }

    /// <summary>A required number within a range.</summary>
    public static double Number(JsonElement e, string name, double min, double max)
    {
        var v = Property(e, name, JsonValueKind.Number).GetDouble();
        return v < min || v > max || double.IsNaN(v) ? throw new OutputValidationException($"'{name}' must be between {min} and {max} (was {v}).") : v;
    }

    /// <summary>A required string from a fixed set (case-insensitive), returned lower-case.</summary>
    public static string OneOf(JsonElement e, string name, IReadOnlyCollection<string> allowed)
    {
        var s = String(e, name).ToLowerInvariant();
        return allowed.Contains(s) ? s : throw new OutputValidationException($"'{name}' must be one of {string.Join(", ", allowed)} (was '{s}').");
    }

    /// <summary>A required array's items.</summary>
    public static IEnumerable<JsonElement> Array(JsonElement e, string name, int maxItems = 100)
    {
        var a = Property(e, name, JsonValueKind.Array);
        return a.GetArrayLength() > maxItems
            ? throw new OutputValidationException($"'{name}' has more than {maxItems} items.")
            : a.EnumerateArray();
    }

    /// <summary>A required array of strings.</summary>
    public static IReadOnlyList<string> Strings(JsonElement e, string name, int maxItems = 100) =>
        [.. Array(e, name, maxItems).Select(x => x.ValueKind == JsonValueKind.String
            ? x.GetString()!.Trim()
            : throw new OutputValidationException($"'{name}' must contain only strings.")).Where(s => s.Length > 0)];

    /// <summary>Throws unless a quote appears in the grounding text (ignoring case, whitespace and quote styles; 80 % word overlap suffices).</summary>
    public static string Grounded(string quote, TaskInput input, string field)
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

    private static JsonElement Property(JsonElement e, string name, JsonValueKind kind)
    {
        if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(name, out var p))
        {
            throw new OutputValidationException($"Missing required property '{name}'.");
        }

        return p.ValueKind == kind ? p : throw new OutputValidationException($"'{name}' must be a {kind.ToString().ToLowerInvariant()} (was {p.ValueKind.ToString().ToLowerInvariant()}).");
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
