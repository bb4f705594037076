using System.Text.Json;
using AutoIntel.Core.Briefings;
using AutoIntel.Discord.Delivery;
using AutoIntel.Discord.Tests.Support;

namespace AutoIntel.Discord.Tests.Delivery;

public sealed class BriefingSectionEmbedTests
{
    [Fact]
    public void Build_DeclaredSection_GetsAnEmbedTitledByTheSectionWithItsFields()
    {
        var section = new BriefingSection("word_count", "Word count", JsonSerializer.SerializeToElement(new { words = 3 }), "3 words", [new SectionField("Words", "3")]);
        var briefing = Briefings.Small() with { Sections = [section] };

        var embeds = BriefingEmbedBuilder.Build(briefing).SelectMany(m => m.Embeds).ToList();

        var embed = embeds.Should().ContainSingle(e => e.Title == "Word count").Subject;
        embed.Fields.Should().ContainSingle(f => f.Name == "Words" && f.Value == "3");
    }

    [Fact]
    public void Build_DeclaredSectionWithoutFields_AddsNoEmbed()
    {
        var empty = new BriefingSection("word_count", "Word count", JsonSerializer.SerializeToElement(new { words = 0 }), "", []);

        var embeds = BriefingEmbedBuilder.Build(Briefings.Small() with { Sections = [empty] }).SelectMany(m => m.Embeds);

        embeds.Should().NotContain(e => e.Title == "Word count");
    }
}
