using AutoIntel.Core.Text;

namespace AutoIntel.Core.Tests.Text;

public sealed class TokenCounterTests
{
    [Theory]
    [InlineData("gpt-4o", "o200k_base")]
    [InlineData("gpt-4o-mini", "o200k_base")]
    [InlineData("GPT-4.1-nano", "o200k_base")]
    [InlineData("openai/gpt-5", "o200k_base")]
    [InlineData("o3-mini", "o200k_base")]
    [InlineData("o1", "o200k_base")]
    [InlineData("gpt-4", "cl100k_base")]
    [InlineData("gpt-4-turbo", "cl100k_base")]
    [InlineData("gpt-3.5-turbo", "cl100k_base")]
    [InlineData("llama3.1:8b", "cl100k_base")]
    [InlineData("omni-local", "cl100k_base")]
    [InlineData(null, "cl100k_base")]
    public void ForModel_ModelFamily_PicksItsEncoding(string? model, string encoding) =>
        TokenCounter.ForModel(model).Encoding.Should().Be(encoding);

    [Theory]
    [InlineData("hello world", 2)]
    [InlineData("1234567", 3)]
    [InlineData("", 0)]
    public void Count_SimpleTexts_MatchTiktoken(string text, int expected)
    {
        TokenCounter.Cl100kBase.Count(text).Should().Be(expected);
        TokenCounter.O200kBase.Count(text).Should().Be(expected);
    }

    [Fact]
    public void Count_NonLatinScripts_CountMoreThanOnePerWord()
    {
        // The old estimator's known blind spot: CJK and Cyrillic text.
        TokenCounter.Cl100kBase.Count("東京は日本の首都です").Should().BeGreaterThan(5);
        TokenCounter.O200kBase.Count("東京は日本の首都です").Should().BeLessThan(TokenCounter.Cl100kBase.Count("東京は日本の首都です"));
    }

    [Theory]
    [InlineData("The council voted.", "It passed 12 to 3.")]
    [InlineData("Costs rose by 4.2%", "(see the 2019 report)")]
    [InlineData("e.g.", "$4.2 million")]
    public void CountAfterSpace_JoinedTexts_AddsUpExactly(string first, string second)
    {
        foreach (var counter in new[] { TokenCounter.Cl100kBase, TokenCounter.O200kBase })
        {
            (counter.Count(first) + counter.CountAfterSpace(second)).Should().Be(counter.Count(first + " " + second));
        }
    }

    [Theory]
    [InlineData("antidisestablishmentarianism", 2)]
    [InlineData("https://example.org/a/very/long/path/with/segments", 3)]
    [InlineData("😀😀😀", 1)]
    public void PrefixLength_LongWord_CutsWithinTheLimitAndMovesOn(string word, int maxTokens)
    {
        var counter = TokenCounter.Default;
        var parts = new List<string>();
        for (var from = 0; from < word.Length;)
        {
            var length = counter.PrefixLength(word.AsSpan(from), maxTokens);
            parts.Add(word.Substring(from, length));
            from += length;
        }

        string.Concat(parts).Should().Be(word);
        parts.Should().OnlyContain(p => counter.Count(p) <= maxTokens || p.Length <= 2);
    }

    [Fact]
    public void CountChat_TwoMessages_AddsMessageOverheadAndPriming()
    {
        var counter = TokenCounter.Default;

        counter.CountChat(["hello world", "1234567"]).Should().Be(2 + 3 + (2 * TokenCounter.PerMessageOverhead) + TokenCounter.ReplyPriming);
    }
}
