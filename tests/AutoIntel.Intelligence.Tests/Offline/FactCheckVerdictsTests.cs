using AutoIntel.Core.FactCheck;
using AutoIntel.Intelligence.Offline;

namespace AutoIntel.Intelligence.Tests.Offline;

public sealed class FactCheckVerdictsTests
{
    private static readonly Claim Bridge = new("c1", "The town council approved the new bridge in 2024.", 0, 0.9);

    [Theory]
    [InlineData("False", Verdict.Refuted)]
    [InlineData("Pants on Fire!", Verdict.Refuted)]
    [InlineData("Incorrect. The council approved it in 2023.", Verdict.Refuted)]
    [InlineData("Mostly False", Verdict.Misleading)]
    [InlineData("Missing context", Verdict.Misleading)]
    [InlineData("Half True", Verdict.Mixed)]
    [InlineData("Mostly true", Verdict.Supported)]
    [InlineData("TRUE", Verdict.Supported)]
    [InlineData("Unproven", null)]
    [InlineData("True but misleading", null)]
    [InlineData("Falsely attributed quote", null)]
    [InlineData("The figure is from 2019, not 2024", null)]
    public void VerdictOf_Rating_MapsOnlyPlainRatings(string rating, Verdict? expected)
    {
        FactCheckVerdicts.VerdictOf(rating).Should().Be(expected);
    }

    [Fact]
    public void Decide_CloseReviewRatedFalse_RefutedWithThePublishersWordsAndLink()
    {
        var review = Review("The town council approved the new bridge in 2024", "False", "Full Fact");

        var verdict = FactCheckVerdicts.Decide(Bridge, [review, new Evidence("wikipedia", "Bridges are structures.", 0.2)]);

        verdict.Should().NotBeNull();
        verdict!.Verdict.Should().Be(Verdict.Refuted);
        verdict.Method.Should().Be(FactCheckVerdicts.MethodName);
        verdict.Rationale.Should().Be("Rated \u201CFalse\u201D by Full Fact (2025-03-01).");
        verdict.Evidence.Should().ContainSingle().Which.Url.Should().Be(review.Url);
    }

    [Fact]
    public void Decide_ReviewOfADifferentClaim_Undecided()
    {
        var review = Review("Bridges in the county cost twice as much as roads", "False", "Full Fact");

        FactCheckVerdicts.Decide(Bridge, [review]).Should().BeNull();
    }

    [Fact]
    public void Decide_ReviewersDisagree_Undecided()
    {
        FactCheckVerdicts.Decide(Bridge, [Review(Bridge.Text, "False", "Full Fact"), Review(Bridge.Text, "True", "Other Checker")]).Should().BeNull();
    }

    [Fact]
    public void Decide_TwoReviewersAgree_BothCited()
    {
        var verdict = FactCheckVerdicts.Decide(Bridge, [Review(Bridge.Text, "False", "Full Fact"), Review(Bridge.Text, "Pants on Fire", "PolitiFact")]);

        verdict!.Verdict.Should().Be(Verdict.Refuted);
        verdict.Evidence.Should().HaveCount(2);
        verdict.Rationale.Should().Contain("Full Fact").And.Contain("PolitiFact");
    }

    private static Evidence Review(string reviewed, string rating, string publisher) =>
        new("factcheck", reviewed, 0.9, $"https://{publisher.Replace(" ", string.Empty, StringComparison.Ordinal).ToLowerInvariant()}.example/review")
        {
            Publisher = publisher,
            Rating = rating,
            Date = "2025-03-01T00:00:00Z",
            Title = "Review",
        };
}
