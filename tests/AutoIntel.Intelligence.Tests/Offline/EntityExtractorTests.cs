using AutoIntel.Intelligence.Offline;

namespace AutoIntel.Intelligence.Tests.Offline;

public sealed class EntityExtractorTests
{
    [Theory]
    [InlineData("The item tonight is the proposed bus lane on Mill Road. The shops on Mill Road depend on passing trade.", "Mill Road")]
    [InlineData("People say the Great Wall is visible from space. Not even the Great Wall is.", "Great Wall")]
    [InlineData("The Empire State Building was finished in 1931. The Empire State Building has 102 floors.", "Empire State Building")]
    [InlineData("Crews flew to the International Space Station twice. The International Space Station orbits every 90 minutes.", "International Space Station")]
    public void Extract_StreetsAndStructures_ArePlacesNotPeople(string text, string name)
    {
        var entities = EntityExtractor.Extract(text);

        entities.Should().Contain(e => e.Name == name && e.Type == "place");
        entities.Should().NotContain(e => e.Type == "person");
    }

    [Fact]
    public void Extract_PlaceOfAPlace_OnePlaceCountingTheShortMentions()
    {
        var entities = EntityExtractor.Extract("Can you see the Great Wall of China from the Moon? No, the Great Wall is far too narrow.");

        entities.Should().ContainEquivalentOf(new AutoIntel.Core.Analysis.Entity("Great Wall of China", "place", 2));
        entities.Should().NotContain(e => e.Name == "Great Wall");
    }

    [Theory]
    [InlineData("Archaeologists have found edible honey in Egyptian tombs.", "Egyptian")]
    [InlineData("The recipe came from Italian grandmothers.", "Italian")]
    [InlineData("Prices rose in Japanese cities.", "Japanese")]
    public void Extract_NationalityAdjectiveAfterAPreposition_IsNoPlace(string text, string adjective) =>
        EntityExtractor.Extract(text).Should().NotContain(e => e.Name == adjective);

    [Fact]
    public void Extract_PlaceNamesAfterAPreposition_StillPlaces() =>
        EntityExtractor.Extract("She moved from Denver to Lisbon in spring.").Where(e => e.Type == "place").Select(e => e.Name)
            .Should().Contain(["Denver", "Lisbon"]);
}
