using AutoIntel.Intelligence.Offline;

namespace AutoIntel.Intelligence.Tests.Offline;

public sealed class PerspectiveAssessorTests
{
    [Theory]
    [InlineData("Tomas Reyes: Partly. Robins have a protein in their eyes that senses magnetic fields. But they also use the stars.")]
    [InlineData("Tomas Reyes: That's an old myth, and it's simply wrong. Swallows from Britain winter in South Africa.")]
    [InlineData("Owen Maddox: No. Checking your own report is a soft search, and soft searches never affect your score.")]
    public void Assess_TwoSpeakersWhereOneContradictsTheOther_IsADebateWithTheOtherSideHeard(string answer)
    {
        var text = "Sarah Lindqvist: People always tell me that birds navigate by the stars, and they say their routes never change. " +
            "Everyone knows swallows hibernate in the mud. " + answer;

        var report = PerspectiveAssessor.Assess(text, 0);

        report.Stance.Should().Be("debate between 2 speakers");
        report.MissingViewpoints.Should().NotContain(m => m.Contains("opposing view", StringComparison.Ordinal));
        report.BiasCues.Should().NotContain(c => c.StartsWith("us-versus-them", StringComparison.Ordinal));
    }

    [Fact]
    public void Assess_TwoSpeakersAgreeing_NoOpposingViewStillSaid()
    {
        const string text = "Sarah Lindqvist: Everyone knows the ministry always cuts the budget. It never funds research. " +
            "Tomas Reyes: Yes, and the ministry never listens. It always cuts the ringing budget first.";

        PerspectiveAssessor.Assess(text, 0).MissingViewpoints.Should().Contain("No opposing view or counter-argument is acknowledged.");
    }
}
