using AutoIntel.Core.Text;

namespace AutoIntel.Core.Tests.Text;

public sealed class TokenEstimatorTests
{
    // Known cl100k_base counts (from OpenAI's tiktoken examples and docs). The estimate is exact on everyday prose
    // and undercounts rare or made-up words: typical error on English prose stays within about 10%,
    // on invented words such as "tiktoken" it can be off by two tokens.
    [Theory]
    [InlineData("Hello world", 2, 0)]
    [InlineData("The quick brown fox jumps over the lazy dog.", 10, 0)]
    [InlineData("tiktoken is great!", 6, 2)]
    [InlineData("antidisestablishmentarianism", 6, 1)]
    [InlineData("I don't think so.", 6, 0)]
    [InlineData("1234567", 3, 0)]
    public void Estimate_KnownCl100kCounts_WithinDocumentedError(string text, int cl100k, int tolerance)
    {
        var estimate = TokenEstimator.Estimate(text);

        estimate.Should().BeInRange(cl100k - tolerance, cl100k + tolerance);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   \n\t ")]
    public void Estimate_EmptyOrWhitespace_IsZero(string? text)
    {
        TokenEstimator.Estimate(text).Should().Be(0);
    }

    [Fact]
    public void Estimate_JoinedWords_IsSumOfParts()
    {
        var a = "Global temperatures rose 1.1°C since 1900, according to NASA.";
        var b = "That's \"alarming\"... isn't it?";

        TokenEstimator.Estimate(a + " " + b).Should().Be(TokenEstimator.Estimate(a) + TokenEstimator.Estimate(b));
    }

    [Fact]
    public void Estimate_EnglishProse_AboutFourCharactersPerToken()
    {
        var prose = "Researchers at the university measured how quickly the glacier retreated over the past decade, "
            + "and they found that the rate had nearly doubled compared with the previous thirty years of records.";

        var ratio = prose.Length / (double)TokenEstimator.Estimate(prose);

        ratio.Should().BeInRange(3.8, 6.0);
    }
}
