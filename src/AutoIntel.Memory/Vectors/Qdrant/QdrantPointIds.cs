using System.Security.Cryptography;
using System.Text;

namespace AutoIntel.Memory.Vectors.Qdrant;

/// <summary>Maps our string record ids to Qdrant point ids, which must be unsigned integers or UUIDs.</summary>
/// <remarks>A name-based UUID (RFC 9562 version 5, SHA-1) of the id in a fixed namespace: the same id always maps to the same
/// point, so an upsert replaces and a delete finds it, from any process. The original id travels in the payload.</remarks>
public static class QdrantPointIds
{
    // Fixed for all time: changing it would orphan every point already stored.
    private static readonly Guid Namespace = new("5b0c3f4e-8a77-4d2b-9c1e-a1f0e6d2c7b4");

    /// <summary>The point id (a UUID) for <paramref name="id"/>.</summary>
    public static Guid For(string id)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        Span<byte> ns = stackalloc byte[16];
        Namespace.TryWriteBytes(ns, bigEndian: true, out _);
        byte[] name = Encoding.UTF8.GetBytes(id);
        byte[] input = new byte[16 + name.Length];
        ns.CopyTo(input);
        name.CopyTo(input, 16);

        Span<byte> hash = stackalloc byte[20];
#pragma warning disable CA5350 // RFC 9562 defines version 5 over SHA-1; this is naming, not security.
        SHA1.HashData(input, hash);
#pragma warning restore CA5350
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50); // version 5
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80); // RFC variant
        return new Guid(hash[..16], bigEndian: true);
    }
}
