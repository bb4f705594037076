using System.Security.Cryptography;
using System.Text;
using AutoIntel.Discord.Rest;

namespace AutoIntel.Discord.Delivery;

/// <summary>Names one message of a run (the progress message, briefing part 2, the failure notice) the same way on every attempt.</summary>
/// <remarks>
/// Everything derived from it is stable across crashes and restarts: the key under which the posted id is saved, the Create
/// Message nonce, and the marker line the message carries so it can be found in the channel after the nonce has expired.
/// </remarks>
public sealed record MessageKey(string RunId, string Purpose, int Index)
{
    private const string MarkerPrefix = "-# AutoIntel ";

    /// <summary>The key in <see cref="DeliveryState.Messages"/>: <c>{runId}/{purpose}/{index}</c>.</summary>
    public override string ToString() => $"{RunId}/{Purpose}/{Index}";

    /// <summary>A 25-character nonce (Discord's maximum), a hash of the key.</summary>
    public string Nonce => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ToString())))[..DiscordRestClient.MaxNonceLength];

    /// <summary>The last line of the message's content (Discord's small "subtext" line), by which a restart finds the message.</summary>
    public string Marker => MarkerPrefix + ToString();

    /// <summary>The content with the marker as its last line; the text before it is shortened (with …) so the whole fits in <paramref name="maxLength"/>.</summary>
    public string Mark(string? content, int maxLength)
    {
        string marker = Marker;
        if (string.IsNullOrEmpty(content))
        {
            return marker;
        }

        int room = maxLength - marker.Length - 1;
        string text = content.Length <= room ? content : content[..(room - 1)] + "…";
        return text + "\n" + marker;
    }

    /// <summary>Whether a message's content carries this key's marker line.</summary>
    public bool IsMarkerOf(string? content) =>
        content is not null && content.Split('\n').Any(line => line == Marker);
}
