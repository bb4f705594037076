using System.Diagnostics;
using System.Globalization;
using AutoIntel.Core.Runs;
using AutoIntel.TestKit;
using AutoIntel.Workflows.Abstractions;
using AutoIntel.Workflows.AutoIntel;
using AutoIntel.Workflows.Runtime;
using AutoIntel.Workflows.Runtime.History;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AutoIntel.Benchmarks;

/// <summary>"transcript-cache": the same hour of MP3 analysed twice for one tenant on the local runtime, against the fake
/// OpenAI-compatible endpoint; prints wall time, transcription calls, bytes uploaded and the transcription cost of each run.</summary>
public static class TranscriptCacheRun
{
    // whisper-1 list price per minute of audio (OpenAI pricing page); the fake endpoint itself costs nothing.
    private const decimal DollarsPerMinute = 0.006m;

    /// <summary>Runs the comparison and writes a Markdown table to <paramref name="output"/>.</summary>
    public static async Task RunAsync(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        string root = Path.Combine(Path.GetTempPath(), "autointel-bench-cache-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        try
        {
            // One hour of 128 kbit/s MP3: 44100 / 1152 frames a second.
            int frames = (int)Math.Round(3600 * 44100 / 1152.0);
            byte[] audio = SyntheticAudio.Mp3(frames);
            string mp3 = Path.Combine(root, "hour.mp3");
            await File.WriteAllBytesAsync(mp3, audio);
            double minutes = frames * 1152.0 / 44100 / 60;

            await using FakeOpenAiServer openAi = await FakeOpenAiServer.StartAsync();
            openAi.Chat = FakeAnalyst.Answer;
            IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Llm:Endpoint"] = openAi.BaseUrl.ToString(),
                ["Llm:ApiKey"] = "bench-key",
                ["Llm:Model"] = "fake-model",
                ["Llm:TranscriptionModel"] = "whisper-1",
                ["Fetch:MaxAudioBytes"] = (200L * 1024 * 1024).ToString(CultureInfo.InvariantCulture),
            }).Build();
            var services = new ServiceCollection()
                .AddSingleton(configuration)
                .AddSingleton(TimeProvider.System)
                .AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance)
                .AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
            services.AddAutoIntelServices(configuration, Path.Combine(root, "data"));
            await using ServiceProvider app = services.BuildServiceProvider();
            await using var runtime = new LocalWorkflowRuntime(
                new WorkflowRegistry().AddAutoIntel(),
                new FileHistoryStore(new FileHistoryStoreOptions { RootPath = Path.Combine(root, "instances") }),
                app,
                new LocalRuntimeOptions(),
                TimeProvider.System,
                NullLoggerFactory.Instance);

            output.WriteLine(Machine.Describe());
            output.WriteLine($"audio: {audio.Length / (1024.0 * 1024):0.0} MiB, {minutes:0.0} min of 128 kbit/s MP3; depth quick; tenant guild-1");
            output.WriteLine();
            output.WriteLine("| run | wall | transcription calls | uploaded | transcription cost at $0.006/min |");
            output.WriteLine("| --- | ---: | ---: | ---: | ---: |");
            for (int run = 1; run <= 2; run++)
            {
                int callsBefore = openAi.TranscriptionCalls;
                long bytesBefore = openAi.TranscriptionRequests.Sum(r => (long)r.Audio.Length);
                long started = Stopwatch.GetTimestamp();
                var status = await runtime.StartAsync(WorkflowNames.AutoIntel, new AnalyzeRequest(mp3, Depth.Quick, Tenant: "guild-1"), null);
                using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
                var done = await runtime.WaitForCompletionAsync(status.InstanceId, timeout.Token);
                TimeSpan wall = Stopwatch.GetElapsedTime(started);
                if (done.RuntimeStatus != RuntimeStatus.Completed)
                {
                    throw new InvalidOperationException($"Run {run} did not complete: {done.Failure?.Message}");
                }

                int calls = openAi.TranscriptionCalls - callsBefore;
                long uploaded = openAi.TranscriptionRequests.Sum(r => (long)r.Audio.Length) - bytesBefore;
                decimal cost = calls == 0 ? 0 : (decimal)minutes * DollarsPerMinute;
                output.WriteLine($"| {(run == 1 ? "first" : "second (cached)")} | {wall.TotalSeconds:0.00} s | {calls} | {uploaded / (1024.0 * 1024):0.0} MiB | ${cost:0.000} |");
            }
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
