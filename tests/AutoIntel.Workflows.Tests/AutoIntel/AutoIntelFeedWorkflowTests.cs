using System.Text.RegularExpressions;
using AutoIntel.Core.Content;
using AutoIntel.Core.Runs;
using AutoIntel.Storage;
using AutoIntel.TestKit;
using AutoIntel.Workflows.AutoIntel;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace AutoIntel.Workflows.Tests.AutoIntel;

public sealed class AutoIntelFeedWorkflowTests
{
    [Fact]
    public async Task Run_PodcastFeedWithVttTranscript_BriefsTheNewestEpisode()
    {
        // The bundled sample as WebVTT: a header, and a dot before the milliseconds.
        string vtt = "WEBVTT\n\n" + Regex.Replace(await File.ReadAllTextAsync(RepoPaths.Sample("podcast-transcript.srt")), @"(\d\d:\d\d:\d\d),(\d{3})", "$1.$2");
        await using var server = await LoopbackHttpServer.StartAsync(app =>
        {
            app.MapGet("/ep7.vtt", () => Results.Text(vtt, "text/vtt"));
            app.MapGet("/feed.xml", () => Results.Text(
                """
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0" xmlns:podcast="https://podcastindex.org/namespace/1.0">
                  <channel>
                    <title>Energy Hour</title>
                    <item>
                      <title>Episode 7: The grid</title>
                      <guid>ep7</guid>
                      <pubDate>Mon, 10 Mar 2025 09:00:00 GMT</pubDate>
                      <podcast:transcript url="/ep7.vtt" type="text/vtt"/>
                      <enclosure url="/ep7.mp3" type="audio/mpeg" length="1"/>
                    </item>
                    <item>
                      <title>Episode 6: Older</title>
                      <guid>ep6</guid>
                      <pubDate>Mon, 03 Mar 2025 09:00:00 GMT</pubDate>
                      <enclosure url="/ep6.mp3" type="audio/mpeg" length="1"/>
                    </item>
                  </channel>
                </rss>
                """,
                "application/rss+xml"));
        });
        await using var harness = new AutoIntelHarness(settings: new Dictionary<string, string?> { ["Fetch:AllowedHosts:0"] = "127.0.0.1" });
        string feed = server.Url("/feed.xml").AbsoluteUri;

        var status = await AutoIntelHarness.RunAsync(harness.CreateRuntime(), new AnalyzeRequest(feed, Depth.Quick));

        var briefing = await harness.BriefingOfAsync(status);
        briefing.Title.Should().Be("Episode 7: The grid — Energy Hour");
        briefing.Source.Should().Be(feed);
        Intelligence.Analyses.SummaryAnalysis.In(briefing.Sections).Text.Should().NotBeNullOrWhiteSpace();
        (await harness.Artifacts.ExistsAsync($"runs/{status.InstanceId}/source.vtt")).Should().BeTrue();
        var transcript = await harness.Artifacts.GetJsonAsync<Transcript>(RunPaths.Transcript(status.InstanceId));
        transcript.Segments.Should().NotBeEmpty().And.OnlyContain(s => s.Start != null, "the episode's VTT transcript was read, with its timings");
    }
}
