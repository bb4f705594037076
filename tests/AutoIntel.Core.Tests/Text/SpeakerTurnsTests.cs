using AutoIntel.Core.Content;
using AutoIntel.Core.Text;

namespace AutoIntel.Core.Tests.Text;

public sealed class SpeakerTurnsTests
{
    private static Transcript Debate() => new("Debate", "debate.srt",
    [
        new TranscriptSegment("Welcome to the debate on", TimeSpan.FromSeconds(1), Speaker: "Jordan Ellis"),
        new TranscriptSegment("heat pumps.", TimeSpan.FromSeconds(3)),
        new TranscriptSegment("They deliver three units of heat per unit of electricity", TimeSpan.FromSeconds(5), Speaker: "Amara Osei"),
        new TranscriptSegment("Electricity costs four times as much as gas.", TimeSpan.FromSeconds(9), Speaker: "Graham Whitlock"),
        new TranscriptSegment("Amara, your answer?", TimeSpan.FromSeconds(12), Speaker: "Jordan Ellis"),
    ]);

    [Fact]
    public void Chunker_SpeakerSegments_TurnsOpenWithLabelsAndNeverShareASentence()
    {
        var chunk = Chunker.Split(Debate(), 500).Should().ContainSingle().Subject;

        chunk.Text.Should().Be("Jordan Ellis: Welcome to the debate on heat pumps. Amara Osei: They deliver three units of heat per unit of electricity. "
            + "Graham Whitlock: Electricity costs four times as much as gas. Jordan Ellis: Amara, your answer?");
        chunk.Speakers.Should().Equal("Jordan Ellis", "Amara Osei", "Graham Whitlock");
        chunk.SpeakerAtStart.Should().Be("Jordan Ellis");
        SentenceSplitter.Split(chunk.Text).Should().Contain("Amara Osei: They deliver three units of heat per unit of electricity.",
            "a turn ends a sentence, so Amara's unpunctuated words never run into Graham's");
    }

    [Fact]
    public void Chunker_ChunkOpeningMidTurn_KnowsWhoIsSpeaking()
    {
        var transcript = new Transcript("t", "s",
        [
            new TranscriptSegment("One sentence here. Two sentences here. Three sentences here. Four sentences here.", Speaker: "Ann Lee"),
            new TranscriptSegment("A reply.", Speaker: "Bo Chen"),
        ]);

        var chunks = Chunker.Split(transcript, 8);

        chunks.Count.Should().BeGreaterThan(1);
        chunks[0].Text.Should().StartWith("Ann Lee: ");
        chunks[1].Text.Should().NotStartWith("Ann Lee:");
        chunks[1].SpeakerAtStart.Should().Be("Ann Lee");
        chunks[^1].Speakers.Should().Contain("Bo Chen");
        chunks.Should().OnlyContain(c => c.TokenCount <= 8 || !c.Text.Contains(' ', StringComparison.Ordinal));
        SpeakerTurns.WithOpeningLabel(chunks[1]).Should().StartWith("Ann Lee: ");
    }

    [Fact]
    public void Chunker_NoSpeakers_TextAndChunksAsBefore()
    {
        var chunk = Chunker.Split(new Transcript("t", "s", [new TranscriptSegment("Note: plain text."), new TranscriptSegment("More.")]), 100).Single();

        chunk.Text.Should().Be("Note: plain text. More.");
        chunk.Speakers.Should().BeNull();
        chunk.SpeakerAtStart.Should().BeNull();
        SpeakerTurns.Of(chunk).Speakers.Should().BeEmpty();
    }

    [Fact]
    public void Labelled_SegmentTextsAsChunksCarryThem()
    {
        SpeakerTurns.Labelled(Debate().Segments).Should().Equal(
            "Jordan Ellis: Welcome to the debate on", "heat pumps.", "Amara Osei: They deliver three units of heat per unit of electricity",
            "Graham Whitlock: Electricity costs four times as much as gas.", "Jordan Ellis: Amara, your answer?");
    }

    [Fact]
    public void Of_QuoteInATurn_ThatTurnsSpeaker()
    {
        var chunk = Chunker.Split(Debate(), 500)[0];
        var turns = SpeakerTurns.Of(chunk);

        turns.Of(chunk.Text, "electricity costs four times as much as gas").Should().Be("Graham Whitlock");
        turns.Of(chunk.Text, "Welcome to the debate").Should().Be("Jordan Ellis");
        turns.Of(chunk.Text, "Amara, your answer?").Should().Be("Jordan Ellis", "naming Amara does not make her the speaker");
        turns.Of(chunk.Text, "words nobody said").Should().BeNull();
    }

    [Fact]
    public void Known_OnlyLabelledSpeakersInTheirSpelling()
    {
        var turns = SpeakerTurns.Of(Chunker.Split(Debate(), 500)[0]);

        turns.Known("amara osei").Should().Be("Amara Osei");
        turns.Known("Graham Whitlock:").Should().Be("Graham Whitlock");
        turns.Known("The narrator").Should().BeNull();
        turns.Known(null).Should().BeNull();
    }

    [Fact]
    public void WithoutLabelsAndMentions_LabelsAreNotMentions()
    {
        var chunk = Chunker.Split(Debate(), 500)[0];
        var turns = SpeakerTurns.Of(chunk);

        turns.WithoutLabels(chunk.Text).Should().NotContain("Jordan Ellis").And.NotContain("Graham Whitlock").And.Contain("Amara, your answer?");
        turns.MentionsOf(chunk.Text, "Amara Osei").Should().Be(1, "only the spoken 'Amara' counts, not her label");
        turns.MentionsOf(chunk.Text, "Graham Whitlock").Should().Be(0);
    }
}
