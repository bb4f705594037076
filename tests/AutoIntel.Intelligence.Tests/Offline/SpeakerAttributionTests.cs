using System.Text.Json;
using AutoIntel.Core.Content;
using AutoIntel.Core.Text;
using AutoIntel.Intelligence.Offline;
using AutoIntel.Intelligence.Prompts;
using AutoIntel.Intelligence.Analyses;

namespace AutoIntel.Intelligence.Tests.Offline;

/// <summary>Who said what, on the offline path and in the LLM answers' validation.</summary>
public sealed class SpeakerAttributionTests
{
    private readonly OfflineAnalyzer _analyzer = new();

    private static Chunk Interview() => Chunker.Split(new Transcript("Heat pumps", "interview.txt",
    [
        new TranscriptSegment("Welcome back. I'm Jordan Ellis, and with me is Amara Osei.", Speaker: "Jordan Ellis"),
        new TranscriptSegment("Thanks, Jordan. Field trials by the Energy Systems Catapult in 2023 measured a median seasonal performance of 2.8 across 742 homes. "
            + "Because it moves heat rather than burning fuel, a heat pump delivers about three units of heat for every unit of electricity.", Speaker: "Amara Osei"),
        new TranscriptSegment("My brother-in-law put one in two winters ago, and his bills went through the roof, so these things clearly don't work in real homes. "
            + "Electricity costs about four times as much as gas per unit here, according to Ofgem data from 2024.", Speaker: "Graham Whitlock"),
        new TranscriptSegment("Amara, Graham, thank you both.", Speaker: "Jordan Ellis"),
    ]), 2000).Single();

    [Fact]
    public async Task Offline_ClaimsArgumentsAndFallacies_CarryTheirTurnsSpeaker()
    {
        var chunk = Interview();

        var claims = (await _analyzer.ExtractClaimsAsync(OfflineFixture.Request, chunk)).Value;
        var arguments = (await _analyzer.AnalyseChunkAsync(new ArgumentsAnalysis(), OfflineFixture.Request, chunk)).Value;
        var fallacies = (await _analyzer.AnalyseChunkAsync(new FallaciesAnalysis(), OfflineFixture.Request, chunk)).Value;

        claims.Should().Contain(c => c.Text.StartsWith("Field trials", StringComparison.Ordinal) && c.Speaker == "Amara Osei");
        claims.Should().Contain(c => c.Text.StartsWith("Electricity costs", StringComparison.Ordinal) && c.Speaker == "Graham Whitlock");
        claims.Should().OnlyContain(c => c.Speaker != null);
        arguments.Should().Contain(a => a.Conclusion.Contains("three units", StringComparison.Ordinal) && a.Speaker == "Amara Osei");
        fallacies.Should().Contain(f => f.Type == "hasty_generalization" && f.Speaker == "Graham Whitlock"
            && f.Quote.StartsWith("My brother-in-law", StringComparison.Ordinal), "the quote opened Graham's turn; his label is shown apart");
    }

    [Fact]
    public async Task Offline_Entities_SpeakerLabelsAreNotMentions()
    {
        var entities = (await _analyzer.AnalyseChunkAsync(new EntitiesAnalysis(), OfflineFixture.Request, Interview())).Value;

        // Said aloud: "I'm Jordan Ellis", "Thanks, Jordan" / "with me is Amara Osei", "Amara" / "Graham". The six labels add nothing.
        entities.Should().Contain(e => e.Name == "Jordan Ellis" && e.Mentions == 2);
        entities.Should().Contain(e => e.Name == "Amara Osei" && e.Mentions == 2);
        entities.Should().NotContain(e => e.Name == "Graham Whitlock", "Graham is only ever a label and one first name");
    }

    [Fact]
    public async Task Offline_TextWithoutSpeakers_NoSpeakerAnywhere()
    {
        var chunk = OfflineFixture.AsChunk("Field trials by the Energy Systems Catapult in 2023 measured a median seasonal performance of 2.8 across 742 homes.");

        var claims = (await _analyzer.ExtractClaimsAsync(OfflineFixture.Request, chunk)).Value;

        claims.Should().ContainSingle().Which.Speaker.Should().BeNull();
    }

    [Fact]
    public void Llm_ClaimSpeaker_KeptWhenLabelledElseNull()
    {
        var input = Input(Interview());
        var answer = Json("""
            {"claims":[
              {"text":"Heat pump field trials in 2023 measured a median seasonal performance of 2.8.","checkWorthiness":0.8,"speaker":"amara osei"},
              {"text":"Electricity costs four times as much as gas in the UK.","checkWorthiness":0.7,"speaker":"The Guardian"},
              {"text":"Heat pumps deliver three units of heat per unit of electricity.","checkWorthiness":0.6,"speaker":null},
              {"text":"A heat pump moves heat rather than burning fuel.","checkWorthiness":0.5}
            ],"ignoredInstructions":[]}
            """);

        var claims = AnalysisTasks.ClaimExtraction.Parse(answer, input);

        claims.Select(c => c.Speaker).Should().Equal("Amara Osei", null, null, null);
    }

    [Fact]
    public void Llm_QuotedItems_SpeakerFromWhereTheQuoteIsNotWhatTheModelSays()
    {
        var input = Input(Interview());
        var answer = Json("""
            {"fallacies":[
              {"type":"hasty_generalization","quote":"his bills went through the roof, so these things clearly don't work in real homes",
               "explanation":"One anecdote.","confidence":0.7,"speaker":"Amara Osei"},
              {"type":"appeal_to_authority","quote":"Amara Osei: Thanks, Jordan.","explanation":"x","confidence":0.2,"speaker":null}
            ],"ignoredInstructions":[]}
            """);

        var fallacies = new FallaciesAnalysis().Prompt.Parse(answer, input);

        fallacies[0].Speaker.Should().Be("Graham Whitlock");
        fallacies[1].Should().Match<Core.Analysis.Fallacy>(f => f.Speaker == "Amara Osei" && f.Quote == "Thanks, Jordan.", "a copied label is shown apart");
    }

    [Fact]
    public void Llm_Entities_SpeakerMentionsCappedAtWhatTheTextSays()
    {
        var input = Input(Interview());
        var answer = Json("""
            {"entities":[
              {"name":"Amara Osei","type":"person","mentions":3},
              {"name":"Graham Whitlock","type":"person","mentions":2},
              {"name":"Energy Systems Catapult","type":"organization","mentions":1}
            ],"ignoredInstructions":[]}
            """);

        var entities = new EntitiesAnalysis().Prompt.Parse(answer, input);

        entities.Select(e => (e.Name, e.Mentions)).Should().Equal(("Amara Osei", 2), ("Graham Whitlock", 1), ("Energy Systems Catapult", 1));
    }

    [Fact]
    public void Llm_NoSpeakersInTheData_AnySpeakerDropped()
    {
        var input = new TaskInput([], "Electricity costs four times as much as gas.", 0);
        var answer = Json("""{"claims":[{"text":"Electricity costs four times as much as gas.","checkWorthiness":0.7,"speaker":"Graham"}],"ignoredInstructions":[]}""");

        AnalysisTasks.ClaimExtraction.Parse(answer, input).Single().Speaker.Should().BeNull();
    }

    private static TaskInput Input(Chunk chunk) => new([new DataSection("chunk 1", chunk.Text)], chunk.Text, 0, SpeakerTurns.Of(chunk));

    private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement.Clone();
}
