using System.Text;
using AutoIntel.Discord.Interactions;
using AutoIntel.Discord.Tests.Support;
using AutoIntel.TestKit;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AutoIntel.Discord.Tests.Interactions;

public sealed class Ed25519VerifierTests
{
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"type":1}""");
    private readonly TestSigner _signer = new();
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);

    private Ed25519Verifier Verifier(string? key = null) =>
        new(Options.Create(new DiscordOptions { PublicKey = key ?? _signer.PublicKeyHex }), _time);

    [Fact]
    public void Verify_SignatureFromRealEd25519_IsValid()
    {
        string timestamp = TestSigner.Timestamp(_time.GetUtcNow());

        SignatureCheck result = Verifier().Verify(_signer.Sign(timestamp, Body), timestamp, Body);

        result.Should().Be(SignatureCheck.Valid);
    }

    [Fact]
    public void Verify_TamperedBody_IsInvalid()
    {
        string timestamp = TestSigner.Timestamp(_time.GetUtcNow());
        string signature = _signer.Sign(timestamp, Body);
        byte[] tampered = Encoding.UTF8.GetBytes("""{"type":2}""");

        Verifier().Verify(signature, timestamp, tampered).Should().Be(SignatureCheck.Invalid);
    }

    [Fact]
    public void Verify_TamperedTimestamp_IsInvalid()
    {
        string timestamp = TestSigner.Timestamp(_time.GetUtcNow());
        string signature = _signer.Sign(timestamp, Body);
        string other = TestSigner.Timestamp(_time.GetUtcNow().AddSeconds(1));

        Verifier().Verify(signature, other, Body).Should().Be(SignatureCheck.Invalid);
    }

    [Fact]
    public void Verify_SignatureOfAnotherKey_IsInvalid()
    {
        string timestamp = TestSigner.Timestamp(_time.GetUtcNow());

        Verifier(new TestSigner().PublicKeyHex).Verify(_signer.Sign(timestamp, Body), timestamp, Body).Should().Be(SignatureCheck.Invalid);
    }

    [Theory]
    [InlineData(null, "1700000000", SignatureCheck.MissingHeaders)]
    [InlineData("", "1700000000", SignatureCheck.MissingHeaders)]
    [InlineData("aa", null, SignatureCheck.MissingHeaders)]
    [InlineData("zz", "1700000000", SignatureCheck.Malformed)]
    [InlineData("abcd", "1700000000", SignatureCheck.Malformed)]
    public void Verify_MissingOrGarbledHeaders_IsRefusedWithoutVerifying(string? signature, string? timestamp, SignatureCheck expected)
    {
        Verifier().Verify(signature, timestamp, Body).Should().Be(expected);
    }

    [Fact]
    public void Verify_RightLengthButNotHex_IsMalformed()
    {
        string timestamp = TestSigner.Timestamp(_time.GetUtcNow());
        string signature = new('g', 128);

        Verifier().Verify(signature, timestamp, Body).Should().Be(SignatureCheck.Malformed);
    }

    [Fact]
    public void Verify_NonNumericTimestamp_IsMalformed()
    {
        Verifier().Verify(new string('a', 128), "12:00", Body).Should().Be(SignatureCheck.Malformed);
    }

    [Theory]
    [InlineData(-301)]
    [InlineData(301)]
    public void Verify_TimestampMoreThanFiveMinutesAway_IsStale(int offsetSeconds)
    {
        string timestamp = TestSigner.Timestamp(_time.GetUtcNow().AddSeconds(offsetSeconds));

        Verifier().Verify(_signer.Sign(timestamp, Body), timestamp, Body).Should().Be(SignatureCheck.Stale);
    }

    [Fact]
    public void Verify_TimestampFourMinutesOld_IsValid()
    {
        string timestamp = TestSigner.Timestamp(_time.GetUtcNow().AddMinutes(-4));

        Verifier().Verify(_signer.Sign(timestamp, Body), timestamp, Body).Should().Be(SignatureCheck.Valid);
    }

    [Fact]
    public void Verify_SignatureWithScalarNotReducedModL_IsInvalid()
    {
        // S + L satisfies the verification equation as well as S does (L is the group order), so only a check that S < L refuses it (RFC 8032 §5.1.7).
        string timestamp = TestSigner.Timestamp(_time.GetUtcNow());
        byte[] signature = Convert.FromHexString(_signer.Sign(timestamp, Body));
        AddGroupOrderToScalar(signature.AsSpan(32));

        Verifier().Verify(Convert.ToHexStringLower(signature), timestamp, Body).Should().Be(SignatureCheck.Invalid);
    }

    [Fact]
    public void Verify_SmallOrderPublicKeyWithForgedSignature_IsInvalid()
    {
        // With the identity point as key, R = identity and S = 0 satisfy [S]B = R + [k]A for every message: refusing small-order keys and R is what stops it.
        const string identityPoint = "0100000000000000000000000000000000000000000000000000000000000000";
        string timestamp = TestSigner.Timestamp(_time.GetUtcNow());
        string forged = identityPoint + new string('0', 64);

        Verifier(identityPoint).Verify(forged, timestamp, Body).Should().Be(SignatureCheck.Invalid);
    }

    [Fact]
    public void Verify_NoPublicKeyConfigured_TrustsNothing()
    {
        string timestamp = TestSigner.Timestamp(_time.GetUtcNow());
        var verifier = new Ed25519Verifier(Options.Create(new DiscordOptions()), _time);

        verifier.Verify(_signer.Sign(timestamp, Body), timestamp, Body).Should().Be(SignatureCheck.NotConfigured);
    }

    // L = 2^252 + 27742317777372353535851937790883648493, little-endian as in the signature's S half.
    private static void AddGroupOrderToScalar(Span<byte> scalar)
    {
        byte[] order = Convert.FromHexString("EDD3F55C1A631258D69CF7A2DEF9DE1400000000000000000000000000000010");
        int carry = 0;
        for (int i = 0; i < 32; i++)
        {
            int sum = scalar[i] + order[i] + carry;
            scalar[i] = (byte)sum;
            carry = sum >> 8;
        }
    }
}
