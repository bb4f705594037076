namespace AutoIntel.Workflows.Runtime;

/// <summary>Where <see cref="FileHistoryStore"/> keeps its files.</summary>
public sealed class FileHistoryStoreOptions
{
    /// <summary>The folder holding one <c>&lt;instance&gt;.jsonl</c> history (and its <c>.lock</c> file) per instance.</summary>
    public string RootPath { get; set; } = Path.Combine(".autointel", "history");
}
