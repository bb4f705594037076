namespace AutoIntel.Cli.Hosting;

/// <summary>Where history, artifacts and memory live: <c>--data-dir</c>, else <c>AUTOINTEL_DATA_DIR</c>, else the user's local data folder.</summary>
public static class DataDirectory
{
    /// <summary>The environment variable that chooses the data folder.</summary>
    public const string EnvironmentVariable = "AUTOINTEL_DATA_DIR";

    /// <summary>Resolves the data folder from the option value and the environment, as an absolute path.</summary>
    public static string Resolve(string? option)
    {
        var chosen = option;
        if (string.IsNullOrWhiteSpace(chosen))
        {
            chosen = Environment.GetEnvironmentVariable(EnvironmentVariable);
        }

        if (string.IsNullOrWhiteSpace(chosen))
        {
            // ~/.local/share/autointel on Linux (XDG_DATA_HOME respected), %LOCALAPPDATA%\autointel on Windows.
            chosen = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "autointel");
        }

        return Path.GetFullPath(chosen);
    }
}
