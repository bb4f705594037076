using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace AutoIntel.IntegrationTests;

/// <summary>A running <c>autointel serve</c> child process on a free loopback port, with its output collected.</summary>
public sealed class ServeProcess : IAsyncDisposable
{
    private const string ListeningPrefix = "Listening on ";
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan RunBound = TimeSpan.FromMinutes(2);
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<(string Text, TaskCompletionSource Seen)> _waiters = [];
    private readonly Task _drain;

    private ServeProcess(Process process)
    {
        _process = process;
        _drain = Task.WhenAll(DrainAsync(process.StandardOutput), DrainAsync(process.StandardError));
    }

    /// <summary>The server's root, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Everything the process wrote so far (stdout and stderr interleaved).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts <c>serve --urls</c> on a free loopback port and waits until it prints that it listens there.</summary>
    public static async Task<ServeProcess> StartAsync(CliRunner cli, params string[] extraArgs)
    {
        int port = FreePort();
        var serve = new ServeProcess(cli.Start(["serve", "--urls", $"http://127.0.0.1:{port}", .. extraArgs]));
        Task exited = serve._process.WaitForExitAsync();
        Task first = await Task.WhenAny(serve._listening.Task, exited).WaitAsync(Bound);
        if (first == exited)
        {
            throw new InvalidOperationException($"autointel serve exited with {serve._process.ExitCode}:\n{serve.Output}");
        }

        serve.BaseAddress = await serve._listening.Task;
        if (serve.BaseAddress.Port != port)
        {
            await serve.DisposeAsync();
            throw new InvalidOperationException($"autointel serve ignored --urls: asked for port {port}, listens on {serve.BaseAddress}");
        }

        return serve;
    }

    /// <summary>Completes once the process has written a line containing <paramref name="text"/> (bounded).</summary>
    public Task WaitForOutputAsync(string text)
    {
        lock (_output)
        {
            if (_output.ToString().Contains(text, StringComparison.Ordinal))
            {
                return Task.CompletedTask;
            }

            var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((text, seen));
            return seen.Task.WaitAsync(Bound);
        }
    }

    /// <summary>Polls <c>GET /api/runs/{id}</c> until the run has ended and returns its status (bounded; not a timing assertion).</summary>
    public async Task<JsonNode> WaitForRunAsync(string id)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress };
        long started = Stopwatch.GetTimestamp();
        while (true)
        {
            using HttpResponseMessage response = await http.GetAsync(new Uri($"api/runs/{id}", UriKind.Relative));
            if (response.IsSuccessStatusCode)
            {
                JsonNode run = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
                if (run["runtimeStatus"]!.GetValue<string>() is "completed" or "failed" or "terminated")
                {
                    return run;
                }
            }

            if (Stopwatch.GetElapsedTime(started) > RunBound)
            {
                throw new TimeoutException($"run {id} did not end within {RunBound}; server output:\n{Output}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Sends SIGINT (what Ctrl+C sends) and returns the exit code.</summary>
    public async Task<int> InterruptAsync()
    {
        using (var kill = Process.Start("kill", ["-INT", _process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        await _process.WaitForExitAsync().WaitAsync(Bound);
        await _drain.WaitAsync(Bound);
        return _process.ExitCode;
    }

    /// <summary>Kills the process if it still runs.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task DrainAsync(StreamReader reader)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            lock (_output)
            {
                _output.AppendLine(line);
                foreach (var waiter in _waiters.Where(w => line.Contains(w.Text, StringComparison.Ordinal)).ToList())
                {
                    waiter.Seen.TrySetResult();
                    _waiters.Remove(waiter);
                }
            }

            if (line.StartsWith(ListeningPrefix, StringComparison.Ordinal))
            {
                string address = line[ListeningPrefix.Length..].Split([' ', ','], 2)[0];
                _listening.TrySetResult(new Uri(address.TrimEnd('/') + "/"));
            }
        }
    }
}
