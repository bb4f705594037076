using System.Security.Cryptography;
using System.Text;

namespace AutoIntel.Core.FactCheck;

/// <summary>Stable claim ids: the same claim text, however cased or spaced, always gets the same id.</summary>
public static class ClaimId
{
    /// <summary>The first 16 hex digits (lowercase) of the SHA-256 of the normalised claim text.</summary>
    public static string From(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(Normalize(text)));
        return Convert.ToHexStringLower(bytes)[..16];
    }

    /// <summary>Lowercase, whitespace collapsed to single spaces, punctuation trimmed from both ends.</summary>
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var collapsed = string.Join(' ', text.ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        var start = 0;
        var end = collapsed.Length;
        while (start < end && IsTrimmable(collapsed[start]))
        {
            start++;
        }

        while (end > start && IsTrimmable(collapsed[end - 1]))
        {
            end--;
        }

        return collapsed[start..end];
    }

    private static bool IsTrimmable(char c) => char.IsPunctuation(c) || char.IsWhiteSpace(c);
}
