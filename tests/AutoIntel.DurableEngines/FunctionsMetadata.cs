using System.Reflection;
using System.Text.Json;
using AutoIntel.Functions;
using AutoIntel.TestKit;

namespace AutoIntel.DurableEngines;

/// <summary>One function as the Functions SDK's build wrote it to <c>functions.metadata</c> (what the host indexes at start).</summary>
public sealed record FunctionEntry(string Name, string EntryPoint, IReadOnlyList<string> Bindings)
{
    /// <summary>The trigger binding's type (the first binding whose type ends in "Trigger").</summary>
    public string Trigger => Bindings.First(b => b.EndsWith("Trigger", StringComparison.Ordinal));

    /// <summary>The method the host invokes.</summary>
    public MethodInfo Method()
    {
        int cut = EntryPoint.LastIndexOf('.');
        Type type = typeof(FunctionsServiceCollectionExtensions).Assembly.GetType(EntryPoint[..cut], throwOnError: true)!;
        return type.GetMethod(EntryPoint[(cut + 1)..], BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static)
            ?? throw new InvalidOperationException($"{EntryPoint} is not a public method");
    }
}

/// <summary>Reads the <c>functions.metadata</c> that the build of src/AutoIntel.Functions wrote next to its assembly.</summary>
public static class FunctionsMetadata
{
    private static readonly Lazy<IReadOnlyList<FunctionEntry>> Entries = new(Load);

    /// <summary>Every function of the app.</summary>
    public static IReadOnlyList<FunctionEntry> All => Entries.Value;

    /// <summary>The path of the file: the Functions project's build output in the same configuration as the running app (a test or benchmark assembly).</summary>
    public static string FilePath
    {
        get
        {
            // artifacts/bin/<app>/<config>/ → artifacts/bin/AutoIntel.Functions/<config>/functions.metadata
            var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            string path = Path.Combine(testOutput.Parent!.Parent!.FullName, "AutoIntel.Functions", testOutput.Name, "functions.metadata");
            return File.Exists(path)
                ? path
                : throw new FileNotFoundException($"{path} is missing: build src/AutoIntel.Functions (eng/test.sh builds AutoIntel.Local.slnf).", path);
        }
    }

    private static IReadOnlyList<FunctionEntry> Load()
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(FilePath));
        return
        [
            .. document.RootElement.EnumerateArray().Select(f => new FunctionEntry(
                f.GetProperty("name").GetString()!,
                f.GetProperty("entryPoint").GetString()!,
                [.. f.GetProperty("bindings").EnumerateArray().Select(b => b.GetProperty("type").GetString()!)])),
        ];
    }
}
