using AutoIntel.Intelligence.EvidenceGathering;

namespace AutoIntel.Intelligence.Tests.EvidenceGathering;

public sealed class ClaimSearchTermsTests
{
    [Fact]
    public void For_LongClaim_KeyTermsWithoutHedgesAndTheNamesAsTheShorterQuery()
    {
        var terms = ClaimSearchTerms.For("The Riverside Bridge, which reportedly cost about 40 million euros, was approved by the town council in 2023.", "en");

        terms.Keywords.Should().Be("Riverside Bridge 40 million approved 2023");
        terms.Shorter.Should().Be("Riverside Bridge");
    }

    [Fact]
    public void For_ClaimWithoutNames_LongerWordsBeforeNumbersInTheShorterQuery()
    {
        var terms = ClaimSearchTerms.For("Traffic on the old crossing fell by 30 percent last year.", "en");

        terms.Keywords.Should().Be("Traffic old crossing fell 30");
        terms.Shorter.Should().Be("Traffic crossing fell");
    }

    [Fact]
    public void For_GermanClaim_GermanFunctionWordsAndHedgesDropped()
    {
        var terms = ClaimSearchTerms.For("Der Stadtrat hat laut Bericht die Flussbrücke im Jahr 2023 für rund 40 Millionen Euro genehmigt.", "de");

        terms.Keywords.Split(' ').Should().Contain(["Stadtrat", "Flussbrücke"]).And.NotContain(["Der", "hat", "laut", "die", "im", "Jahr", "für", "rund"]);
        terms.Keywords.Split(' ').Should().HaveCountLessThanOrEqualTo(ClaimSearchTerms.MaxTerms);
        terms.Shorter!.Split(' ').Should().Contain("Flussbrücke").And.HaveCountLessThanOrEqualTo(ClaimSearchTerms.MaxShorterTerms);
    }

    [Fact]
    public void For_FrenchElision_TheWordAfterTheApostrophe()
    {
        var terms = ClaimSearchTerms.For("Selon le rapport, l'Assemblée nationale a voté la loi d'urgence en 2021.", "fr");

        terms.Keywords.Should().Contain("Assemblée").And.Contain("urgence").And.NotContain("l'").And.NotContain("Selon");
    }

    [Theory]
    [InlineData("Inflation fell.")]
    [InlineData("Prices rose.")]
    public void For_ShortClaim_NoShorterQuery(string claim)
    {
        ClaimSearchTerms.For(claim, "en").Shorter.Should().BeNull();
    }
}
