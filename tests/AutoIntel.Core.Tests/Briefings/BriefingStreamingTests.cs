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
    [InlineData(1)]
    [InlineData(20_000)]
    public async Task WriteAsync_StoredSections_SameBytesAsTheSectionsInTheBriefing(int arguments)
    {
        // Long sections' data (past the writer's flush size, nested lists in objects) is written item by item as it is flushed.
        var many = Enumerable.Range(0, arguments)
            .Select(i => new Argument($"Claim {i} \"quoted\"\n\u001b[0m \U0001F3E0", [$"premise {i}", "é"], $"Quote {i}.", i, 0.5, i % 2 == 0 ? "Tom" : null))
            .ToArray();
        var briefing = Briefing(3, speakers: true) with
        {
            Sections =
            [
                new BriefingSection("arguments", "Arguments", JsonSerializer.SerializeToElement(many, AutoIntelJson.Options), "- many", [], "arguments"),
                new BriefingSection("tone", "Tone", JsonSerializer.SerializeToElement(new { overall = "calm", byChunk = many.Select(a => new { a.Conclusion, nested = new { a.Premises } }) }, AutoIntelJson.Options), "calm", [], "tone"),
                new BriefingSection("word_count", "Word count", JsonSerializer.SerializeToElement(new { words = many.Select(a => a.Quote) }), new string('w', 50_000), []),
            ],
        };
        var source = new SectionSource(
            [.. briefing.Sections.Select(s => new StoredSection(s.Name, s.JsonProperty, new ArtifactRef($"runs/run-1/sections/{s.Name}.json", 1, "application/json")))],
            (stored, _) => Task.FromResult<Stream>(new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(briefing.Sections.Single(s => s.Name == stored.Name), AutoIntelJson.Options))));
        using var whole = new MemoryStream();
        using var streamed = new MemoryStream();
        using var stage = new MemoryStream();

        await BriefingJson.WriteAsync(whole, briefing);
        await BriefingJson.WriteAsync(streamed, briefing with { Sections = [] }, null, source);
        await BriefingJson.WriteSectionsAsync(stage, source);

        streamed.ToArray().Should().Equal(whole.ToArray());
        var document = BriefingJson.ToNode(briefing);
        using var written = JsonDocument.Parse(stage.ToArray());
        written.RootElement.EnumerateObject().Select(p => p.Name).Should().Equal("arguments", "tone", "sections");
        foreach (var property in written.RootElement.EnumerateObject())
        {
            property.Value.GetRawText().Should().Be(document[property.Name]!.ToJsonString(AutoIntelJson.Options));
        }
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

    [Theory]
    [InlineData(0, 0, false)]
    [InlineData(3, 0, true)]
    [InlineData(0, 7, true)]
    [InlineData(3, 7, false)]
    [InlineData(12, 5_000, true)]
    public async Task WriteAsync_Json_MoreClaimsStreamed_SameBytesAsAllInTheBriefing(int inBriefing, int more, bool speakers)
    {
        var all = Briefing(inBriefing + more, speakers);
        using var stream = new MemoryStream();

        await BriefingJson.WriteAsync(stream, all with { Claims = [.. all.Claims.Take(inBriefing)] }, all.Claims.Skip(inBriefing).ToAsyncEnumerable());

        Encoding.UTF8.GetString(stream.ToArray()).Should().Be(BriefingJson.ToNode(all).ToJsonString(AutoIntelJson.Options));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(2, 0)]
    [InlineData(0, 3)]
    [InlineData(12, 5_000)]
    public async Task WriteClaimsAsync_SameBytesAsTheListSerialized(int first, int more)
    {
        var claims = Briefing(first + more, speakers: true).Claims;
        using var stream = new MemoryStream();

        await BriefingJson.WriteClaimsAsync(stream, [.. claims.Take(first)], claims.Skip(first).ToAsyncEnumerable());

        Encoding.UTF8.GetString(stream.ToArray()).Should().Be(JsonSerializer.Serialize(claims, AutoIntelJson.Options));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(99)]
    [InlineData(100)]
    [InlineData(101)]
    [InlineData(2_500)]
    public async Task Markdown_NotCheckedBeyondTheCap_CountedNotListed_SameBytesWhenStreamed(int notChecked)
    {
        var briefing = Checked(3, notChecked);
        var listed = Math.Min(notChecked, MarkdownBriefingRenderer.NotCheckedListed);
        using var stream = new MemoryStream();

        await MarkdownBriefingRenderer.WriteAsync(stream, briefing with { Claims = [.. briefing.Claims.Take(3 + listed)] }, notChecked - listed);

        var md = MarkdownBriefingRenderer.Render(briefing);
        stream.ToArray().Should().Equal(Encoding.UTF8.GetBytes(md));
        md.Should().Contain($"| {3 + listed} | ").And.NotContain($"| {3 + listed + 1} | ");
        if (notChecked > MarkdownBriefingRenderer.NotCheckedListed)
        {
            var rest = notChecked - listed;
            md.Should().Contain(rest == 1
                ? "_1 more claim was found but not checked at this depth; briefing.json lists every claim._"
                : $"_{rest:N0} more claims were found but not checked at this depth; briefing.json lists every claim._");
        }
        else
        {
            md.Should().NotContain("more claim");
        }
    }

    [Fact]
    public void Markdown_CheckedClaimAfterTheCap_StillListed()
    {
        var briefing = Checked(0, 150);
        var late = briefing.Claims[^1] with { Verdict = Verdict.Unverified, Method = "offline", Rationale = "Unverified offline." };
        var md = MarkdownBriefingRenderer.Render(briefing with { Claims = [.. briefing.Claims.SkipLast(1), late] });

        md.Should().Contain("| 150 | ").And.NotContain("more claims were found");
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(3, true)]
    [InlineData(5_000, true)]
    public async Task BriefingFile_ReadInTwoParts_SameBriefingAsReadWhole(int claims, bool speakers)
    {
        var briefing = Briefing(claims, speakers);
        using var json = new MemoryStream();
        await BriefingJson.WriteAsync(json, briefing);
        var bytes = json.ToArray();
        Task<Stream> Open(CancellationToken t) => Task.FromResult<Stream>(new MemoryStream(bytes));
        static (string, string)? Section(string property) => property == "tone" ? ("tone", "Tone") : null;

        var (rest, _) = await BriefingFile.ReadWithoutClaimsAsync(Open, (s, t) => BriefingJson.ReadAsync(s, Section, t));
        var listed = await BriefingFile.ReadClaimsAsync(Open).ToListAsync();

        var whole = await BriefingJson.ReadAsync(new MemoryStream(bytes), Section);
        JsonSerializer.Serialize(rest, AutoIntelJson.Options).Should().Be(JsonSerializer.Serialize(whole with { Claims = [] }, AutoIntelJson.Options));
        JsonSerializer.Serialize(listed, AutoIntelJson.Options).Should().Be(JsonSerializer.Serialize(whole.Claims, AutoIntelJson.Options));
    }

    [Fact]
    public async Task BriefingFile_ReaderStopsEarly_ReturnsWithoutWaitingForTheRestOfTheFile()
    {
        var bytes = await WrittenAsync(Briefing(2_000, speakers: true) with { Title = new string('t', 300_000) });
        Task<Stream> Open(CancellationToken t) => Task.FromResult<Stream>(new MemoryStream(bytes));

        // Reads one buffer and stops, as a reader that fails on the document's first bytes does.
        var first = await BriefingFile.ReadWithoutClaimsAsync(Open, async (s, t) => (await s.ReadAsync(new byte[16], t), Briefing(0, false)).Item2)
            .WaitAsync(TimeSpan.FromSeconds(30));

        first.Briefing.Claims.Should().BeEmpty();
    }

    [Fact]
    public async Task BriefingFile_CutShort_FailsAsInvalidJson()
    {
        var bytes = await WrittenAsync(Briefing(50, speakers: false));
        Task<Stream> Open(CancellationToken t) => Task.FromResult<Stream>(new MemoryStream(bytes[..(bytes.Length / 2)]));

        var read = () => BriefingFile.ReadWithoutClaimsAsync(Open, (s, t) => BriefingJson.ReadAsync(s, null, t));

        await read.Should().ThrowAsync<JsonException>();
    }

    [Fact]
    public async Task BriefingFile_PropertiesLeftOut_NotReadAndNamedInTheFilesOrder()
    {
        var briefing = Briefing(5, speakers: true) with
        {
            Sections =
            [
                new BriefingSection("arguments", "Arguments", JsonSerializer.SerializeToElement(new[] { "a" }), "- a", [], "arguments"),
                new BriefingSection("tone", "Tone", JsonSerializer.SerializeToElement(new { overall = "calm" }), "calm", [], "tone"),
            ],
        };
        var bytes = await WrittenAsync(briefing);
        Task<Stream> Open(CancellationToken t) => Task.FromResult<Stream>(new MemoryStream(bytes));
        static (string, string)? Section(string property) => (property, property);

        var (read, leftOut) = await BriefingFile.ReadWithoutClaimsAsync(Open, (s, t) => BriefingJson.ReadAsync(s, Section, t), ["tone", "nowhere", "arguments"]);

        leftOut.Should().Equal("arguments", "tone");
        read.Sections.Should().BeEmpty();
        read.Claims.Should().BeEmpty();
        read.Title.Should().Be(briefing.Title);
    }

    private static async Task<byte[]> WrittenAsync(Briefing briefing)
    {
        using var json = new MemoryStream();
        await BriefingJson.WriteAsync(json, briefing);
        return json.ToArray();
    }

    [Fact]
    public async Task BriefingFile_TokensLongerThanTheBuffer_StillFound()
    {
        var briefing = Briefing(3, speakers: true) with { Title = new string('t', 200_000) };
        using var json = new MemoryStream();
        await BriefingJson.WriteAsync(json, briefing);
        var text = Encoding.UTF8.GetString(json.ToArray());

        var found = await BriefingFile.FindClaimsAsync(new MemoryStream(json.ToArray()));

        found.Should().NotBeNull();
        var (start, end) = found!.Value;
        text[(int)start..(int)end].Should().Be(JsonSerializer.Serialize(briefing.Claims, AutoIntelJson.Options));
    }

    [Theory]
    [InlineData("[1]")]
    [InlineData("{\"claims\": [{\"claim\": ")]
    [InlineData("{\"title\": \"x\"} trailing")]
    public async Task BriefingFile_NotABriefing_JsonException(string text)
    {
        var find = () => BriefingFile.FindClaimsAsync(new MemoryStream(Encoding.UTF8.GetBytes(text)));

        await find.Should().ThrowAsync<JsonException>();
    }

    [Fact]
    public async Task BriefingFile_NoClaimsProperty_NoneListed()
    {
        Task<Stream> Open(CancellationToken t) => Task.FromResult<Stream>(new MemoryStream("{\"title\": \"x\", \"notes\": [[1], []]}"u8.ToArray()));

        (await BriefingFile.FindClaimsAsync(await Open(default))).Should().BeNull();
        (await BriefingFile.ReadClaimsAsync(Open).ToListAsync()).Should().BeEmpty();
    }

    private static Briefing Checked(int verified, int notChecked)
    {
        var b = Briefing(0, speakers: false);
        ClaimVerdict Make(int i, bool check)
        {
            var text = $"Claim number {i} about rents.";
            var claim = new Claim(ClaimId.From(text), text, i, 0.5, i % 2 == 0 ? "Ann" : null);
            return check ? new ClaimVerdict(claim, Verdict.Unverified, 0, "Unverified offline.", [], "offline") : ClaimVerdict.NotChecked(claim, "standard", verified);
        }

        return b with { Claims = [.. Enumerable.Range(0, verified).Select(i => Make(i, true)), .. Enumerable.Range(verified, notChecked).Select(i => Make(i, false))] };
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
