using System.Diagnostics;
using System.Text;

namespace AutoIntel.IntegrationTests;

/// <summary>Runs the built <c>autointel</c> executable as a child process with its own data folder.</summary>
/// <param name="environment">Extra environment variables for the child (e.g. <c>Llm__Endpoint</c>).</param>
public sealed class CliRunner(string dataDir, IReadOnlyDictionary<string, string>? environment = null)
{
    private static readonly Lazy<string> CliDll = new(FindCliDll);

    /// <summary>The data folder every invocation uses.</summary>
    public string DataDir { get; } = dataDir;

    /// <summary>Extra environment variables for every invocation (e.g. <c>Discord__PublicKey</c>).</summary>
    public IDictionary<string, string?> Environment { get; } = new Dictionary<string, string?>(StringComparer.Ordinal);

    /// <summary>Runs to completion (bounded) and captures output.</summary>
    public async Task<CliResult> RunAsync(params string[] args)
    {
        using var process = Start(args);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"autointel {string.Join(' ', args)} did not finish in 3 minutes; stderr: {await stderr}");
        }

        return new CliResult(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Starts without waiting (for kill tests); output is redirected and must be drained by the caller or discarded.</summary>
    public Process Start(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        info.ArgumentList.Add(CliDll.Value);
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        info.Environment["AUTOINTEL_DATA_DIR"] = DataDir;
        foreach (var (name, value) in Environment)
        {
            info.Environment[name] = value;
        }

        info.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        return Process.Start(info) ?? throw new InvalidOperationException("could not start dotnet");
    }

    private static string FindCliDll()
    {
        // The CLI is a ProjectReference, so MSBuild copies it next to the tests.
        var local = Path.Combine(AppContext.BaseDirectory, "autointel.dll");
        return File.Exists(local) ? local : throw new FileNotFoundException("autointel.dll not found next to the tests", local);
    }
}

/// <summary>Exit code and output of one CLI run.</summary>
public sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}
