using System.CommandLine;
using System.CommandLine.Parsing;
using AutoIntel.Core.Runs;
using AutoIntel.Workflows.Abstractions;

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

    /// <summary>An instance id argument: a bad id (traversal, too long, a trailing newline) is a parse error, so exit 2 with one line.</summary>
    public static Argument<string> InstanceId(string description)
    {
        var id = new Argument<string>("id") { Description = description };
        id.Validators.Add(result => Check(result, result.GetValueOrDefault<string?>()));
        return id;
    }

    /// <summary>An optional instance id argument (for commands that also take <c>--all</c>).</summary>
    public static Argument<string?> OptionalInstanceId(string description)
    {
        var id = new Argument<string?>("id") { Description = description, Arity = ArgumentArity.ZeroOrOne };
        id.Validators.Add(result => Check(result, result.GetValueOrDefault<string?>()));
        return id;
    }

    /// <summary>The <c>--instance</c> option of <c>analyze</c>, checked like the arguments.</summary>
    public static Option<string?> InstanceOption(string description)
    {
        var option = new Option<string?>("--instance") { Description = description };
        option.Validators.Add(result => Check(result, result.GetValueOrDefault<string?>()));
        return option;
    }

    /// <summary>The <c>--depth</c> option: a bad value is one line listing the valid ones (System.CommandLine's own message names the enum type).</summary>
    public static Option<Depth> DepthOption(Depth defaultDepth = Depth.Standard) => new("--depth")
    {
        Description = string.Join(" | ", DepthNames),
        DefaultValueFactory = _ => defaultDepth,
        CustomParser = result =>
        {
            var token = result.Tokens.Count == 0 ? string.Empty : result.Tokens[0].Value;
            var match = Enum.GetValues<Depth>().FirstOrDefault(d => string.Equals(d.ToString(), token, StringComparison.OrdinalIgnoreCase), (Depth)(-1));
            if (match == (Depth)(-1))
            {
                result.AddError($"--depth '{token}' is not a depth; use one of: {string.Join(", ", DepthNames)}.");
                return Depth.Standard;
            }

            return match;
        },
    };

    private static IEnumerable<string> DepthNames => Enum.GetValues<Depth>().Select(d => d.ToString().ToLowerInvariant());

    private static void Check(SymbolResult result, string? id)
    {
        if (id is not null && !InstanceIds.IsValid(id))
        {
            result.AddError(InstanceIds.Problem(id));
        }
    }
}
