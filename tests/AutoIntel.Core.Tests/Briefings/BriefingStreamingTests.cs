using System.Text;
using System.Text.Json;
using AutoIntel.Core.Analysis;
using AutoIntel.Core.Briefings;
using AutoIntel.Core.FactCheck;
using AutoIntel.Core.Runs;
using AutoIntel.Core.Serialization;

namespace AutoIntel.Core.Tests.Briefings;

/// <summary>The briefing files written into a stream are the bytes the in-memory renderings give, and read back the same.</summary>
public sealed class BriefingStreamingTests
{
    [Theory]
    [InlineData(0, false)]
    [InlineData(3, false)]
    [InlineData(3, true)]
    [InlineData(5_000, true)]
    public async Task WriteAsync_Json_SameBytesAsTheDocumentTree(int claims, bool speakers)
    {
        var briefing = Briefing(claims, speakers);
        using var stream = new MemoryStream();

        await BriefingJson.WriteAsync(stream, briefing);

        Encoding.UTF8.GetString(stream.ToArray()).Should().Be(BriefingJson.ToNode(briefing).ToJsonString(AutoIntelJson.Options));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5_000)]
    public async Task WriteAsync_Markdown_SameBytesAsTheRenderedText(int claims)
    {
        var briefing = Briefing(claims, speakers: true);
        using var stream = new MemoryStream();

        await MarkdownBriefingRenderer.WriteAsync(stream, briefing);

        stream.ToArray().Should().Equal(Encoding.UTF8.GetBytes(MarkdownBriefingRenderer.Render(briefing)));
    }

    [Fact]
    public async Task ReadAsync_SameBriefingAsReadFromText()
    {
        var json = BriefingJson.ToNode(Briefing(3, speakers: true)).ToJsonString(AutoIntelJson.Options);
        static (string, string)? Section(string property) => property == "tone" ? ("tone", "Tone") : null;
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));

        var streamed = await BriefingJson.ReadAsync(stream, Section);

        var read = BriefingJson.Read(json, Section);
        JsonSerializer.Serialize(streamed, AutoIntelJson.Options).Should().Be(JsonSerializer.Serialize(read, AutoIntelJson.Options));
        streamed.Section("tone")!.Data[0].GetProperty("label").GetString().Should().Be("neutral");
    }

    [Fact]
    public async Task ReadAsync_NotAnObject_JsonException()
    {
        using var stream = new MemoryStream("[1]"u8.ToArray());

        var read = () => BriefingJson.ReadAsync(stream);

        await read.Should().ThrowAsync<JsonException>();
    }

    private static Briefing Briefing(int claims, bool speakers) => new(
        "run-1",
        "Housing \u201Cdebate\u201D \U0001F3E0",
        "https://example.com/debate",
        Depth.Standard,
        new DateTime(2026, 3, 4, 5, 6, 7, DateTimeKind.Utc),
        [.. Enumerable.Range(0, claims).Select(i => Claim(i, speakers))],
        MemoryReport.Empty,
        Usage.None,
        [],
        ["A note."],
        Sections: [
            new BriefingSection(
                "arguments",
                "Arguments",
                JsonSerializer.SerializeToElement(new[] { new Argument("Rents will keep rising", ["supply is short"], "Rents will keep rising because supply is short.", 0, 0.5, "Tom") }, AutoIntelJson.Options),
                "- **Rents will keep rising** — Tom",
                [],
                "arguments"),
            new BriefingSection("tone", "Tone", JsonSerializer.SerializeToElement(new[] { new { label = "neutral" } }), "Overall: neutral", [], "tone"),
            new BriefingSection("word_count", "Word count", JsonSerializer.SerializeToElement(new { words = 3 }), "- 3 words", [])]);

    private static ClaimVerdict Claim(int i, bool speakers)
    {
        var text = $"Rents rose {i}% in \u00C5lesund \U0001F4C8.";
        var claim = new Claim(ClaimId.From(text), text, i / 10, 0.5, speakers && i % 3 != 0 ? $"Speaker {i % 4}" : null);
        return i % 2 == 0
            ? ClaimVerdict.NotChecked(claim, "standard", 12)
            : new ClaimVerdict(claim, Verdict.Unverified, 0, "Unverified offline.", [], "offline");
    }
}
