using AutoIntel.Core.Content;
using AutoIntel.Core.Runs;
using AutoIntel.Storage;
using AutoIntel.TestKit;
using AutoIntel.Workflows.Abstractions;
using AutoIntel.Workflows.AutoIntel;

namespace AutoIntel.Workflows.Tests.AutoIntel;

/// <summary>Audio through the real workflow against the fake OpenAI transcription endpoint: long MP3 in pieces, small audio in one call, refusals.</summary>
public sealed class AutoIntelAudioWorkflowTests : IAsyncLifetime
{
    // 39 synthetic frames (16,276 bytes) fit in a piece, so 100 frames make pieces of 39, 39 and 22 frames.
    private const int PieceBytes = 16384;
    private const int FramesPerPiece = 39;
    private readonly string _files = Path.Combine(Path.GetTempPath(), "autointel-tests", Guid.NewGuid().ToString("N"));
    private FakeOpenAiServer _server = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_files);
        _server = await FakeOpenAiServer.StartAsync();
        _server.Chat = FakeAnalyst.Answer;
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_files, recursive: true);
    }

    [Fact]
    public async Task Run_LongMp3_TranscribesEachPieceOnceAndMergesInOrderWithShiftedTimes()
    {
        var mp3 = await WriteAsync("episode.mp3", SyntheticAudio.Mp3(100));
        await using var harness = new AutoIntelHarness(settings: Settings());

        var status = await AutoIntelHarness.RunAsync(harness.CreateRuntime(), new AnalyzeRequest(mp3, Depth.Quick));

        var briefing = await harness.BriefingOfAsync(status);
        _server.TranscriptionRequests.Select(r => r.FileName).Order().Should().Equal("piece-0000.mp3", "piece-0001.mp3", "piece-0002.mp3");
        _server.TranscriptionRequests.Should().OnlyContain(r => r.Audio.Length <= PieceBytes);
        status.Activities.Select(a => a.Name).Should().ContainInOrder(ActivityNames.AcquireContent, ActivityNames.SplitAudio, ActivityNames.TranscribeAudioPiece, ActivityNames.MergeTranscript, ActivityNames.SegmentTranscript)
            .And.NotContain(ActivityNames.TranscribeContent);
        status.Activities.Count(a => a.Name == ActivityNames.TranscribeAudioPiece).Should().Be(3);
        briefing.Stages.Single(s => s.Name == "transcribe").Activities.Should().Be(5, "split, three pieces, merge");

        var transcript = await harness.Artifacts.GetJsonAsync<Transcript>(RunPaths.Transcript(status.InstanceId));
        transcript.Segments.Where((_, i) => i % 2 == 1).Select(s => s.Text).Should().Equal(
            "The file piece-0000.mp3 had 16276 bytes.", "The file piece-0001.mp3 had 16276 bytes.", "The file piece-0002.mp3 had 9182 bytes.");
        transcript.Segments.Select(s => s.Start).Should().Equal(
            At(0), At(0) + Seconds(2.5), At(FramesPerPiece), At(FramesPerPiece) + Seconds(2.5), At(2 * FramesPerPiece), At(2 * FramesPerPiece) + Seconds(2.5));
        transcript.Title.Should().Be("episode");
    }

    [Fact]
    public async Task Run_CrashWhileOnePieceInFlight_ResumeSendsOnlyThatPieceAgain()
    {
        var mp3 = await WriteAsync("episode.mp3", SyntheticAudio.Mp3(100));
        var stalled = 0;
        _server.Transcribe = r => r.FileName == "piece-0001.mp3" && Interlocked.Exchange(ref stalled, 1) == 0
            ? new FakeReply(Delay: TimeSpan.FromMinutes(5))
            : null;
        await using var harness = new AutoIntelHarness(settings: Settings());
        var first = harness.CreateRuntime();
        var id = (await first.StartAsync(WorkflowNames.AutoIntel, new AnalyzeRequest(mp3, Depth.Quick), null)).InstanceId;
        await WaitUntilAsync(async () => (await first.GetStatusAsync(id))!.Activities.Count(a => a.Name == ActivityNames.TranscribeAudioPiece && a.Status == ActivityRunState.Completed) == 2);

        await first.DisposeAsync();
        var second = harness.CreateRuntime();
        (await second.ResumeAsync(id, CancellationToken.None)).Should().BeTrue();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var status = await second.WaitForCompletionAsync(id, timeout.Token);

        status.RuntimeStatus.Should().Be(RuntimeStatus.Completed, status.Failure?.Message);
        _server.TranscriptionRequests.GroupBy(r => r.FileName).ToDictionary(g => g.Key, g => g.Count()).Should().BeEquivalentTo(
            new Dictionary<string, int> { ["piece-0000.mp3"] = 1, ["piece-0001.mp3"] = 2, ["piece-0002.mp3"] = 1 },
            "finished pieces are in history and never paid for twice");
        var transcript = await harness.Artifacts.GetJsonAsync<Transcript>(RunPaths.Transcript(id));
        transcript.Segments.Should().HaveCount(6);
        transcript.Segments[3].Text.Should().Contain("piece-0001.mp3");
    }

    [Fact]
    public async Task Run_SmallMp3_SchedulesTheOneCallPathAsBefore()
    {
        var mp3 = await WriteAsync("clip.mp3", SyntheticAudio.Mp3(20));
        await using var harness = new AutoIntelHarness(settings: Settings());

        var status = await AutoIntelHarness.RunAsync(harness.CreateRuntime(), new AnalyzeRequest(mp3, Depth.Quick));

        status.RuntimeStatus.Should().Be(RuntimeStatus.Completed, status.Failure?.Message);
        status.Activities.Should().ContainSingle(a => a.Name == ActivityNames.TranscribeContent);
        status.Activities.Should().NotContain(a => a.Name == ActivityNames.SplitAudio || a.Name == ActivityNames.TranscribeAudioPiece || a.Name == ActivityNames.MergeTranscript);
        _server.TranscriptionRequests.Should().ContainSingle().Which.FileName.Should().Be("source.mp3");
    }

    [Fact]
    public async Task Run_30MiBM4a_RefusedClearlyWithoutCallingTheEndpoint()
    {
        var m4a = await WriteAsync("lecture.m4a", new byte[30 * 1024 * 1024]);
        await using var harness = new AutoIntelHarness(settings: Settings(pieceBytes: null));

        var status = await AutoIntelHarness.RunAsync(harness.CreateRuntime(), new AnalyzeRequest(m4a, Depth.Quick));

        status.RuntimeStatus.Should().Be(RuntimeStatus.Failed);
        status.Failure!.IsPermanent.Should().BeTrue();
        status.Failure.Message.Should().Match("Cannot transcribe *lecture.m4a: it is 30 MiB of M4A/MP4 audio, over the 25 MiB *only MP3 and WAV (PCM) can be split*Convert it to MP3*subtitles*");
        status.Activities.Single(a => a.Name == ActivityNames.SplitAudio).Attempts.Should().Be(1);
        _server.TranscriptionCalls.Should().Be(0);
    }

    [Fact]
    public async Task Run_FileOverTheEndpointsLimit_413IsPermanentAndSaysSo()
    {
        _server.MaxTranscriptionRequestBytes = 4096;
        var mp3 = await WriteAsync("clip.mp3", SyntheticAudio.Mp3(20));
        await using var harness = new AutoIntelHarness(settings: Settings());

        var status = await AutoIntelHarness.RunAsync(harness.CreateRuntime(), new AnalyzeRequest(mp3, Depth.Quick));

        status.RuntimeStatus.Should().Be(RuntimeStatus.Failed);
        status.Failure!.IsPermanent.Should().BeTrue();
        status.Failure.Message.Should().Contain("HTTP 413").And.Contain("Maximum content size limit (4096) exceeded");
        status.Activities.Single(a => a.Name == ActivityNames.TranscribeContent).Attempts.Should().Be(1);
        _server.TranscriptionRequests.Should().BeEmpty();
    }

    private static TimeSpan? At(int frames) => TimeSpan.FromTicks(frames * 1152L * TimeSpan.TicksPerSecond / 44100);

    private static TimeSpan Seconds(double s) => TimeSpan.FromSeconds(s);

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!await condition())
        {
            await Task.Delay(20, timeout.Token);
        }
    }

    private async Task<string> WriteAsync(string name, byte[] bytes)
    {
        var path = Path.Combine(_files, name);
        await File.WriteAllBytesAsync(path, bytes);
        return path;
    }

    private Dictionary<string, string?> Settings(int? pieceBytes = PieceBytes)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Llm:Endpoint"] = _server.BaseUrl.ToString(),
            ["Llm:ApiKey"] = "test-key",
            ["Llm:Model"] = "fake-model",
            ["Llm:TranscriptionModel"] = "whisper-1",
            ["Llm:Resilience:BaseDelay"] = "00:00:00.001",
            ["Llm:Resilience:MaxDelay"] = "00:00:00.010",
        };
        if (pieceBytes is { } bytes)
        {
            settings["Transcription:PieceBytes"] = bytes.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return settings;
    }
}
