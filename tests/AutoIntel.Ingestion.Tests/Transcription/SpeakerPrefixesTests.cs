using AutoIntel.Core.Content;
using AutoIntel.Ingestion.Transcription;

namespace AutoIntel.Ingestion.Tests.Transcription;

public sealed class SpeakerPrefixesTests
{
    [Fact]
    public void Apply_SrtTurnsLabelledAtTheirStart_LabelsBecomeSpeakersAndCarryToUnlabelledCues()
    {
        const string srt = """
            1
            00:00:01,000 --> 00:00:03,000
            Jordan Ellis: Welcome back to the show where

            2
            00:00:03,000 --> 00:00:05,000
            we pull one big claim apart.

            3
            00:00:05,000 --> 00:00:07,000
            Amara Osei: Thanks for having me.

            4
            00:00:07,000 --> 00:00:09,000
            Jordan Ellis: This week: heat pumps.
            """;

        var segments = SpeakerPrefixes.Apply(SubtitleParser.Parse(srt));

        segments.Select(s => (s.Speaker, s.Text)).Should().Equal(
            ("Jordan Ellis", "Welcome back to the show where"),
            ("Jordan Ellis", "we pull one big claim apart."),
            ("Amara Osei", "Thanks for having me."),
            ("Jordan Ellis", "This week: heat pumps."));
    }

    [Fact]
    public void Apply_InterviewTextWithoutBlankLines_OneSegmentPerTurn()
    {
        const string interview = """
            INTERVIEWER: How long have you run the bakery?
            MARIA LOPEZ: Twelve years this spring.
            We started with one oven.
            INTERVIEWER: And now?
            MARIA LOPEZ: Four ovens and nine staff.
            """;

        var segments = SpeakerPrefixes.Apply(PlainTextParser.Parse(interview, markdown: false));

        segments.Select(s => (s.Speaker, s.Text)).Should().Equal(
            ("Interviewer", "How long have you run the bakery?"),
            ("Maria Lopez", "Twelve years this spring. We started with one oven."),
            ("Interviewer", "And now?"),
            ("Maria Lopez", "Four ovens and nine staff."));
    }

    [Fact]
    public void Apply_MarkdownBoldLabels_BothBoldFormsRead()
    {
        const string markdown = """
            # Episode 4

            **Host:** Who funds the new bridge?

            **Dr. Lena Park**: The federal grant pays for it, not the local tax.

            **Host:** So residents pay nothing?

            **Dr. Lena Park:** Nothing beyond the usual maintenance budget.
            """;

        var segments = SpeakerPrefixes.Apply(PlainTextParser.Parse(markdown, markdown: true));

        segments.Select(s => s.Speaker).Should().Equal(null, "Host", "Dr. Lena Park", "Host", "Dr. Lena Park");
        segments[2].Text.Should().Be("The federal grant pays for it, not the local tax.");
    }

    [Theory]
    [InlineData("Note: the figures are provisional.\n\nNote: revised in May.\n\nThe council approved the plan.")]
    [InlineData("Update: the vote moved to Friday.\n\nUpdate: it passed.\n\nMore next week.")]
    [InlineData("Pros: cheap to run.\n\nCons: slow to install.\n\nPros: quiet.\n\nCons: needs space.")]
    [InlineData("Step One: open the valve.\n\nStep One: again, open it.")]
    public void Apply_HeadingLikeLabels_NoSpeakers(string text)
    {
        var segments = SpeakerPrefixes.Apply(PlainTextParser.Parse(text, markdown: false));

        segments.Should().OnlyContain(s => s.Speaker == null);
        segments[0].Text.Should().Be(text[..text.IndexOf('\n', StringComparison.Ordinal)], "a refused label stays in the text");
    }

    [Fact]
    public void Apply_NameLabellingOnlyOneParagraph_NotASpeaker()
    {
        const string article = "The mayor spoke first.\n\nJane Smith: a resident since 1990, she runs the market.\n\nThe vote followed.";

        var segments = SpeakerPrefixes.Apply(PlainTextParser.Parse(article, markdown: false));

        segments.Should().OnlyContain(s => s.Speaker == null, "one label is not enough evidence of a transcript");
    }

    [Fact]
    public void Apply_CaptionPrefixes_DoubleChevronAndDashRead()
    {
        var segments = SpeakerPrefixes.Apply([
            new TranscriptSegment(">> ANNA: We open at nine."),
            new TranscriptSegment("- Ben: Not on Sundays."),
            new TranscriptSegment(">> ANNA: Right, ten on Sundays."),
            new TranscriptSegment("- Ben: Thanks."),
        ]);

        segments.Select(s => (s.Speaker, s.Text)).Should().Equal(
            ("Anna", "We open at nine."), ("Ben", "Not on Sundays."), ("Anna", "Right, ten on Sundays."), ("Ben", "Thanks."));
    }

    [Fact]
    public void Apply_SegmentsThatAlreadyHaveSpeakers_KeptAndCarried()
    {
        var segments = SpeakerPrefixes.Apply([
            new TranscriptSegment("Good evening.", Speaker: "Narrator"),
            new TranscriptSegment("Kim: First question."),
            new TranscriptSegment("Kim: Second question."),
            new TranscriptSegment("and a follow-up."),
        ]);

        segments.Select(s => s.Speaker).Should().Equal("Narrator", "Kim", "Kim", "Kim");
    }

    [Fact]
    public void RealTalkStyleVtt_VoicesWithClassesAndTwoVoicesInACue_EveryLineAttributed()
    {
        var segments = SpeakerPrefixes.Apply(SubtitleParser.Parse(File.ReadAllText("Fixtures/panel-talk.vtt")));

        segments.Select(s => s.Speaker).Distinct().Should().Equal("Moderator", "Dr. Helen Marsh", "Councillor Raj Patel");
        segments.Should().Contain(s => s.Speaker == "Councillor Raj Patel" && s.Text.StartsWith("Everyone knows", StringComparison.Ordinal));
        segments.Should().Contain(s => s.Speaker == "Moderator" && s.Text == "Dr. Marsh, is he right about the dry winters?");
        segments.Should().NotContain(s => s.Text.Contains('<', StringComparison.Ordinal) || s.Text.Contains("Riverside", StringComparison.Ordinal));
    }

    [Fact]
    public void InterviewTxt_CapsLabelsAndATitleLine_TitleHasNoSpeakerTurnsDo()
    {
        var segments = SpeakerPrefixes.Apply(PlainTextParser.Parse(File.ReadAllText("Fixtures/bakery-interview.txt"), markdown: false));

        segments[0].Speaker.Should().BeNull("the episode title precedes the first turn");
        segments.Skip(1).Select(s => s.Speaker).Should().OnlyContain(s => s == "Interviewer" || s == "Maria Lopez");
        segments.Should().HaveCount(11, "the title and ten turns");
        segments.Should().Contain(s => s.Speaker == "Interviewer" && s.Text == "Note that the council disputes that last figure.");
        segments.Should().Contain(s => s.Speaker == "Maria Lopez" && s.Text.EndsWith("never borrow against the building.", StringComparison.Ordinal));
    }
}
