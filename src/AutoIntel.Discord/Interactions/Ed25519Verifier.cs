using System.Buffers;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;

namespace AutoIntel.Discord.Interactions;

/// <summary>Verifies Discord's <c>X-Signature-Ed25519</c> over <c>X-Signature-Timestamp</c> + raw body with the application's public key.</summary>
public sealed class Ed25519Verifier
{
    /// <summary>How far a signature timestamp may be from now; older requests are refused as replays.</summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(5);

    private const int SignatureBytes = 64;
    private const int PublicKeyBytes = 32;
    private const int MaxTimestampChars = 20;

    private readonly Ed25519PublicKeyParameters? _publicKey;
    private readonly TimeProvider _time;

    public Ed25519Verifier(IOptions<DiscordOptions> options, TimeProvider time)
    {
        _time = time;
        string? hex = options.Value.PublicKey;
        byte[] key = new byte[PublicKeyBytes];
        if (hex is { Length: PublicKeyBytes * 2 } && TryDecodeHex(hex, key))
        {
            _publicKey = new Ed25519PublicKeyParameters(key, 0);
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

            // A fresh signer per call: BouncyCastle signers buffer the message and are not thread-safe.
            // Verification handles only public values (key, signature, message), and nothing here compares signature
            // bytes with an early exit, so response timing cannot be used to forge a signature byte by byte.
            var signer = new Ed25519Signer();
            signer.Init(forSigning: false, _publicKey);
            signer.BlockUpdate(message, 0, written + body.Length);
            return signer.VerifySignature(signature.ToArray()) ? SignatureCheck.Valid : SignatureCheck.Invalid;
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
