using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AutoIntel.Cli.Output;
using AutoIntel.Core;
using AutoIntel.Core.Briefings;
using AutoIntel.Core.Runs;
using AutoIntel.Workflows.Abstractions;

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

    [Theory]
    [InlineData(2)]
    [InlineData(5_000)]
    public async Task Completed_SectionsData_WrittenUnderAnalysisAsTheBriefingHoldsIt(int quotes)
    {
        // Data longer than the writer's flush size is written element by element.
        static JsonElement Data(string json) => JsonDocument.Parse(json).RootElement;
        var tone = JsonSerializer.SerializeToElement(new { overall = "calm", quotes = Enumerable.Range(0, quotes).Select(i => $"He said \"fine\" {i}.\n\u001b[0m"), score = 0.25 });
        var custom = Data("""[{"term":"crisis","count":3}]""");
        BriefingSection[] sections =
        [
            new("summary", "Summary", Data("""{"text":"S.","keyPoints":["k"]}"""), "S.", [], "summary", "S."),
            new("tone", "Tone", tone, "calm", [], "tone"),
            new("fallacies", "Fallacies", Data("[]"), string.Empty, [], "fallacies"),
            new("loaded_language", "Loaded language", custom, "- crisis", []),
        ];
        var briefing = new Briefing("run-1", "T", "s.srt", Depth.Standard, DateTime.UnixEpoch, [], MemoryReport.Empty, Usage.None, [], [], Sections: sections);
        var status = new InstanceStatus("run-1", "autointel", RuntimeStatus.Completed, null, null, null, null, DateTime.UnixEpoch, DateTime.UnixEpoch, null, []);
        var document = RunDocument.Completed(status, briefing, new ArtifactsDocument("briefing.md", "briefing.json"));
        using var stream = new MemoryStream();

        await document.WriteJsonLineAsync(stream, AsyncEnumerable.Empty<ClaimDocument>());

        var written = JsonNode.Parse(stream.ToArray())!["analysis"]!;
        var expected = new JsonObject
        {
            ["tone"] = JsonNode.Parse(tone.GetRawText()),
            ["sections"] = new JsonArray(new JsonObject { ["name"] = "loaded_language", ["title"] = "Loaded language", ["data"] = JsonNode.Parse(custom.GetRawText()) }),
        };
        JsonNode.DeepEquals(written, expected).Should().BeTrue(written.ToJsonString());
        Encoding.UTF8.GetString(stream.ToArray()).Should().Be(document.ToJson() + "\n");
    }
    [Theory]
    [InlineData(2)]
    [InlineData(5_000)]
    public async Task Completed_SectionsCopiedFromTheFile_SameTextAsFromTheBriefingReadWhole(int quotes)
    {
        // As --json prints a run: the built-in sections under "analysis" left out of the briefing read and copied from its file.
        var tone = JsonSerializer.SerializeToElement(new { overall = "calm", quotes = Enumerable.Range(0, quotes).Select(i => $"He said \"fine\" {i}.\n\u001b[0m é"), score = 0.25, big = 1.5e-7 });
        BriefingSection[] sections =
        [
            new("summary", "Summary", JsonSerializer.SerializeToElement(new { text = "S.", keyPoints = new[] { "k" } }), "S.", [], "summary", "S."),
            new("arguments", "Arguments", JsonSerializer.SerializeToElement(Enumerable.Range(0, quotes).Select(i => new { conclusion = $"c{i}", strength = i / 7.0 })), "- c", [], "arguments"),
            new("tone", "Tone", tone, "calm", [], "tone"),
            new("fallacies", "Fallacies", JsonSerializer.SerializeToElement(new[] { new { type = "straw man", quote = "q", explanation = "e", confidence = 0.5 } }), "- f", [], "fallacies"),
            new("loaded_language", "Loaded language", JsonSerializer.SerializeToElement(new[] { new { term = "crisis", count = 3 } }), "- crisis", []),
        ];
        var claims = Enumerable.Range(0, 3).Select(i => new Core.FactCheck.ClaimVerdict(new Core.FactCheck.Claim($"id{i}", $"Claim {i}.", 0, 0.5), Core.FactCheck.Verdict.Unverified, 0, "r", [], "offline")).ToList();
        var briefing = new Briefing("run-1", "T", "s.srt", Depth.Standard, DateTime.UnixEpoch, claims, MemoryReport.Empty, Usage.None, [], [], Sections: sections);
        var status = new InstanceStatus("run-1", "autointel", RuntimeStatus.Completed, null, null, null, null, DateTime.UnixEpoch, DateTime.UnixEpoch, null, []);
        var files = new ArtifactsDocument("briefing.md", "briefing.json");
        using var json = new MemoryStream();
        await BriefingJson.WriteAsync(json, briefing);
        var bytes = json.ToArray();
        Task<Stream> Open(CancellationToken t) => Task.FromResult<Stream>(new MemoryStream(bytes));
        var copied = RunDocument.AnalysisProperties(Intelligence.Analyses.AnalysisCatalog.All.Where(a => a.JsonProperty is not null).Select(a => (a.Name, a.JsonProperty!)));

        var (rest, inFile) = await BriefingFile.ReadWithoutClaimsAsync(Open, Intelligence.Analyses.AnalysisCatalog.ReadBriefingAsync, copied);
        using var streamed = new MemoryStream();
        await RunDocument.Completed(status, rest, files, new SectionsInFile(inFile, Open)).WriteJsonLineAsync(streamed, BriefingFile.ReadClaimsAsync(Open).Select(ClaimDocument.From));

        inFile.Should().Equal("arguments", "tone");
        rest.Sections.Should().NotContain(s => s.Name == "tone" || s.Name == "arguments");
        var whole = RunDocument.Completed(status, await Intelligence.Analyses.AnalysisCatalog.ReadBriefingAsync(new MemoryStream(bytes)), files);
        Encoding.UTF8.GetString(streamed.ToArray()).Should().Be(whole.ToJson() + "\n");
    }
}
