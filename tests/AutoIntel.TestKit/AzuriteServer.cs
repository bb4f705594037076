using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace AutoIntel.TestKit;

/// <summary>A real Azurite blob service (in-memory, on a free 127.0.0.1 port) started from <c>eng/azurite/node_modules</c>, which
/// <c>eng/test.sh</c> installs; share one per test class or collection with <c>IClassFixture</c>/<c>ICollectionFixture</c>.</summary>
/// <remarks>Azurite checks Shared Key signatures exactly as Azure does. It exits with the test process even after a hard kill:
/// a preloaded script ends it when the stdin pipe this class holds closes. <see cref="AzuriteAccountServer"/> adds queues and tables.</remarks>
public partial class AzuriteServer : IAsyncLifetime, IDisposable
{
    /// <summary>Azurite's well-known account.</summary>
    public const string AccountName = "devstoreaccount1";

    /// <summary>Azurite's well-known account key (published in the Azurite and Azure docs).</summary>
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly StringBuilder _output = new();
    private readonly TempDirectory _workspace = new();
    private readonly bool _queuesAndTables;
    private readonly Dictionary<string, Uri> _endpoints = new(StringComparer.Ordinal);
    private Process? _process;

    /// <summary>The blob service alone.</summary>
    public AzuriteServer()
        : this(queuesAndTables: false)
    {
    }

    /// <param name="queuesAndTables">Also the queue and table services (what a Durable task hub on Azure Storage needs).</param>
    protected AzuriteServer(bool queuesAndTables) => _queuesAndTables = queuesAndTables;

    /// <summary>The blob endpoint, e.g. <c>http://127.0.0.1:41234/devstoreaccount1/</c>.</summary>
    public Uri BlobEndpoint { get; private set; } = null!;

    /// <summary>A Shared Key connection string for this instance.</summary>
    public string ConnectionString => ConnectionStringWithKey(AccountKey);

    /// <summary>How long the start took, until Azurite listened.</summary>
    public TimeSpan StartupTime { get; private set; }

    /// <summary>Where <c>eng/test-prereqs.sh</c> installs Azurite.</summary>
    public static string InstallDirectory => Path.Combine(RepoPaths.Root(), "eng", "azurite");

    /// <summary>A connection string for this instance's account with another key (to provoke authentication failures).</summary>
    public string ConnectionStringWithKey(string accountKey) =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={accountKey};BlobEndpoint={BlobEndpoint}"
        + (_queuesAndTables ? $";QueueEndpoint={Endpoint("Queue").AbsoluteUri.TrimEnd('/')};TableEndpoint={Endpoint("Table").AbsoluteUri.TrimEnd('/')}" : string.Empty);

    private Uri Endpoint(string service) => new(_endpoints[service], AccountName + "/");

    /// <summary>Starts Azurite and waits until it listens; throws with instructions when it is not installed.</summary>
    public async Task InitializeAsync()
    {
        string main = FindMain(_queuesAndTables ? "azurite" : "azurite-blob");
        var started = Stopwatch.StartNew();
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = _workspace.Path,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in new[]
        {
            "--require", Path.Combine(InstallDirectory, "exit-with-parent.js"), main,
            "--blobHost", "127.0.0.1", "--blobPort", "0", "--inMemoryPersistence", "--extentMemoryLimit", "256", "--disableTelemetry",
        }.Concat(_queuesAndTables ? ["--queueHost", "127.0.0.1", "--queuePort", "0", "--tableHost", "127.0.0.1", "--tablePort", "0", "--skipApiVersionCheck"] : []))
        {
            start.ArgumentList.Add(arg);
        }

        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _process = new Process { StartInfo = start, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, e) => OnOutput(e.Data, listening);
        _process.ErrorDataReceived += (_, e) => OnOutput(e.Data, listening);
        _process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException($"Azurite exited during start:\n{Output}"));
        try
        {
            _process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException("Azurite needs Node.js ('node' on PATH); install it, then run `bash eng/test.sh`.", ex);
        }

        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        try
        {
            await listening.Task.WaitAsync(StartTimeout);
        }
        catch (TimeoutException ex)
        {
            Stop();
            throw new InvalidOperationException($"Azurite did not listen within {StartTimeout.TotalSeconds:0} s:\n{Output}", ex);
        }

        BlobEndpoint = Endpoint("Blob");
        StartupTime = started.Elapsed;
    }

    /// <summary>Stops Azurite.</summary>
    public Task DisposeAsync()
    {
        Dispose();
        return Task.CompletedTask;
    }

    /// <summary>Stops Azurite.</summary>
    public void Dispose()
    {
        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        Stop();
        _workspace.Dispose();
        GC.SuppressFinalize(this);
    }

    private string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    private static string FindMain(string bin)
    {
        string package = Path.Combine(InstallDirectory, "node_modules", "azurite", "package.json");
        if (!File.Exists(package))
        {
            throw new InvalidOperationException(
                $"Azurite is not installed ({package} is missing). Run `bash eng/test.sh`, which installs the test prerequisites "
                + "(eng/test-prereqs.sh: npm ci in eng/azurite), then run the tests again.");
        }

        // The package's own bin entry, so a relocated entry point in a later Azurite still resolves.
        using JsonDocument manifest = JsonDocument.Parse(File.ReadAllText(package));
        string relative = manifest.RootElement.GetProperty("bin").GetProperty(bin).GetString()!;
        return Path.GetFullPath(Path.Combine(Path.GetDirectoryName(package)!, relative));
    }

    private void OnOutput(string? line, TaskCompletionSource listening)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }

        // "Azurite Blob service successfully listens on http://127.0.0.1:41234" (blob alone), or
        // "Azurite Queue service is successfully listening at http://127.0.0.1:44017" (all services).
        if (ListeningLine().Match(line) is { Success: true } match)
        {
            lock (_endpoints)
            {
                _endpoints[match.Groups["service"].Value] = new Uri(match.Groups["url"].Value + "/");
                if (_endpoints.Count == (_queuesAndTables ? 3 : 1))
                {
                    listening.TrySetResult();
                }
            }
        }
    }

    private void OnProcessExit(object? sender, EventArgs e) => Stop();

    private void Stop()
    {
        Process? process = Interlocked.Exchange(ref _process, null);
        if (process is null)
        {
            return;
        }

        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // It exited between the check and the kill.
        }
        finally
        {
            process.Dispose();
        }
    }

    [GeneratedRegex(@"Azurite (?<service>Blob|Queue|Table) service .*?(?:listens on|listening at) (?<url>https?://[0-9.:\[\]]+)")]
    private static partial Regex ListeningLine();
}

/// <summary>Azurite with blob, queue and table services: a whole storage account, as a Durable task hub on Azure Storage uses it.</summary>
public sealed class AzuriteAccountServer() : AzuriteServer(queuesAndTables: true);
