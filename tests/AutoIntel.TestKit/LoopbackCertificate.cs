using System.Net;
using System.Net.Http;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace AutoIntel.TestKit;

/// <summary>A self-signed certificate for 127.0.0.1, for tests that need HTTPS (clients that refuse bearer tokens over plain HTTP),
/// and an <see cref="HttpClientHandler"/> that trusts exactly this certificate.</summary>
public static class LoopbackCertificate
{
    private static readonly Lazy<X509Certificate2> Shared = new(Create);

    /// <summary>The certificate (one per test process).</summary>
    public static X509Certificate2 Certificate => Shared.Value;

    /// <summary>A handler that accepts this certificate and nothing else that fails validation.</summary>
    public static HttpClientHandler TrustingHandler() => new()
    {
        ServerCertificateCustomValidationCallback = (_, cert, _, errors) =>
            errors == SslPolicyErrors.None || cert?.Thumbprint == Certificate.Thumbprint,
    };

    private static X509Certificate2 Create()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        // Kestrel needs the private key in a loadable form: round-trip through PKCS#12.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), password: null);
    }
}
