using System.Diagnostics;
using System.Globalization;
using System.Net;
using Xunit.Abstractions;

namespace AutoIntel.Cli.Tests.Serve;

/// <summary>The bounded loopback load run behind docs/benchmarks.md: it records latency and asserts only correctness.</summary>
public sealed class InteractionsLoadTests(ITestOutputHelper output)
{
    private const int Concurrent = 200;

    [Fact]
    public async Task PostInteractions_200ConcurrentSignedCommands_AllDeferredAndLatencyRecorded()
    {
        await using ServeHarness server = await ServeHarness.StartAsync();

        // Warm up with the same concurrency, so the measured run reuses pooled keep-alive connections as Discord's would.
        await RunConcurrentlyAsync(server, i => ServeHarness.AnalyzeCommand($"9{i:D5}"));
        var results = await RunConcurrentlyAsync(server, i => ServeHarness.AnalyzeCommand($"8{i:D5}"));

        results.Should().OnlyContain(r => r.Status == HttpStatusCode.OK && r.Body.Contains("\"type\":5", StringComparison.Ordinal));
        server.Runs.Instances.Keys.Count(k => k.StartsWith("discord-8", StringComparison.Ordinal)).Should().Be(Concurrent);
        Report("200 concurrent", results.Select(r => r.Ms));

        // The same requests one at a time: the per-request latency without queueing behind the burst.
        var sequential = new List<double>();
        for (int i = 0; i < Concurrent; i++)
        {
            using HttpRequestMessage request = server.Signed(ServeHarness.AnalyzeCommand($"7{i:D5}"));
            long start = Stopwatch.GetTimestamp();
            using HttpResponseMessage response = await server.Http.SendAsync(request);
            sequential.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            response.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        Report("sequential", sequential);
    }

    // Each send runs on the thread pool, outside xUnit's synchronization context, so the timing is the server's, not the test runner's.
    private static async Task<(HttpStatusCode Status, string Body, double Ms)[]> RunConcurrentlyAsync(ServeHarness server, Func<int, string> body)
    {
        HttpRequestMessage[] requests = [.. Enumerable.Range(0, Concurrent).Select(i => server.Signed(body(i)))];
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task<(HttpStatusCode, string, double)>[] sends = [.. requests.Select(request => Task.Run(async () =>
        {
            await gate.Task;
            long start = Stopwatch.GetTimestamp();
            using HttpResponseMessage response = await server.Http.SendAsync(request);
            string text = await response.Content.ReadAsStringAsync();
            return (response.StatusCode, text, Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }))];
        gate.SetResult();
        var results = await Task.WhenAll(sends);
        foreach (HttpRequestMessage request in requests)
        {
            request.Dispose();
        }

        return results;
    }

    private void Report(string label, IEnumerable<double> latencies)
    {
        double[] sorted = [.. latencies.Order()];
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"interactions load ({label}): n={sorted.Length} p50={Percentile(sorted, 0.50):0.0} ms p99={Percentile(sorted, 0.99):0.0} ms max={sorted[^1]:0.0} ms"));
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
