using System.Reflection;
using System.Text.RegularExpressions;
using AutoIntel.TestKit;
using AutoIntel.Workflows.Abstractions;
using AutoIntel.Workflows.AutoIntel;

namespace AutoIntel.Workflows.Tests.Functions;

/// <summary>
/// The Azure Functions adapter (src/AutoIntel.Functions) cannot be compiled here, so this reads its source: Durable
/// Functions finds orchestrations and activities by [Function] name, and a registered name without a function would
/// only fail in Azure, at the first run that calls it.
/// </summary>
public sealed partial class FunctionsAdapterCoverageTests
{
    private static readonly WorkflowRegistry Registry = new WorkflowRegistry().AddAutoIntel();

    [Fact]
    public void FunctionsAdapter_EveryRegisteredActivity_HasAFunction()
    {
        var functions = FunctionNames();

        Registry.Activities.Keys.Should().BeSubsetOf(functions, "each activity needs a [Function(ActivityNames.X)] in src/AutoIntel.Functions/Activities");
    }

    [Fact]
    public void FunctionsAdapter_EveryRegisteredWorkflow_HasAnOrchestratorFunction()
    {
        var functions = FunctionNames();

        Registry.Workflows.Keys.Should().BeSubsetOf(functions, "each workflow needs an [OrchestrationTrigger] function in src/AutoIntel.Functions/Orchestrations");
    }

    [Fact]
    public void FunctionsAdapter_FunctionNames_AreUnique()
    {
        var names = FunctionAttributeArguments().Select(Resolve).ToList();

        names.Should().OnlyHaveUniqueItems();
    }

    /// <summary>Every [Function(...)] name in the adapter, with ActivityNames/WorkflowNames constants resolved to their values.</summary>
    private static HashSet<string> FunctionNames() => [.. FunctionAttributeArguments().Select(Resolve)];

    private static IEnumerable<string> FunctionAttributeArguments()
    {
        string root = Path.Combine(RepoPaths.Root(), "src", "AutoIntel.Functions");
        return Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => FunctionAttribute().Matches(File.ReadAllText(f)))
            .Select(m => m.Groups["arg"].Value.Trim());
    }

    private static string Resolve(string argument)
    {
        if (argument.StartsWith('"'))
        {
            return argument.Trim('"');
        }

        string[] parts = argument.Split('.');
        Type holder = parts[0] switch
        {
            nameof(ActivityNames) => typeof(ActivityNames),
            nameof(WorkflowNames) => typeof(WorkflowNames),
            _ => throw new InvalidOperationException($"[Function({argument})]: use a string literal, ActivityNames.X or WorkflowNames.X"),
        };
        FieldInfo field = holder.GetField(parts[1], BindingFlags.Public | BindingFlags.Static)
            ?? throw new InvalidOperationException($"[Function({argument})]: {parts[1]} is not a constant of {holder.Name}");
        return (string)field.GetRawConstantValue()!;
    }

    [GeneratedRegex(@"\[Function\((?<arg>[^)]+)\)\]")]
    private static partial Regex FunctionAttribute();
}
