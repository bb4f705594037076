using System.Globalization;
using System.Text;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Security;

namespace AutoIntel.Discord.Tests.Support;

/// <summary>Signs requests the way Discord does, with BouncyCastle directly (not the code under test).</summary>
public sealed class TestSigner
{
    private readonly Ed25519PrivateKeyParameters _privateKey;

    public TestSigner()
    {
        _privateKey = new Ed25519PrivateKeyParameters(new SecureRandom());
        PublicKeyHex = Convert.ToHexStringLower(_privateKey.GeneratePublicKey().GetEncoded());
    }

    public string PublicKeyHex { get; }

    public string Sign(string timestamp, byte[] body)
    {
        byte[] message = [.. Encoding.ASCII.GetBytes(timestamp), .. body];
        var signer = new Ed25519Signer();
        signer.Init(true, _privateKey);
        signer.BlockUpdate(message, 0, message.Length);
        return Convert.ToHexStringLower(signer.GenerateSignature());
    }

    public static string Timestamp(DateTimeOffset at) => at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
}
