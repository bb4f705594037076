using System.Globalization;
using System.Text;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Security;

namespace AutoIntel.TestKit;

/// <summary>Signs interaction requests the way Discord does, with BouncyCastle directly (not the code under test).</summary>
public sealed class TestSigner
{
    private readonly Ed25519PrivateKeyParameters _privateKey;

    /// <summary>A signer with a fresh random key pair.</summary>
    public TestSigner()
    {
        _privateKey = new Ed25519PrivateKeyParameters(new SecureRandom());
        PublicKeyHex = Convert.ToHexStringLower(_privateKey.GeneratePublicKey().GetEncoded());
    }

    /// <summary>The public key as Discord shows it (<c>Discord__PublicKey</c>).</summary>
    public string PublicKeyHex { get; }

    /// <summary>The hex Ed25519 signature of timestamp + body.</summary>
    public string Sign(string timestamp, byte[] body)
    {
        byte[] message = [.. Encoding.ASCII.GetBytes(timestamp), .. body];
        var signer = new Ed25519Signer();
        signer.Init(true, _privateKey);
        signer.BlockUpdate(message, 0, message.Length);
        return Convert.ToHexStringLower(signer.GenerateSignature());
    }

    /// <summary>A POST of <paramref name="json"/> to <paramref name="uri"/> with Discord's signature headers, signed now.</summary>
    public HttpRequestMessage SignedPost(Uri uri, string json)
    {
        byte[] body = Encoding.UTF8.GetBytes(json);
        string timestamp = Timestamp(DateTimeOffset.UtcNow);
        var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add("X-Signature-Ed25519", Sign(timestamp, body));
        request.Headers.Add("X-Signature-Timestamp", timestamp);
        return request;
    }

    /// <summary>Unix seconds, as Discord sends them in <c>X-Signature-Timestamp</c>.</summary>
    public static string Timestamp(DateTimeOffset at) => at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
}
