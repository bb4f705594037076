using AutoIntel.Core.Content;
using AutoIntel.Storage;
using AutoIntel.Workflows.AutoIntel.Transcribe;

namespace AutoIntel.Workflows.Tests.AutoIntel.Transcribe;

public sealed class TranscriptInfoTests
{
    [Theory]
    [InlineData(0, "")]
    [InlineData(1, "")]
    [InlineData(1, "one")]
    [InlineData(3, "Welcome back.||Heat pumps work — even at −15 °C.")]
    public async Task StoreAsync_AnyTranscript_CharactersAreTheLengthOfItsFullText(int count, string joined)
    {
        // Segment texts separated by '|' (a segment may be empty).
        string[] texts = count == 0 ? [] : joined.Split('|');
        var transcript = new Transcript("t", "src", [.. texts.Select(t => new TranscriptSegment(t))]);

        var info = await TranscriptInfo.StoreAsync(new InMemoryArtifactStore(), "run-1", transcript, CancellationToken.None);

        info.Characters.Should().Be(transcript.FullText.Length);
        info.Segments.Should().Be(texts.Length);
    }
}
