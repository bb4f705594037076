using System.Text.Json;
using AutoIntel.Core.Content;
using AutoIntel.Core.Serialization;

namespace AutoIntel.Core.Tests.Content;

public sealed class AcquiredContentTests
{
    private static readonly ArtifactRef Raw = new("runs/r/source.srt", 10, "application/x-subrip");

    [Fact]
    public void Serialize_NotInPieces_WritesTheSameJsonAsBeforeTheFlagExisted()
    {
        var json = JsonSerializer.Serialize(new AcquiredContent("s", ContentKind.Subtitles, "t", "application/x-subrip", Raw), AutoIntelJson.Options);

        json.Should().NotContain("transcribeInPieces");
    }

    [Fact]
    public void Deserialize_RecordedBeforeTheFlag_IsNotInPieces()
    {
        const string recorded = """{"source":"s","kind":"audio","title":"t","mediaType":"audio/mpeg","raw":{"path":"runs/r/source.mp3","bytes":60000000,"mediaType":"audio/mpeg"}}""";

        var content = JsonSerializer.Deserialize<AcquiredContent>(recorded, AutoIntelJson.Options)!;

        content.TranscribeInPieces.Should().BeFalse("a run acquired by older code finishes on the one-call path its history expects");
    }

    [Fact]
    public void RoundTrip_InPieces_KeepsTheFlag()
    {
        var content = new AcquiredContent("s", ContentKind.Audio, "t", "audio/mpeg", Raw, TranscribeInPieces: true);

        var json = JsonSerializer.Serialize(content, AutoIntelJson.Options);

        JsonSerializer.Deserialize<AcquiredContent>(json, AutoIntelJson.Options).Should().Be(content);
    }
}
