using System.Buffers;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;
using NSec.Cryptography;

namespace AutoIntel.Discord.Interactions;

/// <summary>Verifies Discord's <c>X-Signature-Ed25519</c> over <c>X-Signature-Timestamp</c> + raw body with the application's public key.</summary>
/// <remarks>
/// NSec (libsodium) verifies strictly: besides the signature equation it refuses S ≥ L (malleable signatures) and small-order
/// or non-canonical public keys and R points, for which a forged signature verifies under any message.
/// </remarks>
public sealed class Ed25519Verifier
{
    /// <summary>How far a signature timestamp may be from now; older requests are refused as replays.</summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(5);

    private const int SignatureBytes = 64;
    private const int PublicKeyBytes = 32;
    private const int MaxTimestampChars = 20;

    private readonly PublicKey? _publicKey;
    private readonly TimeProvider _time;

    public Ed25519Verifier(IOptions<DiscordOptions> options, TimeProvider time)
    {
        _time = time;
        string? hex = options.Value.PublicKey;
        byte[] key = new byte[PublicKeyBytes];
        if (hex is { Length: PublicKeyBytes * 2 } && TryDecodeHex(hex, key)
            && PublicKey.TryImport(SignatureAlgorithm.Ed25519, key, KeyBlobFormat.RawPublicKey, out PublicKey? publicKey))
        {
            _publicKey = publicKey;
        }
    }

    /// <summary>Whether a public key is configured.</summary>
    public bool IsConfigured => _publicKey is not null;

    /// <summary>Checks the headers first (cheap, no body parsing), then the timestamp window, then the signature.</summary>
    public SignatureCheck Verify(string? signatureHex, string? timestamp, ReadOnlySpan<byte> body)
    {
        if (_publicKey is null)
        {
            return SignatureCheck.NotConfigured;
        }

        if (string.IsNullOrEmpty(signatureHex) || string.IsNullOrEmpty(timestamp))
        {
            return SignatureCheck.MissingHeaders;
        }

        Span<byte> signature = stackalloc byte[SignatureBytes];
        if (signatureHex.Length != SignatureBytes * 2 || !TryDecodeHex(signatureHex, signature)
            || timestamp.Length > MaxTimestampChars || !timestamp.All(char.IsAsciiDigit)
            || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out long unixSeconds))
        {
            return SignatureCheck.Malformed;
        }

        long now = _time.GetUtcNow().ToUnixTimeSeconds();
        if (Math.Abs(now - unixSeconds) > (long)MaxClockSkew.TotalSeconds)
        {
            return SignatureCheck.Stale;
        }

        byte[] message = ArrayPool<byte>.Shared.Rent(timestamp.Length + body.Length);
        try
        {
            int written = Encoding.ASCII.GetBytes(timestamp, message);
            body.CopyTo(message.AsSpan(written));

            // Stateless and thread-safe. Verification handles only public values (key, signature, message), and libsodium
            // compares in constant time, so response timing cannot be used to forge a signature byte by byte.
            return SignatureAlgorithm.Ed25519.Verify(_publicKey, message.AsSpan(0, written + body.Length), signature)
                ? SignatureCheck.Valid
                : SignatureCheck.Invalid;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(message);
        }
    }

    private static bool TryDecodeHex(string hex, Span<byte> destination) =>
        Convert.FromHexString(hex, destination, out int consumed, out int written) == OperationStatus.Done
        && consumed == hex.Length && written == destination.Length;
}
