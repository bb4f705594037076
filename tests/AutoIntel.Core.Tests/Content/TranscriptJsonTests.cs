using System.Text.Json;
using AutoIntel.Core.Content;
using AutoIntel.Core.Serialization;

namespace AutoIntel.Core.Tests.Content;

public sealed class TranscriptJsonTests
{
    private static readonly Transcript Sample = new("Episode", "ep.srt", [new("Welcome back.", TimeSpan.FromSeconds(1)), new("Heat pumps.\nCold climates.", TimeSpan.FromSeconds(4), null, "Jordan")]);

    [Fact]
    public void Serialize_Transcript_StoresSegmentsButNotTheComputedFullText()
    {
        using var json = JsonDocument.Parse(JsonSerializer.Serialize(Sample, AutoIntelJson.Options));

        json.RootElement.EnumerateObject().Select(p => p.Name).Should().Equal("title", "source", "segments");
    }

    [Fact]
    public void Deserialize_ArtifactWrittenWithFullText_ReadsTheSameTranscript()
    {
        // Transcript artifacts stored before FullText was ignored carry it; runs resumed from them must still read them.
        const string stored = """
            {"title":"Episode","source":"ep.srt","segments":[{"text":"Welcome back.","start":"00:00:01","end":null,"speaker":null}],"fullText":"Welcome back."}
            """;

        var transcript = JsonSerializer.Deserialize<Transcript>(stored, AutoIntelJson.Options)!;

        transcript.Segments.Should().ContainSingle().Which.Should().Be(new TranscriptSegment("Welcome back.", TimeSpan.FromSeconds(1)));
        transcript.FullText.Should().Be("Welcome back.");
    }

    [Fact]
    public void RoundTrip_Transcript_KeepsEverySegmentAndTheSameFullText()
    {
        var back = JsonSerializer.Deserialize<Transcript>(JsonSerializer.Serialize(Sample, AutoIntelJson.Options), AutoIntelJson.Options)!;

        back.Segments.Should().Equal(Sample.Segments);
        back.FullText.Should().Be(Sample.FullText);
    }
}
