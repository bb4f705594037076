namespace AutoIntel.Ingestion.Video;

/// <summary>A fresh folder for one yt-dlp call, deleted with everything in it when disposed.</summary>
public sealed class WorkFolder : IDisposable
{
    private WorkFolder(string path) => Path = path;

    /// <summary>The folder's full path.</summary>
    public string Path { get; }

    /// <summary>Creates <c>autointel-ytdlp-{random}</c> under <paramref name="root"/> (the system temp folder when null).</summary>
    public static WorkFolder Create(string? root)
    {
        string path = System.IO.Path.Combine(root ?? System.IO.Path.GetTempPath(), "autointel-ytdlp-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return new WorkFolder(path);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open (a killed ffmpeg on some systems) must not turn a result into a failure; the OS temp cleaner gets it.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
