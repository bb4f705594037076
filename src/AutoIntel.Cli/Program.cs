using System.CommandLine;
using AutoIntel.Cli;
using AutoIntel.Cli.Commands;
using AutoIntel.Cli.Output;
using Spectre.Console;

// Before anything writes: the live display keeps the raw stdout (it writes escape sequences on purpose), everything else
// (commands, logs) goes through writers that drop control characters coming from content. Spectre detects the terminal
// when the console is created, while Console.Out is still the real stdout.
AnsiConsole.Console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
TerminalSafeWriter.InstallOnConsole();

var root = new RootCommand("autointel: fact-checked briefings of videos, podcasts and articles, on one machine or in Azure.")
{
    CommonOptions.DataDir,
    AnalyzeCommand.Create(),
    StatusCommand.Create(),
    ResumeCommand.Create(),
    ListCommand.Create(),
    TerminateCommand.CreateTerminate(),
    TerminateCommand.CreatePurge(),
    BenchCommand.Create(),
    ServeCommand.Create(),
    DiscordCommand.Create(),
    ModelsCommand.Create(),
    ReportCommand.Create(),
    MemoryCommand.Create(),
    WatchCommand.Create(),
    DoctorCommand.Create(),
};

var parse = root.Parse(args);
if (parse.Errors.Count > 0)
{
    foreach (var error in parse.Errors)
    {
        await Console.Error.WriteLineAsync($"error: {error.Message}");
    }

    await Console.Error.WriteLineAsync("Run 'autointel --help' for usage.");
    return ExitCodes.BadInput;
}

return await parse.InvokeAsync();
