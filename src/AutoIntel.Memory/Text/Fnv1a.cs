namespace AutoIntel.Memory.Text;

/// <summary>64-bit FNV-1a: a stable hash (unlike <see cref="string.GetHashCode()"/>, identical across processes and machines).</summary>
internal static class Fnv1a
{
    /// <summary>The FNV-1a 64-bit offset basis, the starting value of every hash.</summary>
    public const ulong Seed = 14695981039346656037UL;

    private const ulong Prime = 1099511628211UL;

    /// <summary>Continues a hash over UTF-16 characters.</summary>
    public static ulong Append(ulong hash, ReadOnlySpan<char> text)
    {
        foreach (char c in text)
        {
            hash = (hash ^ (byte)c) * Prime;
            hash = (hash ^ (byte)(c >> 8)) * Prime;
        }

        return hash;
    }

    /// <summary>Continues a hash over one character.</summary>
    public static ulong Append(ulong hash, char c) => Append(hash, new ReadOnlySpan<char>(in c));

    /// <summary>Continues a hash over bytes.</summary>
    public static ulong Append(ulong hash, ReadOnlySpan<byte> bytes)
    {
        foreach (byte b in bytes)
        {
            hash = (hash ^ b) * Prime;
        }

        return hash;
    }

    /// <summary>Hashes a string.</summary>
    public static ulong Hash(ReadOnlySpan<char> text) => Append(Seed, text);

    /// <summary>Hashes bytes.</summary>
    public static ulong Hash(ReadOnlySpan<byte> bytes) => Append(Seed, bytes);
}
