using AutoIntel.Core.Content;
using AutoIntel.Core.Runs;
using AutoIntel.Storage;
using AutoIntel.TestKit;
using AutoIntel.Workflows.Abstractions;
using AutoIntel.Workflows.AutoIntel;

namespace AutoIntel.Workflows.Tests.AutoIntel;

/// <summary>Video links through the real workflow and the real yt-dlp against loopback pages, and transcripts paid for once per tenant.</summary>
public sealed class AutoIntelVideoWorkflowTests : IAsyncLifetime
{
    private const int PieceBytes = 16384;
    private FakeVideoSite _site = null!;
    private FakeOpenAiServer _openAi = null!;

    public async Task InitializeAsync()
    {
        _site = await FakeVideoSite.StartAsync();
        _openAi = await FakeOpenAiServer.StartAsync();
        _openAi.Chat = FakeAnalyst.Answer;
    }

    public async Task DisposeAsync()
    {
        await _site.DisposeAsync();
        await _openAi.DisposeAsync();
    }

    [Fact]
    public async Task Run_PageWithVideoAndCaptions_BriefingFromTheCaptionsTitledByThePage()
    {
        await using var harness = new AutoIntelHarness(settings: Loopback());
        string link = _site.Server.Url("/debate").AbsoluteUri;

        var status = await AutoIntelHarness.RunAsync(harness.CreateRuntime(), new AnalyzeRequest(link, Depth.Quick));

        var briefing = await harness.BriefingOfAsync(status);
        briefing.Title.Should().Be("Harbour Council Debate");
        briefing.Video.Should().BeEquivalentTo(new { Site = "html5", Track = "subtitles", Language = "en" });
        var transcript = await harness.Artifacts.GetJsonAsync<Transcript>(RunPaths.Transcript(status.InstanceId));
        transcript.FullText.Should().Contain("The council voted seven to two").And.Contain("twelve percent");
        var markdown = await harness.Artifacts.GetTextAsync(RunPaths.BriefingMarkdown(status.InstanceId));
        markdown.Should().Contain("**From:** subtitles (en)");
        _site.Hits("/media/debate.mp4").Should().Be(0);
    }

    [Fact]
    public async Task Run_PageWithOnlyAudio_TranscribedThroughTheEndpoint()
    {
        await using var harness = new AutoIntelHarness(settings: WithLlm());

        var status = await AutoIntelHarness.RunAsync(harness.CreateRuntime(), new AnalyzeRequest(_site.Server.Url("/podcast").AbsoluteUri, Depth.Quick));

        var briefing = await harness.BriefingOfAsync(status);
        briefing.Title.Should().Be("Ferry Podcast");
        briefing.Video!.Track.Should().Be("audio");
        _openAi.TranscriptionRequests.Select(r => r.FileName).Should().BeEquivalentTo(["piece-0000.mp3", "piece-0001.mp3", "piece-0002.mp3"], "the 41 KB page audio is long audio here, cut into 16 KiB pieces");
        _openAi.TranscriptionRequests.Should().OnlyContain(r => r.Audio.Length <= PieceBytes);
    }

    [Fact]
    public async Task Run_FiveHourVideo_RefusedBeforeDownload()
    {
        await using var harness = new AutoIntelHarness(settings: Loopback());

        var status = await AutoIntelHarness.RunAsync(harness.CreateRuntime(), new AnalyzeRequest(_site.Server.Url("/marathon").AbsoluteUri, Depth.Quick));

        status.RuntimeStatus.Should().Be(RuntimeStatus.Failed);
        status.Failure!.IsPermanent.Should().BeTrue();
        status.Failure.Message.Should().Contain("the video is 5 h 0 min long, over the 4 h 0 min limit");
        status.Activities.Single(a => a.Name == ActivityNames.AcquireContent).Attempts.Should().Be(1);
    }

    [Fact]
    public async Task Run_SameLongAudioTwiceForOneTenant_SecondRunTranscribesNothing()
    {
        string mp3 = Path.Combine(Path.GetTempPath(), "autointel-tests", Guid.NewGuid().ToString("N"), "episode.mp3");
        Directory.CreateDirectory(Path.GetDirectoryName(mp3)!);
        await File.WriteAllBytesAsync(mp3, SyntheticAudio.Mp3(100));
        await using var harness = new AutoIntelHarness(settings: WithLlm());
        var runtime = harness.CreateRuntime();

        var first = await AutoIntelHarness.RunAsync(runtime, new AnalyzeRequest(mp3, Depth.Quick, Tenant: "guild-1"));
        int paid = _openAi.TranscriptionCalls;
        var second = await AutoIntelHarness.RunAsync(runtime, new AnalyzeRequest(mp3, Depth.Quick, Tenant: "guild-1"));
        int secondPaid = _openAi.TranscriptionCalls - paid;
        var otherTenant = await AutoIntelHarness.RunAsync(runtime, new AnalyzeRequest(mp3, Depth.Quick, Tenant: "guild-2"));

        (await harness.BriefingOfAsync(second)).Title.Should().Be("episode");
        paid.Should().Be(3);
        secondPaid.Should().Be(0, "the transcript is cached for guild-1 by the audio's hash");
        second.Activities.Should().NotContain(a => a.Name == ActivityNames.SplitAudio);
        (await harness.Artifacts.GetTextAsync(RunPaths.Transcript(second.InstanceId))).Should().Be(await harness.Artifacts.GetTextAsync(RunPaths.Transcript(first.InstanceId)));
        otherTenant.RuntimeStatus.Should().Be(RuntimeStatus.Completed);
        (_openAi.TranscriptionCalls - paid).Should().Be(3, "another tenant pays for its own transcript");
        Directory.Delete(Path.GetDirectoryName(mp3)!, recursive: true);
    }

    [Fact]
    public async Task Run_SameVideoTwice_SecondRunDownloadsNothing()
    {
        await using var harness = new AutoIntelHarness(settings: Loopback());
        var runtime = harness.CreateRuntime();
        string link = _site.Server.Url("/debate").AbsoluteUri;

        await AutoIntelHarness.RunAsync(runtime, new AnalyzeRequest(link, Depth.Quick));
        var second = await AutoIntelHarness.RunAsync(runtime, new AnalyzeRequest(link, Depth.Quick));

        var briefing = await harness.BriefingOfAsync(second);
        briefing.Title.Should().Be("Harbour Council Debate");
        briefing.Video!.Track.Should().Be("cached transcript");
        _site.Hits("/media/debate.en.vtt").Should().Be(1);
        (await harness.Artifacts.GetJsonAsync<Transcript>(RunPaths.Transcript(second.InstanceId))).FullText.Should().Contain("seven to two");
    }

    private static Dictionary<string, string?> Loopback() => new() { ["Fetch:AllowedHosts:0"] = "127.0.0.1" };

    private Dictionary<string, string?> WithLlm() => new(Loopback())
    {
        ["Llm:Endpoint"] = _openAi.BaseUrl.ToString(),
        ["Llm:ApiKey"] = "test-key",
        ["Llm:Model"] = "fake-model",
        ["Llm:TranscriptionModel"] = "whisper-1",
        ["Llm:Resilience:BaseDelay"] = "00:00:00.001",
        ["Llm:Resilience:MaxDelay"] = "00:00:00.010",
        ["Transcription:PieceBytes"] = PieceBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
