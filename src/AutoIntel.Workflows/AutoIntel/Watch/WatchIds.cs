using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace AutoIntel.Workflows.AutoIntel.Watch;

/// <summary>Ids of watches, of their orchestration instances, and of the runs they start.</summary>
public static class WatchIds
{
    private const string InstancePrefix = "watch-";

    /// <summary>Whether <paramref name="id"/> has the shape of a watch id (8 lower-case hex digits, as WatchStore draws them).</summary>
    public static bool IsValid([NotNullWhen(true)] string? id) => id is { Length: 8 } && id.All(char.IsAsciiHexDigitLower);

    /// <summary>The instance id of the eternal orchestration of watch <paramref name="watchId"/>.</summary>
    public static string InstanceFor(string watchId) => InstancePrefix + watchId;

    /// <summary>
    /// The instance id of the run for feed item <paramref name="itemKey"/> of watch <paramref name="watchId"/>: the same on every
    /// poll, generation and process, so an item that two polls both take starts one run (the second call meets the first's instance).
    /// </summary>
    public static string RunFor(string watchId, string itemKey)
    {
        byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes(itemKey));
        return $"{InstanceFor(watchId)}-{Convert.ToHexStringLower(hash, 0, 8)}";
    }
}
