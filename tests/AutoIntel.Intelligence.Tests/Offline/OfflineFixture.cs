using System.Runtime.CompilerServices;
using AutoIntel.Core.Content;
using AutoIntel.Core.Text;
using AutoIntel.Intelligence.Analyzers;
using AutoIntel.Core.Runs;

namespace AutoIntel.Intelligence.Tests.Offline;

/// <summary>Reads the offline test fixtures from the source tree (no copy step in the project file needed).</summary>
internal static class OfflineFixture
{
    public static AnalysisRequest Request { get; } = new("run-1", "local", Depth.Standard);

    public static string Read(string name, [CallerFilePath] string callerPath = "") =>
        File.ReadAllText(Path.Combine(Path.GetDirectoryName(callerPath)!, "Fixtures", name));

    public static string TownHall() => Read("town-hall-transit.txt");

    public static Chunk AsChunk(string text, int index = 0) => new(index, text, TokenCounter.Default.Count(text));

    public static IReadOnlyList<Chunk> Chunks(string text, int maxTokens) =>
        Chunker.Split(new Transcript("t", "s", [.. text.Split("\n\n").Select(p => new TranscriptSegment(p))]), maxTokens);
}
