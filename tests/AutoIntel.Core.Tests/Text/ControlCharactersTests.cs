using AutoIntel.Core.Text;

namespace AutoIntel.Core.Tests.Text;

public sealed class ControlCharactersTests
{
    [Theory]
    [InlineData("a\u001b(0b", "a(0b")]
    [InlineData("a\u001b7b\u001b8c", "a7b8c")]
    [InlineData("\u001b[31mred\u001b[0m", "[31mred[0m")]
    [InlineData("bell\u0007 nul\u0000 bs\u0008 del\u007f", "bell nul bs del")]
    [InlineData("c1\u009b31m nel\u0085 end", "c131m nel end")]
    public void Strip_ControlCharacters_AreRemoved(string input, string expected)
    {
        ControlCharacters.Strip(input).Should().Be(expected);
    }

    [Fact]
    public void Strip_TabsAndLineFeeds_AreKept()
    {
        ControlCharacters.Strip("col\tcol\nnext line").Should().Be("col\tcol\nnext line");
    }

    [Fact]
    public void Strip_CarriageReturns_BecomeOneLineFeed()
    {
        ControlCharacters.Strip("one\r\ntwo\rthree").Should().Be("one\ntwo\nthree");
    }

    [Fact]
    public void Strip_CleanText_ReturnsSameInstance()
    {
        var text = "Plain text with ümlauts, “quotes” and emoji 🙂.";

        ControlCharacters.Strip(text).Should().BeSameAs(text);
    }

    [Fact]
    public void StripToLine_LineBreaksAndTabs_BecomeSpaces()
    {
        ControlCharacters.StripToLine("title\r\nsecond\tpart\u001b]0;evil\u0007").Should().Be("title second part]0;evil");
    }

    [Theory]
    [InlineData("ok", false)]
    [InlineData("tab\tand\nnewline", false)]
    [InlineData("cr\r", true)]
    [InlineData("esc\u001b", true)]
    [InlineData("c1\u0090", true)]
    public void Contains_DetectsOnlyUnsafeCharacters(string input, bool expected)
    {
        ControlCharacters.Contains(input).Should().Be(expected);
    }
}
