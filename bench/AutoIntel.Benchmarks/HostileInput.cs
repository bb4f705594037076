using System.Diagnostics;
using System.Text;
using AutoIntel.Ingestion;
using AutoIntel.Ingestion.Feeds;
using AutoIntel.Ingestion.Transcription;

namespace AutoIntel.Benchmarks;

/// <summary>Hostile inputs under the 20 MiB size cap, each parsed the way a run parses it (within the fetch timeout, via
/// <see cref="ParseBudget"/>), each in a fresh process so its peak working set is its own.</summary>
/// <remarks><c>hostile-input</c> runs every case as a child process; <c>hostile-input &lt;case&gt;</c> runs one.</remarks>
internal static class HostileInput
{
    private const int Cap = 20 * 1024 * 1024;

    private static readonly Dictionary<string, (string Description, Func<byte[]> Make, Func<byte[], CancellationToken, string> Parse)> Cases = new()
    {
        ["nested-html"] = ("18 MiB of nested <div>s", () => Repeat("<html><body>", "<div>x", 18 * 1024 * 1024), Html),
        ["wide-html"] = ("505 nested <span>s, then 18 MiB of <div></div> (each start tag scans the open-element stack; 1.7 million elements)",
            () => Repeat("<html><body>" + string.Concat(Enumerable.Repeat("<span>", 505)), "<div></div>", 18 * 1024 * 1024), Html),
        ["srt-20mib"] = ("20 MiB SRT, 164,000 two-line cues", Srt, (bytes, token) => $"{SubtitleParser.Parse(Decode(bytes, "application/x-subrip"), token).Count:N0} segments"),
        ["srt-unclosed-tags"] = ("SRT cue of one 8 MB line of \"<a<a<a…\"",
            () => Repeat("1\n00:00:01,000 --> 00:00:02,000\n", "<a", 8_000_000), (bytes, token) => $"{SubtitleParser.Parse(Decode(bytes, "application/x-subrip"), token).Count} segment"),
        ["markdown-brackets"] = ("Markdown of one 8 MB line of \"[[[…\"",
            () => Repeat(string.Empty, "[", 8_000_000), (bytes, token) => $"{PlainTextParser.Parse(Decode(bytes, "text/markdown"), markdown: true, token).Count} segment"),
        ["feed-nested"] = ("RSS whose title nests 1,000,000 elements",
            () => Encoding.UTF8.GetBytes("<rss><channel><title>" + string.Concat(Enumerable.Repeat("<a>", 1_000_000)) + "x" + string.Concat(Enumerable.Repeat("</a>", 1_000_000)) + "</title></channel></rss>"),
            (bytes, _) => $"{FeedParser.Parse(bytes, new Uri("https://feeds.example/show.xml"), "feed").Items.Count} items"),
    };

    public static async Task RunAsync(string? name, TextWriter output)
    {
        if (name is not null)
        {
            RunOne(name, output);
            return;
        }

        await output.WriteLineAsync("| input | size | outcome | time | allocated | peak working set |");
        await output.WriteLineAsync("| --- | ---: | --- | ---: | ---: | ---: |");
        foreach (string each in Cases.Keys)
        {
            var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true };
            if (!Environment.ProcessPath!.EndsWith("AutoIntel.Benchmarks", StringComparison.Ordinal))
            {
                start.ArgumentList.Add(typeof(HostileInput).Assembly.Location);
            }

            start.ArgumentList.Add("hostile-input");
            start.ArgumentList.Add(each);
            using Process child = Process.Start(start)!;
            await output.WriteLineAsync((await child.StandardOutput.ReadToEndAsync()).TrimEnd());
            await child.WaitForExitAsync();
        }
    }

    private static void RunOne(string name, TextWriter output)
    {
        (string description, Func<byte[]> make, Func<byte[], CancellationToken, string> parse) = Cases[name];
        byte[] input = make();
        if (input.Length > Cap)
        {
            throw new InvalidOperationException($"{name} is {input.Length:N0} bytes, over the 20 MiB cap it is meant to stay under.");
        }

        long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        long started = Stopwatch.GetTimestamp();
        string outcome;
        try
        {
            outcome = ParseBudget.Default.Run(name, token => parse(input, token));
        }
        catch (ContentRefusedException ex)
        {
            outcome = $"refused: {ex.Reason}";
        }

        TimeSpan elapsed = Stopwatch.GetElapsedTime(started);
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        long peak = Process.GetCurrentProcess().PeakWorkingSet64;
        output.WriteLine($"| {description} | {input.Length / 1048576.0:0.0} MiB | {outcome} | {elapsed.TotalMilliseconds:N0} ms | {allocated / 1048576:N0} MiB | {peak / 1048576:N0} MiB |");
    }

    private static string Html(byte[] bytes, CancellationToken token) => $"{HtmlTextExtractor.Extract(Decode(bytes, "text/html"), token).Blocks.Count:N0} blocks";

    private static string Decode(byte[] bytes, string mediaType) => TextDecoder.Decode(bytes, mediaType);

    private static byte[] Repeat(string head, string unit, int size)
    {
        var text = new StringBuilder(head, size);
        while (text.Length + unit.Length <= size)
        {
            text.Append(unit);
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static byte[] Srt()
    {
        string[] words = "the market rose sharply after officials said inflation would fall next year according to new data from the central bank".Split(' ');
        var random = new Random(1);
        var text = new StringBuilder(Cap);
        for (int cue = 1; ; cue++)
        {
            TimeSpan start = TimeSpan.FromMilliseconds((cue - 1) * 2600L);
            string block = $"{cue}\n{Time(start)} --> {Time(start + TimeSpan.FromMilliseconds(2500))}\n{Line()}\n{Line()}\n\n";
            if (text.Length + block.Length > Cap)
            {
                return Encoding.UTF8.GetBytes(text.ToString());
            }

            text.Append(block);
        }

        // Hours past 24 (164,000 cues run for 118 hours).
        static string Time(TimeSpan t) => $"{(int)t.TotalHours:00}:{t:mm\\:ss\\,fff}";

        string Line() => string.Join(' ', Enumerable.Range(0, random.Next(5, 11)).Select(_ => words[random.Next(words.Length)]));
    }
}
