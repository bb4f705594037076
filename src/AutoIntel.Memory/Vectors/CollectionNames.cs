using System.Text.RegularExpressions;

namespace AutoIntel.Memory.Vectors;

/// <summary>The collection names every <see cref="IVectorStore"/> accepts: safe as file names and in URL paths.</summary>
internal static partial class CollectionNames
{
    /// <summary>Throws unless <paramref name="collection"/> is letters, digits, '_', '.', '-' (at most 100, not starting with a symbol).</summary>
    public static void Validate(string collection)
    {
        if (!Pattern().IsMatch(collection))
        {
            throw new ArgumentException($"'{collection}' is not a valid collection name (letters, digits, '_', '.', '-'; at most 100).", nameof(collection));
        }
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$")]
    private static partial Regex Pattern();
}
