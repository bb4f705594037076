using AutoIntel.Core.Text;

namespace AutoIntel.Core.Tests.Text;

public sealed class SentenceSplitterTests
{
    [Fact]
    public void Split_Abbreviations_DoNotEndSentences()
    {
        var text = "Dr. Smith met Mr. Jones at 5 p.m. on Friday. They discussed e.g. tariffs and i.e. trade.";

        SentenceSplitter.Split(text).Should().Equal(
            "Dr. Smith met Mr. Jones at 5 p.m. on Friday.",
            "They discussed e.g. tariffs and i.e. trade.");
    }

    [Fact]
    public void Split_InitialismFollowedByOpener_EndsSentence()
    {
        var text = "Exports grew in the U.S. economy last year. Output fell in the U.S. The trend continued.";

        SentenceSplitter.Split(text).Should().Equal(
            "Exports grew in the U.S. economy last year.",
            "Output fell in the U.S.",
            "The trend continued.");
    }

    [Fact]
    public void Split_DecimalsAndNumbers_StayWhole()
    {
        var text = "Inflation was 3.5 percent in 2023. It fell to 2.9 by No. 4 of the reports.";

        SentenceSplitter.Split(text).Should().Equal("Inflation was 3.5 percent in 2023.", "It fell to 2.9 by No. 4 of the reports.");
    }

    [Fact]
    public void Split_Ellipses_BreakOnlyBeforeCapital()
    {
        var text = "Well... it depends. I waited… Then it rained.";

        SentenceSplitter.Split(text).Should().Equal("Well... it depends.", "I waited…", "Then it rained.");
    }

    [Fact]
    public void Split_Quotes_StayWithTheirSentence()
    {
        var text = "She said, \"We will win.\" Nobody believed her. \"Really?\" he asked. Then he left!";

        SentenceSplitter.Split(text).Should().Equal(
            "She said, \"We will win.\"",
            "Nobody believed her.",
            "\"Really?\" he asked.",
            "Then he left!");
    }

    [Fact]
    public void Split_ParagraphBreakWithoutPunctuation_EndsSentence()
    {
        var text = "A headline without a period\n\nThe body text starts here. It wraps\nacross lines.";

        SentenceSplitter.Split(text).Should().Equal("A headline without a period", "The body text starts here.", "It wraps across lines.");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  \n ")]
    public void Split_Empty_ReturnsNothing(string? text)
    {
        SentenceSplitter.Split(text).Should().BeEmpty();
    }
}
