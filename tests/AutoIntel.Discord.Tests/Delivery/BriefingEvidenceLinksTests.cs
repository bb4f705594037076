using AutoIntel.Core.FactCheck;
using AutoIntel.Discord.Delivery;
using AutoIntel.Discord.Tests.Support;

namespace AutoIntel.Discord.Tests.Delivery;

/// <summary>Evidence links under each claim of the Discord briefing.</summary>
public sealed class BriefingEvidenceLinksTests
{
    private static readonly Evidence Review = new("factcheck", "The council approved the bridge in 2024.", 0.8, "https://fullfact.org/online/bridge-2024/")
    {
        Title = "The bridge was not approved in 2024",
        Publisher = "Full Fact",
        Rating = "False",
    };

    [Fact]
    public void Build_ClaimWithEvidence_FieldLinksThePublisherAndTitle()
    {
        var briefing = Briefings.Small();
        briefing = briefing with { Claims = [briefing.Claims[0] with { Evidence = [Review] }, .. briefing.Claims.Skip(1)] };

        var fields = BriefingEmbedBuilder.Build(briefing).SelectMany(m => m.Embeds).SelectMany(e => e.Fields ?? []);

        fields.Should().Contain(f => f.Value.Contains("\n🔗 [Full Fact: The bridge was not approved in 2024](https://fullfact.org/online/bridge-2024/)", StringComparison.Ordinal));
    }

    [Fact]
    public void SourceLinks_MoreThanThreeAndSomeWithoutLinks_FirstThreeLinkedOnly()
    {
        Evidence[] evidence =
        [
            new("memory", "A passage.", 0.5),
            Review,
            new("wikipedia", "An extract.", 0.5, "https://en.wikipedia.org/wiki/Bridge_(structure)") { Title = "Bridge [structure]" },
            new("brave", "A page.", 0.5, "https://news.example.org/a") { Publisher = "news.example.org" },
            new("searxng", "Another page.", 0.5, "https://news.example.org/b") { Publisher = "news.example.org" },
        ];

        var line = BriefingEmbedBuilder.SourceLinks(evidence);

        line.Should().Be(
            "\n🔗 [Full Fact: The bridge was not approved in 2024](https://fullfact.org/online/bridge-2024/) · " +
            "[Bridge (structure)](https://en.wikipedia.org/wiki/Bridge_(structure%29) · [news.example.org](https://news.example.org/a)");
    }

    [Fact]
    public void SourceLinks_NoLinks_Nothing()
    {
        BriefingEmbedBuilder.SourceLinks([new Evidence("memory", "A passage.", 0.5)]).Should().BeEmpty();
    }
}
