using System.Diagnostics;
using System.Globalization;
using System.Text;
using AutoIntel.Discord;
using AutoIntel.Discord.Interactions;
using AutoIntel.TestKit;
using Microsoft.Extensions.Options;

namespace AutoIntel.Benchmarks;

/// <summary>
/// Load on the interactions endpoint of a real <c>autointel serve</c> child process, from this (separate) process: a simultaneous burst
/// of signed requests, then a sustained open-loop rate, with the server's CPU time per request read from <c>/proc</c>.
/// </summary>
/// <remarks>
/// Requests are signed before the clock starts, so the client spends no signing CPU during a measurement. The server's runs fail fast at
/// stage 1 (no bot token, Discord unreachable): the measurement includes starting each run and its first steps, not a whole analysis.
/// </remarks>
public static class InteractionsLoad
{
    private const int Burst = 200;
    private const int SustainedRate = 50;
    private static readonly TimeSpan SustainedFor = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(3);

    /// <summary>Runs every phase and writes the figures to <paramref name="output"/>.</summary>
    /// <param name="serverDll">Path of the built <c>autointel.dll</c> (Release for published figures).</param>
    public static async Task RunAsync(string serverDll, TextWriter output)
    {
        var signer = new TestSigner();
        string publicKey = signer.PublicKeyHex;
        string dataDir = Path.Combine(Path.GetTempPath(), "autointel-interactions-load", Guid.NewGuid().ToString("N"));
        output.WriteLine($"date {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, .NET {Environment.Version}, load average {Machine.LoadAverage()}");

        using Process server = StartServer(serverDll, publicKey, dataDir);
        Uri baseAddress = await WaitForAddressAsync(server);
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5) })
        {
            BaseAddress = baseAddress,
        };
        try
        {
            // Warm-up: JIT, thread pool growth and one keep-alive connection per concurrent request, as Discord's would be.
            await BurstAsync(http, signer, i => Ping(i));
            await BurstAsync(http, signer, i => Command($"9{i:D6}"));
            await Task.Delay(Settle);

            await MeasureAsync(output, server, "burst of 200 PING (verify + parse + answer)", () => BurstAsync(http, signer, i => Ping(i)));
            await Task.Delay(Settle);
            await MeasureAsync(output, server, "burst of 200 /autointel (verify + parse + durable start)", () => BurstAsync(http, signer, i => Command($"1{i:D6}")));
            await Task.Delay(Settle);
            await MeasureAsync(output, server, $"sustained {SustainedRate}/s for {SustainedFor.TotalSeconds:0} s /autointel", () => SustainedAsync(http, signer));

            (double verifyMs, int verified) = VerifyCost(publicKey, signer);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Ed25519Verifier.Verify alone: {verifyMs:0.000} ms CPU per call (mean of {verified}, one thread, this process)"));
            output.WriteLine($"load average after: {Machine.LoadAverage()}");
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
            Directory.Delete(dataDir, recursive: true);
        }
    }

    private static async Task MeasureAsync(TextWriter output, Process server, string label, Func<Task<double[]>> phase)
    {
        server.Refresh();
        TimeSpan cpuBefore = server.TotalProcessorTime;
        double[] latencies = await phase();
        server.Refresh();
        double cpuMs = (server.TotalProcessorTime - cpuBefore).TotalMilliseconds;
        Array.Sort(latencies);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{label}: n={latencies.Length} p50={Percentile(latencies, 0.50):0.0} ms p95={Percentile(latencies, 0.95):0.0} ms p99={Percentile(latencies, 0.99):0.0} ms max={latencies[^1]:0.0} ms; server CPU {cpuMs / latencies.Length:0.00} ms per request"));
    }

    private static async Task<double[]> BurstAsync(HttpClient http, TestSigner signer, Func<int, string> body)
    {
        HttpRequestMessage[] requests = [.. Enumerable.Range(0, Burst).Select(i => signer.SignedPost(new Uri(http.BaseAddress!, "/api/interactions"), body(i)))];
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task<double>[] sends = [.. requests.Select(r => Task.Run(async () =>
        {
            await gate.Task;
            return await SendAsync(http, r);
        }))];
        gate.SetResult();
        return await Task.WhenAll(sends);
    }

    // Open loop: each request leaves at its scheduled time whether or not earlier ones have been answered.
    private static async Task<double[]> SustainedAsync(HttpClient http, TestSigner signer)
    {
        int count = (int)(SustainedRate * SustainedFor.TotalSeconds);
        HttpRequestMessage[] requests = [.. Enumerable.Range(0, count).Select(i => signer.SignedPost(new Uri(http.BaseAddress!, "/api/interactions"), Command($"2{i:D6}")))];
        var sends = new List<Task<double>>(count);
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < count; i++)
        {
            TimeSpan due = TimeSpan.FromSeconds((double)i / SustainedRate) - Stopwatch.GetElapsedTime(start);
            if (due > TimeSpan.Zero)
            {
                await Task.Delay(due);
            }

            HttpRequestMessage request = requests[i];
            sends.Add(Task.Run(() => SendAsync(http, request)));
        }

        return await Task.WhenAll(sends);
    }

    private static async Task<double> SendAsync(HttpClient http, HttpRequestMessage request)
    {
        long start = Stopwatch.GetTimestamp();
        using HttpResponseMessage response = await http.SendAsync(request);
        string body = await response.Content.ReadAsStringAsync();
        double ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        request.Dispose();
        if (!response.IsSuccessStatusCode || !(body.Contains("\"type\":1", StringComparison.Ordinal) || body.Contains("\"type\":5", StringComparison.Ordinal)))
        {
            throw new InvalidOperationException($"unexpected answer {(int)response.StatusCode}: {body}");
        }

        return ms;
    }

    private static (double MsPerCall, int Calls) VerifyCost(string publicKey, TestSigner signer)
    {
        const int calls = 2000;
        var verifier = new Ed25519Verifier(Options.Create(new DiscordOptions { PublicKey = publicKey }), TimeProvider.System);
        byte[] body = Encoding.UTF8.GetBytes(Command("3000000"));
        string timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        string signature = signer.Sign(timestamp, body);
        for (int i = 0; i < 200; i++)
        {
            verifier.Verify(signature, timestamp, body);
        }

        TimeSpan before = Process.GetCurrentProcess().TotalProcessorTime;
        for (int i = 0; i < calls; i++)
        {
            if (verifier.Verify(signature, timestamp, body) != SignatureCheck.Valid)
            {
                throw new InvalidOperationException("the verifier refused a valid signature");
            }
        }

        return ((Process.GetCurrentProcess().TotalProcessorTime - before).TotalMilliseconds / calls, calls);
    }

    private static Process StartServer(string serverDll, string publicKey, string dataDir)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(serverDll);
        info.ArgumentList.Add("serve");
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add("http://127.0.0.1:0");
        info.Environment["AUTOINTEL_DATA_DIR"] = dataDir;
        info.Environment["Discord__PublicKey"] = publicKey;

        // Nothing listens on port 9: stage 1 fails fast and the run ends, so runs do not pile up between phases.
        info.Environment["Discord__ApiBaseUrl"] = "http://127.0.0.1:9/api/v10";
        info.Environment["DOTNET_NOLOGO"] = "1";
        return Process.Start(info) ?? throw new InvalidOperationException("could not start dotnet");
    }

    private static async Task<Uri> WaitForAddressAsync(Process server)
    {
        _ = server.StandardError.ReadToEndAsync();
        while (await server.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("Listening on ", StringComparison.Ordinal))
            {
                // Keep draining stdout so the server never blocks on a full pipe.
                _ = server.StandardOutput.ReadToEndAsync();
                return new Uri(line["Listening on ".Length..].Split([' ', ','], 2)[0]);
            }
        }

        throw new InvalidOperationException("autointel serve exited before listening");
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private static string Ping(int i) => $$"""{"id":"{{i}}","application_id":"11","type":1,"token":"t"}""";

    private static string Command(string id) =>
        $$$"""{"id":"{{{id}}}","application_id":"11","type":2,"token":"tok-{{{id}}}","guild_id":"22","channel_id":"33","member":{"user":{"id":"44"}},"data":{"id":"55","name":"autointel","type":1,"options":[{"name":"url","type":3,"value":"https://example.com/v"}]}}""";
}
