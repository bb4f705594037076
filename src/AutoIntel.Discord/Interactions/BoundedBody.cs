using System.Buffers;

namespace AutoIntel.Discord.Interactions;

/// <summary>Reads a request body up to a limit, so an oversized (or chunked, unannounced) body is refused without buffering it.</summary>
internal static class BoundedBody
{
    /// <summary>The body's bytes, or null when it is longer than <paramref name="limit"/>.</summary>
    public static async Task<byte[]?> ReadAsync(Stream body, int limit, CancellationToken cancellationToken)
    {
        // Read at most one byte past the limit: that byte alone tells us the body is too large.
        byte[] buffer = ArrayPool<byte>.Shared.Rent(limit + 1);
        try
        {
            int total = 0;
            int read;
            while ((read = await body.ReadAsync(buffer.AsMemory(total, limit + 1 - total), cancellationToken)) > 0)
            {
                total += read;
                if (total > limit)
                {
                    return null;
                }
            }

            return buffer.AsSpan(0, total).ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
