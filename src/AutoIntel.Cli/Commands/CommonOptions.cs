using System.CommandLine;

namespace AutoIntel.Cli.Commands;

/// <summary>Options shared by several commands.</summary>
public static class CommonOptions
{
    /// <summary>The global data folder option.</summary>
    public static readonly Option<string?> DataDir = new("--data-dir")
    {
        Description = "Folder for history, artifacts and memory (default: $AUTOINTEL_DATA_DIR, else ~/.local/share/autointel).",
        Recursive = true,
    };

    /// <summary>Machine-readable output.</summary>
    public static Option<bool> Json() => new("--json") { Description = "Print one JSON document instead of text." };
}
