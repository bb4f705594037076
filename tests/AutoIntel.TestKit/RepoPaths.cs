namespace AutoIntel.TestKit;

/// <summary>Paths inside the repository, found from the test binaries' location.</summary>
public static class RepoPaths
{
    /// <summary>The repository root (the folder holding Functions.sln).</summary>
    public static string Root()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Functions.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new DirectoryNotFoundException("Functions.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>A bundled sample under <c>samples/</c>.</summary>
    public static string Sample(string name) => Path.Combine(Root(), "samples", name);
}
