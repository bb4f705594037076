using System.Security.Cryptography;
using System.Text;

namespace AutoIntel.Workflows.Runtime.Execution;

/// <summary>Name-based GUIDs (RFC 9562 version 8, SHA-256) so an orchestration gets the same GUIDs on every replay.</summary>
internal static class DeterministicGuid
{
    public static Guid Create(string instanceId, int counter)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes($"autointel-workflow:{instanceId}:{counter}"), hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16], bigEndian: true);
    }
}
