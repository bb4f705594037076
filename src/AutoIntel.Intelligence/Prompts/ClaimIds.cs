using System.Security.Cryptography;
using System.Text;

namespace AutoIntel.Intelligence.Prompts;

/// <summary>Stable claim ids from normalised text: the same claim gets the same id in every run and tenant.</summary>
public static class ClaimIds
{
    /// <summary>The id of a claim text (lower-cased, punctuation and whitespace folded).</summary>
    public static string For(string text)
    {
        var folded = new StringBuilder(text.Length);
        foreach (var c in text.ToLowerInvariant())
        {
            if (char.IsLetterOrDigit(c))
            {
                folded.Append(c);
            }
            else if (folded.Length > 0 && folded[^1] != ' ')
            {
                folded.Append(' ');
            }
        }

        return "c-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(folded.ToString().Trim())))[..16];
    }
}
