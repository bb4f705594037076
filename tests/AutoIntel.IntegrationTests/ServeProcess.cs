using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace AutoIntel.IntegrationTests;

/// <summary>A running <c>autointel serve</c> child process on a free loopback port, with its output collected.</summary>
public sealed class ServeProcess : IAsyncDisposable
{
    private const string ListeningPrefix = "Listening on ";
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(1);
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
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

    /// <summary>Starts <c>serve --urls http://127.0.0.1:0</c> and waits until it prints the address it listens on.</summary>
    public static async Task<ServeProcess> StartAsync(CliRunner cli, params string[] extraArgs)
    {
        var serve = new ServeProcess(cli.Start(["serve", "--urls", "http://127.0.0.1:0", .. extraArgs]));
        Task exited = serve._process.WaitForExitAsync();
        Task first = await Task.WhenAny(serve._listening.Task, exited).WaitAsync(Bound);
        if (first == exited)
        {
            throw new InvalidOperationException($"autointel serve exited with {serve._process.ExitCode}:\n{serve.Output}");
        }

        serve.BaseAddress = await serve._listening.Task;
        return serve;
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

    private async Task DrainAsync(StreamReader reader)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }

            if (line.StartsWith(ListeningPrefix, StringComparison.Ordinal))
            {
                string address = line[ListeningPrefix.Length..].Split([' ', ','], 2)[0];
                _listening.TrySetResult(new Uri(address.TrimEnd('/') + "/"));
            }
        }
    }
}
