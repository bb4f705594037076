using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using AutoIntel.Cli.Hosting;
using AutoIntel.Cli.Output;
using AutoIntel.Core;
using AutoIntel.Core.Briefings;
using AutoIntel.Core.Runs;
using AutoIntel.Core.Telemetry;
using AutoIntel.Ingestion;
using AutoIntel.Intelligence.Simulation;
using AutoIntel.Storage;
using AutoIntel.Workflows.Abstractions;
using AutoIntel.Workflows.AutoIntel;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace AutoIntel.Cli.Commands;

/// <summary><c>autointel analyze &lt;file|url&gt;</c>: runs the /autointel workflow locally and prints the briefing.</summary>
public static class AnalyzeCommand
{
    private static readonly string[] BriefingFiles = ["briefing.md", "briefing.json"];

    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var source = new Argument<string>("source") { Description = "A local file (transcript, subtitles, text, HTML or audio) or an http(s) link (article, podcast feed, or video page: YouTube, Twitch, TikTok, Vimeo, Reddit, …)." };
        var depth = CommonOptions.DepthOption();
        var json = CommonOptions.Json();
        var outDir = new Option<string?>("--out") { Description = "Also write briefing.md and briefing.json into this folder." };
        var instance = CommonOptions.InstanceOption("Instance id (default: a new GUID). An existing id is resumed or shown, never run twice.");
        var sequential = new Option<bool>("--sequential") { Description = "Run stages and activities one at a time (to compare with the parallel run)." };
        var latency = new Option<int?>("--simulate-latency") { Description = "Make analyzer calls wait like LLM calls, with this base latency in ms." };
        var allowHost = new Option<string[]>("--allow-host") { Description = "Allow fetching from this host even if it resolves to a private address (repeatable).", AllowMultipleArgumentsPerToken = false };

        var command = new Command("analyze", "Analyse a video transcript, podcast, article or text and print the briefing.")
        {
            source, depth, json, outDir, instance, sequential, latency, allowHost,
        };
        command.SetAction((parse, ct) => RunAsync(
            new AnalyzeArgs(
                parse.GetRequiredValue(source),
                parse.GetValue(depth),
                parse.GetValue(json),
                parse.GetValue(outDir),
                parse.GetValue(instance),
                parse.GetValue(sequential),
                parse.GetValue(latency),
                parse.GetValue(allowHost) ?? [],
                parse.GetValue(CommonOptions.DataDir)),
            ct));
        return command;
    }

    /// <summary>Runs an analysis and returns the exit code.</summary>
    public static async Task<int> RunAsync(AnalyzeArgs args, CancellationToken cancellationToken)
    {
        if (args.Instance is { } id && !InstanceIds.IsValid(id))
        {
            await Console.Error.WriteLineAsync($"error: --instance {InstanceIds.Problem(id)}");
            return ExitCodes.BadInput;
        }

        if (args.OutDir is { } outDir && PrepareOutDir(outDir) is { } outProblem)
        {
            // Checked before the run starts: a run of many minutes must not end in "cannot write".
            await Console.Error.WriteLineAsync($"error: --out {outProblem}");
            return ExitCodes.BadInput;
        }

        var settings = new AppSettings(
            DataDirectory.Resolve(args.DataDir),
            args.AllowHosts.Length > 0 ? new Dictionary<string, string?> { ["Fetch:AllowedHosts"] = string.Join(',', args.AllowHosts) } : null,
            args.Sequential,
            args.SimulatedLatencyMs is { } ms ? new SimulatedLatencyOptions { BaseMs = ms } : null);
        await using var app = AutoIntelApp.Create(settings);
        var source = File.Exists(args.Source) ? Path.GetFullPath(args.Source) : args.Source;
        if (await RefusalAsync(app, source, args.Instance, cancellationToken) is { } refusal)
        {
            // Refused before the run starts, so no Failed run is left behind in the data folder.
            await Console.Error.WriteLineAsync($"error: {refusal}");
            return ExitCodes.BadInput;
        }

        var started = Stopwatch.GetTimestamp();
        var start = await app.Runtime.StartAsync(WorkflowNames.AutoIntel, new AnalyzeRequest(source, args.Depth, TraceParent: RunTrace.NewTraceParent()), args.Instance, cancellationToken);
        if (!start.Created)
        {
            await app.Runtime.ResumeAsync(start.InstanceId, cancellationToken);
        }

        InstanceStatus final;
        try
        {
            final = await FollowAsync(app, start.InstanceId, args.Json, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            await Console.Error.WriteLineAsync($"Interrupted. Resume with: autointel resume {start.InstanceId}");
            return ExitCodes.Interrupted;
        }

        return await ReportAsync(app.Artifacts, final, args, Stopwatch.GetElapsedTime(started), cancellationToken);
    }

    /// <summary>Shows progress until the instance ends: live on a terminal, plain lines otherwise (stderr with --json).</summary>
    public static async Task<InstanceStatus> FollowAsync(AutoIntelApp app, string instanceId, bool json, CancellationToken cancellationToken)
    {
        var completion = app.Runtime.WaitForCompletionAsync(instanceId, cancellationToken);
        if (json || Console.IsOutputRedirected || !AnsiConsole.Profile.Capabilities.Interactive)
        {
            var sink = new PlainProgressSink(json ? Console.Error : Console.Out);
            return await RunWatcher.WatchAsync(app.Runtime, completion, instanceId, sink, cancellationToken);
        }

        var live = new LiveProgressSink(AnsiConsole.Console);
        return await AnsiConsole.Status().StartAsync($"Starting {instanceId}", async ctx =>
        {
            live.Status = ctx;
            return await RunWatcher.WatchAsync(app.Runtime, completion, instanceId, live, cancellationToken);
        });
    }

    // Why the run must not start: an existing --instance that analysed another source (showing its old briefing would be wrong),
    // or a source that acquisition would refuse without fetching anything (missing file, bad encoding, not an http(s) link).
    private static async Task<string?> RefusalAsync(AutoIntelApp app, string source, string? instance, CancellationToken cancellationToken)
    {
        if (instance is not null && await app.Runtime.GetStatusAsync(instance, cancellationToken) is { } existing)
        {
            var previous = RunFacts.SourceOf(existing);
            return previous is null || previous == source
                ? null
                : $"instance '{instance}' analysed {previous}, not {source}; omit --instance or choose a new id to analyse it.";
        }

        try
        {
            await app.Services.GetRequiredService<IContentAcquirer>().CheckAsync(source, cancellationToken);
            return null;
        }
        catch (PermanentFailureException refused)
        {
            return refused.Message;
        }
    }

    // Creates the --out folder now; returns why it cannot be used (a file is in the way, no permission), or null.
    private static string? PrepareOutDir(string dir)
    {
        if (File.Exists(dir))
        {
            return $"'{dir}' is an existing file; give a folder (briefing.md and briefing.json are written into it).";
        }

        try
        {
            Directory.CreateDirectory(dir);
            var blocked = BriefingFiles.FirstOrDefault(name => Directory.Exists(Path.Combine(dir, name)));
            return blocked is null ? null : $"'{Path.Combine(dir, blocked)}' is a folder; the briefing cannot be written there.";
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return $"'{dir}' cannot be used as a folder: {ex.Message}";
        }
    }

    private static async Task<int> ReportAsync(IArtifactStore artifacts, InstanceStatus final, AnalyzeArgs args, TimeSpan wall, CancellationToken cancellationToken)
    {
        if (final.RuntimeStatus != RuntimeStatus.Completed)
        {
            var failure = final.Failure;
            if (args.Json)
            {
                Console.WriteLine(RunDocument.NotCompleted(final, args.Depth.ToString().ToLowerInvariant(), args.Source).ToJson());
            }

            await Console.Error.WriteLineAsync($"Run {final.InstanceId} {final.RuntimeStatus.ToString().ToLowerInvariant()}: {failure?.Message ?? "no reason recorded"}");
            return failure?.IsPermanent == true ? ExitCodes.BadInput : ExitCodes.RunFailed;
        }

        var result = final.Output!.Value.Deserialize<RunResult>(Core.Serialization.AutoIntelJson.Options)!;
        var files = new ArtifactsDocument(RunFacts.Locate(artifacts, result.BriefingMarkdown.Path), RunFacts.Locate(artifacts, result.BriefingJson.Path));
        if (args.OutDir is { } dir)
        {
            Directory.CreateDirectory(dir);
            await CopyAsync(artifacts, result.BriefingMarkdown.Path, Path.Combine(dir, "briefing.md"), cancellationToken);
            await CopyAsync(artifacts, result.BriefingJson.Path, Path.Combine(dir, "briefing.json"), cancellationToken);
            files = new ArtifactsDocument(Path.GetFullPath(Path.Combine(dir, "briefing.md")), Path.GetFullPath(Path.Combine(dir, "briefing.json")));
        }

        if (args.Json)
        {
            // Straight to stdout: the serializer escapes every control character, so the terminal-safe Console.Out has nothing to remove.
            // Read from the file's stream in two parts, the briefing without its claims and then the claims one at a time as they are
            // printed: a long run's briefing lists tens of thousands of claims. The sections listed under "analysis" are left out of the
            // briefing read and copied from the file as they are printed. --json does not print the Markdown.
            Task<Stream> Open(CancellationToken t) => artifacts.OpenReadAsync(result.BriefingJson.Path, t);
            var copied = RunDocument.AnalysisProperties(Intelligence.Analyses.AnalysisCatalog.All.Where(a => a.JsonProperty is not null).Select(a => (a.Name, a.JsonProperty!)));
            var (briefing, inFile) = await BriefingFile.ReadWithoutClaimsAsync(Open, Intelligence.Analyses.AnalysisCatalog.ReadBriefingAsync, copied, cancellationToken);
            await Console.Out.FlushAsync(cancellationToken);
            await using var stdout = Console.OpenStandardOutput();
            await RunDocument.Completed(final, briefing with { Stages = result.Stages }, files, new SectionsInFile(inFile, Open))
                .WriteJsonLineAsync(stdout, BriefingFile.ReadClaimsAsync(Open, cancellationToken).Select(ClaimDocument.From), cancellationToken);
            return ExitCodes.Success;
        }

        Console.WriteLine();
        Console.WriteLine(await artifacts.GetTextAsync(result.BriefingMarkdown.Path, cancellationToken));
        Console.WriteLine(TimingTable.Render(result.Stages, wall));
        Console.WriteLine($"Instance {final.InstanceId} · briefing {files.Markdown}");
        return ExitCodes.Success;
    }

    private static async Task CopyAsync(IArtifactStore artifacts, string path, string file, CancellationToken cancellationToken)
    {
        await using var from = await artifacts.OpenReadAsync(path, cancellationToken);
        await using var to = File.Create(file);
        await from.CopyToAsync(to, cancellationToken);
    }
}

/// <summary>Parsed arguments of <c>analyze</c>.</summary>
public sealed record AnalyzeArgs(
    string Source,
    Depth Depth,
    bool Json,
    string? OutDir,
    string? Instance,
    bool Sequential,
    int? SimulatedLatencyMs,
    string[] AllowHosts,
    string? DataDir);
