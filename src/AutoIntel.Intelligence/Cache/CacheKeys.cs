using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace AutoIntel.Intelligence.Cache;

/// <summary>Cache keys of normalized requests; the tenant is hashed into every key so tenants never collide.</summary>
public static class CacheKeys
{
    /// <summary>The key of a request without model family: tenant, task, template, schema, temperature and whitespace-normalized prompt.</summary>
    public static string Base(string tenant, string task, string template, string schema, double temperature, string prompt)
    {
        var normalized = Normalize(prompt);
        var header = string.Create(CultureInfo.InvariantCulture, $"{tenant.Length}:{tenant}\n{task}\n{template}\n{temperature:0.###}\n{schema.Length}:");
        var max = Encoding.UTF8.GetMaxByteCount(header.Length + schema.Length + normalized.Length + 1);
        var buffer = ArrayPool<byte>.Shared.Rent(max);
        try
        {
            var n = Encoding.UTF8.GetBytes(header, buffer);
            n += Encoding.UTF8.GetBytes(schema, buffer.AsSpan(n));
            buffer[n++] = (byte)'\n';
            n += Encoding.UTF8.GetBytes(normalized, buffer.AsSpan(n));
            Span<byte> hash = stackalloc byte[32];
            SHA256.HashData(buffer.AsSpan(0, n), hash);
            return Convert.ToHexStringLower(hash);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The exact-tier key: base key plus model family.</summary>
    public static string Exact(string baseKey, string family) => $"{baseKey}.{family}";

    /// <summary>The semantic partition: answers are only reused within one tenant, task and prompt template.</summary>
    public static string Partition(string tenant, string task, string template) => $"{tenant.Length}:{tenant}|{task}|{template}";

    /// <summary>A path-safe folder name of a tenant for the persisted tier.</summary>
    public static string TenantFolder(string tenant) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(tenant)))[..16];

    /// <summary>Collapses whitespace runs and trims, so reformatted but identical prompts share a key.</summary>
    public static string Normalize(string text)
    {
        var sb = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                space = sb.Length > 0;
                continue;
            }

            if (space)
            {
                sb.Append(' ');
                space = false;
            }

            sb.Append(c);
        }

        return sb.ToString();
    }
}
