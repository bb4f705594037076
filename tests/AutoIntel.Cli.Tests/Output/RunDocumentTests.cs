using System.Text;
using AutoIntel.Cli.Output;

namespace AutoIntel.Cli.Tests.Output;

public sealed class RunDocumentTests
{
    [Fact]
    public async Task WriteJsonLineAsync_SameTextAsToJsonAndALineBreak()
    {
        var claims = Enumerable.Range(0, 2_000)
            .Select(i => new ClaimDocument($"Rents rose {i}% in \u00C5lesund \u001b[2J.", "unverified", 0, "not checked at this depth", "Not checked.", []))
            .ToList();
        var document = new RunDocument(
            "run-1", "Completed", "standard", "big.srt", "A title", "A summary.", ["point"], claims, [], [], new CostDocument(0, 0, 0, 0, 0, 0),
            null, null, ["A note."], [], new ArtifactsDocument("briefing.md", "briefing.json"), null);
        using var stream = new MemoryStream();

        await document.WriteJsonLineAsync(stream);

        Encoding.UTF8.GetString(stream.ToArray()).Should().Be(document.ToJson() + "\n").And.NotContain("\u001b");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2_000)]
    public async Task WriteJsonLineAsync_ClaimsStreamed_SameTextAsToJsonWithThem(int count)
    {
        var claims = Enumerable.Range(0, count)
            .Select(i => new ClaimDocument($"Rents rose {i}% in \u00C5lesund \u001b[2J.", "unverified", 0.5, "offline", "Unverified \"offline\".", []))
            .ToList();
        var document = new RunDocument(
            "run-1", "Completed", "standard", "big.srt", null, "A summary.", ["point"], claims, [], [new StageDocument("analyse", 12.5, 3)],
            new CostDocument(0.01m, 1, 0, 10, 2, 0), new { tone = "neutral" }, null, [], [], new ArtifactsDocument("briefing.md", "briefing.json"), null);
        using var stream = new MemoryStream();

        await (document with { Claims = [] }).WriteJsonLineAsync(stream, claims.ToAsyncEnumerable());

        Encoding.UTF8.GetString(stream.ToArray()).Should().Be(document.ToJson() + "\n");
    }
}
