using AutoIntel.Core.Text;

namespace AutoIntel.Core.Tests.Text;

public sealed class LanguageTagTests
{
    [Theory]
    [InlineData("en-US", "en")]
    [InlineData("pt_BR", "pt")]
    [InlineData("zh-Hans-CN", "zh")]
    [InlineData(" DE ", "de")]
    [InlineData("nb-NO", "no")]
    [InlineData("iw", "he")]
    [InlineData("und", null)]
    [InlineData("mul", null)]
    [InlineData("de, en", null)]
    [InlineData("english", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void Primary_Tag_PrimaryLanguageOrNull(string? tag, string? expected)
    {
        LanguageTag.Primary(tag).Should().Be(expected);
    }

    [Theory]
    [InlineData("german", "de")]
    [InlineData("English", "en")]
    [InlineData("fr", "fr")]
    [InlineData("klingon", null)]
    public void FromName_TranscriptionEndpointsName_Code(string name, string? expected)
    {
        LanguageTag.FromName(name).Should().Be(expected);
    }

    [Theory]
    [InlineData("talk.de.vtt", "de")]
    [InlineData("/media/talk.pt-BR.srt", "pt")]
    [InlineData("talk.vtt", null)]
    [InlineData("season1.ep.vtt", null)]
    [InlineData("notes.final.srt", null)]
    public void FromFileName_SubtitleFileName_LanguageBeforeTheExtension(string name, string? expected)
    {
        LanguageTag.FromFileName(name).Should().Be(expected);
    }
}
