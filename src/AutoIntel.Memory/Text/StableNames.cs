using System.Text;

namespace AutoIntel.Memory.Text;

/// <summary>Turns arbitrary names (tenants, embedder names) into safe, collision-free file and collection names.</summary>
internal static class StableNames
{
    /// <summary>Readable prefix of letters, digits, '-' and '_', plus a hash of the full name so distinct names never collide.</summary>
    public static string Safe(string name, int maxPrefix = 40)
    {
        var prefix = new StringBuilder();
        foreach (char c in name)
        {
            if (prefix.Length == maxPrefix)
            {
                break;
            }

            prefix.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? char.ToLowerInvariant(c) : '_');
        }

        return $"{prefix}-{Fnv1a.Hash(name) & 0xFFFF_FFFF_FFFFUL:x12}";
    }
}
