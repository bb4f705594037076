using AutoIntel.Core.FactCheck;

namespace AutoIntel.Core.Tests.FactCheck;

public sealed class ClaimIdTests
{
    [Fact]
    public void From_SameClaimDifferentlyWritten_SameId()
    {
        var a = ClaimId.From("Coal use fell 40% in  Britain since 2012.");
        var b = ClaimId.From("  \"coal use FELL 40% in britain since 2012\" ");

        a.Should().Be(b);
    }

    [Fact]
    public void From_DifferentClaims_DifferentIds()
    {
        ClaimId.From("Coal use fell 40%.").Should().NotBe(ClaimId.From("Coal use fell 30%."));
    }

    [Fact]
    public void From_Text_IsFirst16HexOfSha256OfNormalisedText()
    {
        // SHA-256("abc") = ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad
        ClaimId.From("  ABC! ").Should().Be("ba7816bf8f01cfea");
    }

    [Fact]
    public void Normalize_Text_LowercasesCollapsesAndTrimsPunctuation()
    {
        ClaimId.Normalize(" \"The  Rate\n ROSE 3.5%.\" ").Should().Be("the rate rose 3.5");
    }
}
