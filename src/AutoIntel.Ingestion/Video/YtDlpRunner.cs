using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Options;

namespace AutoIntel.Ingestion.Video;

/// <summary>Runs yt-dlp with our fixed safety options in a working folder of its own, bounded in time, killed (with its ffmpeg) on cancel.</summary>
public sealed class YtDlpRunner(IOptions<VideoOptions> options)
{
    /// <summary>How to get yt-dlp, for the refusal when it is missing.</summary>
    public const string InstallHint =
        "Install yt-dlp (Debian/Ubuntu: apt-get install yt-dlp; elsewhere: pipx install yt-dlp, or the release binary from github.com/yt-dlp/yt-dlp) or point Acquire__YtDlpPath at it.";

    // JSON for a long YouTube video is ~1 MB; anything far beyond that is not metadata.
    private const int MaxOutputChars = 32 * 1024 * 1024;
    private const int StderrLines = 40;

    // Never read a config file, cookies or a cache; never use a proxy from the environment (the link was checked for a direct connection);
    // one video, not a playlist.
    private static readonly string[] SafetyArguments =
        ["--ignore-config", "--no-cookies", "--no-cookies-from-browser", "--no-cache-dir", "--proxy", "", "--no-playlist", "--no-progress", "--socket-timeout", "30"];

    private readonly VideoOptions _options = options.Value;

    /// <summary>Whether yt-dlp was found (at <see cref="VideoOptions.YtDlpPath"/> or on PATH).</summary>
    public bool IsAvailable => Locate() is not null;

    /// <summary>Runs yt-dlp with the safety options, <paramref name="extractors"/> and <paramref name="arguments"/> in <paramref name="workingDirectory"/>.</summary>
    /// <exception cref="ContentRefusedException">yt-dlp is missing, or it ran longer than <see cref="VideoOptions.Timeout"/>.</exception>
    public async Task<YtDlpResult> RunAsync(string subject, string extractors, IReadOnlyList<string> arguments, string workingDirectory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        string executable = Locate() ?? throw Missing(subject);
        var start = new ProcessStartInfo(executable)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (string argument in SafetyArguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.ArgumentList.Add("--use-extractors");
        start.ArgumentList.Add(extractors);
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Its own HOME too, so nothing from the service account's profile is read or written.
        start.Environment["HOME"] = workingDirectory;
        start.Environment["PYTHONDONTWRITEBYTECODE"] = "1";

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            throw Missing(subject, ex);
        }

        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(_options.Timeout);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        Task<string> stdout = ReadBoundedAsync(process.StandardOutput);
        Task<string> stderr = ReadTailAsync(process.StandardError);
        try
        {
            await process.WaitForExitAsync(linked.Token);
        }
        catch (OperationCanceledException)
        {
            // ffmpeg runs as its child: stop the whole tree, then let the readers finish.
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            if (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new ContentRefusedException(subject, $"yt-dlp did not finish within {Describe(_options.Timeout)}", "Raise Acquire__Timeout for long videos or slow sites.");
            }

            throw;
        }

        return new YtDlpResult(process.ExitCode, await stdout, await stderr);
    }

    private string? Locate() => ExecutableLocator.Find(string.IsNullOrWhiteSpace(_options.YtDlpPath) ? "yt-dlp" : _options.YtDlpPath);

    private ContentRefusedException Missing(string subject, Exception? inner = null) =>
        new(subject, string.IsNullOrWhiteSpace(_options.YtDlpPath)
            ? "reading video links needs yt-dlp, which is not installed (not found on PATH)"
            : $"reading video links needs yt-dlp, which is not at {_options.YtDlpPath}", InstallHint, inner);

    private static async Task<string> ReadBoundedAsync(StreamReader reader)
    {
        var text = new StringBuilder();
        char[] buffer = new char[16 * 1024];
        int read;
        while ((read = await reader.ReadAsync(buffer)) > 0)
        {
            // Keep draining so the process never blocks on a full pipe, but keep no more than the cap.
            if (text.Length + read <= MaxOutputChars)
            {
                text.Append(buffer, 0, read);
            }
        }

        return text.ToString();
    }

    private static async Task<string> ReadTailAsync(StreamReader reader)
    {
        var lines = new Queue<string>();
        while (await reader.ReadLineAsync() is { } line)
        {
            lines.Enqueue(line.Length > 1000 ? line[..1000] : line);
            if (lines.Count > StderrLines)
            {
                lines.Dequeue();
            }
        }

        return string.Join('\n', lines);
    }

    private static string Describe(TimeSpan time) => time.TotalMinutes >= 1 && time.TotalSeconds % 60 == 0 ? $"{time.TotalMinutes:0} min" : $"{time.TotalSeconds:0} s";
}
